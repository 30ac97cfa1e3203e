/**
 * Form-urlencoded bodies as OpenAPI describes them, both ways, for every Node caller (the typed
 * client, the contract suite, the sandbox and its tests). Every value travels as text, and the
 * property's schema says what it means: a number, an integer, a boolean, or JSON text where the
 * spec's `encoding` says `application/json` (createSplitLink's `recipients`).
 * Reading: text that does not read strictly as its type is left as text, so the schema rejects it
 * with a clear message instead of guessing ("1e3", " 12", "NaN").
 * Writing: see `formFieldText`. The load scenarios keep their own writer (load/scenarios/form.ts:
 * k6 has no URLSearchParams); formEncoding.test.ts proves the two write the same text.
 */
import type { JsonSchema } from './spec.ts';

const decimal = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const integer = /^-?(0|[1-9][0-9]*)$/;

export type FormDecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

function schemaType(schema: JsonSchema | undefined): string | undefined {
  const type = schema?.type;
  return typeof type === 'string' ? type : undefined;
}

function decodeValue(text: string, schema: JsonSchema | undefined, asJson: boolean): unknown {
  if (asJson) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  switch (schemaType(schema)) {
    case 'number':
      return decimal.test(text) ? Number(text) : text;
    case 'integer':
      return integer.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

export function decodeForm(
  params: URLSearchParams,
  schema: JsonSchema,
  jsonFields: readonly string[],
): FormDecodeResult {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const value: Record<string, unknown> = {};
  for (const [name, text] of params) {
    if (Object.hasOwn(value, name)) return { ok: false, message: `${name} is given more than once` };
    const decoded = decodeValue(text, properties[name], jsonFields.includes(name));
    // Assigning "__proto__" would set the prototype and drop the field unseen, so it is defined;
    // every other name is assigned, which is several times faster on the hot path.
    if (name === '__proto__')
      Object.defineProperty(value, name, {
        value: decoded,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else value[name] = decoded;
  }
  return { ok: true, value };
}

/** Plain decimal text: `String(1e-7)` would be "1e-7", which the API refuses as an exponent. */
export function decimalText(value: number): string {
  const text = String(value);
  if (!Number.isFinite(value) || !/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * The text of one field. Where callers could disagree, the rule and its reason:
 * - a number is its value in plain decimals (1e-7 is "0.0000001"): spec/DECISIONS.md D-MONEY makes
 *   exponents invalid in forms, so exponent text would say something the caller did not mean;
 *   NaN and the infinities stay as `String` writes them, for tests that send them on purpose;
 * - `null` is an empty field (""): a form has no null, and the text "null" is a valid note;
 *   in a JSON-encoded field it is the JSON text `null`, as the spec's `encoding` says;
 * - an object or an array outside a JSON-encoded field is JSON text, not "[object Object]": the
 *   spec has no such fields, so only deliberately wrong bodies hold one, and it stays visible.
 */
export function formFieldText(value: unknown, asJson: boolean): string {
  if (asJson) return JSON.stringify(value);
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return decimalText(value);
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return value === null ? '' : JSON.stringify(value);
  }
}

/**
 * The fields of `body` as text, in its own key order; `undefined` fields are left out (as
 * JSON.stringify does). `jsonFields` are the operation's JSON-encoded form fields
 * (core/spec.ts `jsonEncodedFormFields`). Pairs, not a record: a field named `__proto__` stays a field.
 */
export function formFields(body: Record<string, unknown>, jsonFields: readonly string[]): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) fields.push([name, formFieldText(value, jsonFields.includes(name))]);
  }
  return fields;
}

/** The fields as one body: `application/x-www-form-urlencoded`, spaces as "+". */
export function formText(fields: Iterable<readonly [string, string]>): string {
  const params = new URLSearchParams();
  for (const [name, text] of fields) params.append(name, text);
  return params.toString();
}

export function encodeFormBody(body: Record<string, unknown>, jsonFields: readonly string[]): string {
  return formText(formFields(body, jsonFields));
}
