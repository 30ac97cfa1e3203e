/**
 * The deterministic passes of the generated phase for one operation, from its request schema: every
 * boundary exactly and one step past it, every constraint of every field violated on its own in each
 * encoding it means something in, every required field missing, an unknown field, malformed
 * encodings, the rules the schema cannot say (semantics.ts), the `token` header altered
 * (keyVariants.ts), and the transport variants HTTP allows. The same list on every run.
 */
import fc from 'fast-check';
import type { JsonSchema, OperationId } from '../../core/spec.ts';
import { type Encoding, type Example, mediaTypes } from './example.ts';
import { boundaries, violations } from './fieldCases.ts';
import { keyVariantNames } from './keyVariants.ts';
import { type RequestField, requestFields, withValue } from './requestFields.ts';
import { groundedFields, keepRules, noteFields, ruleBreakers } from './semantics.ts';

const encodings: readonly Encoding[] = ['form', 'json'];

/** A valid value of a field with no randomness: the minimal body's. */
export function plainValue(field: RequestField): unknown {
  const grounded = groundedFields[field.name];
  if (grounded) return grounded.ground;
  const { schema } = field;
  if (noteFields.has(field.name)) return { $ground: 'note', text: 'generated example' };
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'number':
    case 'integer': {
      // 10 where the limits allow it: a plain amount, limit or page.
      const low = Number(schema.minimum ?? schema.exclusiveMinimum ?? 0);
      const high = Number(schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000);
      return Math.min(high, Math.max(10, schema.exclusiveMinimum === undefined ? low : low + 1));
    }
    case 'string':
      if (schema.format === 'date') return { $ground: 'berlinDay', offset: 0 };
      if (typeof schema.pattern === 'string')
        return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1, numRuns: 1 })[0];
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'array':
      return [plainItem(field, 0)];
    default:
      return undefined;
  }
}

/** Item `index` of an array field, its required properties at their plain values. */
function plainItem(array: RequestField, index: number): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const items = (array.schema.items ?? {}) as JsonSchema;
  for (const name of (items.required ?? []) as string[]) {
    const child = { path: [...array.path, index, name], name: `${array.name}[].${name}` } as const;
    const value = plainValue({
      ...child,
      schema: (items.properties as Record<string, JsonSchema>)[name]!,
      required: true,
    });
    const ground = value as { $ground?: string; index?: number };
    item[name] = ground?.$ground === 'recipientToken' ? { ...ground, index } : value;
  }
  return item;
}

/**
 * A valid body that is not empty: the minimal one, or with the first optional field when it has
 * none (a Content-Type means nothing on an empty body).
 */
export function nonEmptyBody(operationId: OperationId): Record<string, unknown> {
  const body = minimalBody(operationId);
  if (Object.keys(body).length > 0) return body;
  const field = requestFields(operationId).find((f) => f.path.length === 1 && !groundedFields[f.name]);
  return field ? { [field.name]: plainValue(field) } : body;
}

/** The smallest valid body: required fields at plain values, and the note that carries the run tag. */
export function minimalBody(operationId: OperationId): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of requestFields(operationId)) {
    if (field.path.length !== 1) continue;
    if (field.required || noteFields.has(field.name)) body[field.name] = plainValue(field);
  }
  return body;
}

function arrayOf(field: RequestField, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => plainItem(field, index));
}

type Draft = Omit<Example, 'id' | 'operationId' | 'token'> & { token?: Example['token'] };

function idOf(operationId: OperationId, draft: Draft): string {
  // Shell- and URL-safe, so a replay line can quote it as it is.
  const parts = [operationId, draft.kind, draft.field ?? '-', draft.rule, draft.encoding];
  return parts.map((part) => part.replace(/[^A-Za-z0-9_.+#[\]-]+/g, '-').replace(/^-|-$/g, '')).join('/');
}

function finish(operationId: OperationId, drafts: Draft[]): Example[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    let id = idOf(operationId, draft);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}#${n + 1}`;
    return { token: { kind: 'own' }, ...draft, id, operationId };
  });
}

/** A body with `value` at the field, kept valid by the rules the schema cannot say. */
function placed(
  operationId: OperationId,
  base: Record<string, unknown>,
  field: RequestField,
  value: unknown,
) {
  const isCount = field.schema.type === 'array' && typeof value === 'number';
  const actual = isCount
    ? arrayOf(field, value)
    : noteFields.has(field.name) && typeof value === 'string'
      ? { $ground: 'note', text: value, exact: true }
      : value;
  return keepRules(operationId, withValue(base, field.path, actual), field.name);
}

export function boundaryExamples(operationId: OperationId): Example[] {
  const base = minimalBody(operationId);
  const drafts: Draft[] = [];
  for (const field of requestFields(operationId)) {
    const grounded = groundedFields[field.name];
    const { valid, invalid } = boundaries(field);
    for (const encoding of encodings) {
      for (const { rule, value } of valid) {
        const body = placed(operationId, base, field, value);
        if (!body) continue;
        drafts.push({
          kind: 'boundary',
          field: field.name,
          rule,
          encoding,
          body,
          expect: grounded ? grounded.ungrounded : [200],
          ...(grounded ? { because: grounded.because } : {}),
          ...(grounded?.destructive && value !== grounded.safe ? { needsControl: true } : {}),
        });
      }
      for (const { rule, value } of invalid) {
        const body = withValue(
          base,
          field.path,
          field.schema.type === 'array' ? arrayOf(field, Number(value)) : value,
        );
        drafts.push({ kind: 'boundary', field: field.name, rule, encoding, body, expect: [400] });
      }
    }
  }
  return finish(operationId, drafts);
}

