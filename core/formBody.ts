/**
 * Reads a form-urlencoded body the way OpenAPI describes it: every value arrives as text, and the
 * property's schema says what it means (a number, an integer, a boolean, or JSON text where the
 * spec's `encoding` says `application/json`). Text that does not read strictly as that type is left
 * as text, so the schema rejects it with a clear message instead of guessing ("1e3", " 12", "NaN").
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
