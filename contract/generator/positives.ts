/**
 * Random valid bodies of an operation, as a fast-check arbitrary built from its request schema:
 * required fields always, optional ones at random, each value valid by its schema (fieldCases.ts),
 * state placeholders where the value must be the run's (semantics.ts), and the rules the schema
 * cannot say kept. fast-check shrinks a failing body towards the minimal one.
 */
import fc from 'fast-check';
import type { JsonSchema, OperationId } from '../../core/spec.ts';
import { arbitraryOf } from './fieldCases.ts';
import { type RequestField, requestFields } from './requestFields.ts';
import { groundedFields, keepRules, noteFields } from './semantics.ts';

export interface PositiveLimits {
  /** Distinct recipient tokens of other accounts the target can supply (split links). */
  recipientTokens: number;
}

function arbitraryForField(field: RequestField, limits: PositiveLimits): fc.Arbitrary<unknown> {
  const grounded = groundedFields[field.name];
  if (grounded) return fc.constant(grounded.ground);
  const { schema } = field;
  if (noteFields.has(field.name)) return arbitraryOf(schema).map((text) => ({ $ground: 'note', text }));
  if (schema.type === 'string' && schema.format === 'date')
    return fc.integer({ min: -3, max: 1 }).map((offset) => ({ $ground: 'berlinDay', offset }));
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const min = Number(schema.minItems ?? 0);
    const max = Math.min(Number(schema.maxItems ?? 5), limits.recipientTokens, 5);
    if (max < min) return fc.constant(undefined);
    const shares = arbitraryOf((items.properties as Record<string, JsonSchema>).share ?? { type: 'number' });
    return fc
      .array(shares, { minLength: min, maxLength: max })
      .map((list) => list.map((share, index) => ({ token: { $ground: 'recipientToken', index }, share })));
  }
  return arbitraryOf(schema);
}

/** Valid bodies, or `undefined` when the target cannot supply what the operation needs. */
export function positiveBodies(
  operationId: OperationId,
  limits: PositiveLimits,
): fc.Arbitrary<Record<string, unknown> | undefined> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const field of requestFields(operationId)) {
    if (field.path.length !== 1) continue;
    shape[field.name] = arbitraryForField(field, limits);
    if (field.required || noteFields.has(field.name)) required.push(field.name);
  }
  return fc.record(shape, { requiredKeys: required }).map((body) => {
    const clean = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    for (const name of required) if (!(name in clean)) return undefined;
    return keepRules(operationId, clean);
  });
}