export function negativeExamples(operationId: OperationId): Example[] {
  const base = minimalBody(operationId);
  const drafts: Draft[] = [];
  const negative = (draft: Omit<Draft, 'kind' | 'expect'> & { expect?: number[] }) =>
    drafts.push({ kind: 'negative', expect: [400], ...draft });
  for (const field of requestFields(operationId)) {
    for (const { rule, value, encodings: meaningful } of violations(
      field,
      groundedFields[field.name]?.safe,
    )) {
      for (const encoding of meaningful ?? encodings) {
        negative({ field: field.name, rule, encoding, body: withValue(base, field.path, value) });
      }
    }
    if (field.required) {
      for (const encoding of encodings)
        negative({
          field: field.name,
          rule: 'required: missing',
          encoding,
          body: withValue(base, field.path, undefined),
        });
    }
  }
  for (const encoding of encodings) {
    negative({ rule: 'unknown field', encoding, body: { ...base, unknown_field: 'x' } });
    for (const extra of ruleBreakers(operationId, base)) {
      const { needs, ...rest } = extra;
      negative({ ...rest, encoding, ...(needs === 'control' ? { needsControl: true } : {}) });
    }
  }
  const filled = nonEmptyBody(operationId);
  const first = Object.keys(filled)[0];
  if (first)
    negative({ field: first, rule: 'given twice', encoding: 'form', body: filled, repeatField: first });
  negative({
    rule: 'malformed JSON',
    encoding: 'json',
    raw: '{"amount": 12.5,',
    contentType: mediaTypes.json,
  });
  negative({ rule: 'JSON array body', encoding: 'json', raw: '[]', contentType: mediaTypes.json });
  negative({
    rule: 'JSON sent as a form',
    encoding: 'form',
    raw: '{"limit": 5}',
    contentType: mediaTypes.form,
  });
  // The spec leaves other charsets open; refusing them is the sandbox's own rule (D-OUTSIDE).
  negative({
    rule: 'charset iso-8859-1',
    encoding: 'form',
    body: filled,
    contentType: `${mediaTypes.form}; charset=iso-8859-1`,
    because: 'D-OUTSIDE: the reference sandbox refuses a charset other than UTF-8',
    needsControl: true,
  });
  negative({ rule: 'text/plain', encoding: 'form', body: filled, contentType: 'text/plain' });
  return finish(operationId, drafts);
}

/** Every variant of each real key of the run, on the operation's minimal body. */
export function authExamples(operationId: OperationId): Example[] {
  const base = minimalBody(operationId);
  const drafts: Draft[] = [];
  for (const of of ['own', 'other'] as const) {
    for (const variant of keyVariantNames) {
      drafts.push({
        kind: 'auth',
        field: 'token',
        rule: `${of === 'own' ? 'own key' : 'other account key'}, ${variant}`,
        encoding: 'form',
        body: base,
        token: { kind: 'variant', of, variant },
        // Filled in when the real keys are known (keyVariants.ts, documentedAuthStatus).
        expect: [],
        because: 'D-AUTH',
      });
    }
  }
  drafts.push({
    kind: 'auth',
    field: 'token',
    rule: 'no token header',
    encoding: 'form',
    body: base,
    token: { kind: 'none' },
    expect: [401],
    because: 'D-AUTH',
  });
  return finish(operationId, drafts);
}

/** What HTTP allows in a Content-Type and the spec accepts: answered like the plain form. */
export const transportVariants: { rule: string; encoding: Encoding; contentType: string }[] = [
  { rule: 'form; charset=utf-8', encoding: 'form', contentType: `${mediaTypes.form}; charset=utf-8` },
  { rule: 'form; charset=UTF-8', encoding: 'form', contentType: `${mediaTypes.form}; charset=UTF-8` },
  { rule: 'form;charset="utf-8"', encoding: 'form', contentType: `${mediaTypes.form};charset="utf-8"` },
  { rule: 'form in upper case', encoding: 'form', contentType: mediaTypes.form.toUpperCase() },
  { rule: 'json; charset=utf-8', encoding: 'json', contentType: `${mediaTypes.json}; charset=utf-8` },
  { rule: 'json in mixed case', encoding: 'json', contentType: 'Application/JSON' },
];

export function transportExamples(operationId: OperationId): Example[] {
  const body = nonEmptyBody(operationId);
  return finish(
    operationId,
    transportVariants.map(({ rule, encoding, contentType }) => ({
      kind: 'transport',
      field: 'Content-Type',
      rule,
      encoding,
      body,
      contentType,
      expect: [200],
      because: 'RFC 9110 §8.3.1: media types are case-insensitive and take parameters',
    })),
  );
}
