/**
 * What one field's schema allows, as values: its boundaries (every limit exactly, and one step past
 * it), its violations (each constraint broken on its own) and an arbitrary of valid values. Pure
 * functions of the schema; values that must come from the run's state are placeholders (grounding.ts).
 * Numbers are computed in integer steps of `multipleOf` (cents for money), never by float arithmetic.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../../core/spec.ts';
import type { Encoding } from './example.ts';
import type { RequestField } from './requestFields.ts';

export interface FieldValue {
  /** The rule it tests: `maximum`, `maximum+step`, `maxLength+1`, `enum`, `type`. */
  rule: string;
  value: unknown;
  /** The encodings it means what it says in (a JSON `true` is the text "true" in a form). */
  encodings?: readonly Encoding[];
}

const both: readonly Encoding[] = ['form', 'json'];
const jsonOnly: readonly Encoding[] = ['json'];

type Numeric = { scale: number; low: number; high: number; integer: boolean };

/** Decimal places of a step such as 0.01 (2); a step that is not a power of ten counts as 1/100. */
function scaleOf(schema: JsonSchema): number {
  if (schema.type === 'integer') return 1;
  const step = schema.multipleOf;
  if (typeof step !== 'number') return 100;
  const places = Math.round(-Math.log10(step));
  return places >= 0 && 10 ** -places === step ? 10 ** places : 100;
}

/** The lowest and highest valid values, in units of 1/scale. */
function numeric(schema: JsonSchema): Numeric {
  const scale = scaleOf(schema);
  const units = (n: unknown) => Math.round(Number(n) * scale);
  const low =
    typeof schema.exclusiveMinimum === 'number'
      ? units(schema.exclusiveMinimum) + 1
      : typeof schema.minimum === 'number'
        ? units(schema.minimum)
        : -1_000_000 * scale;
  const high =
    typeof schema.exclusiveMaximum === 'number'
      ? units(schema.exclusiveMaximum) - 1
      : typeof schema.maximum === 'number'
        ? units(schema.maximum)
        : 1_000_000 * scale;
  return { scale, low, high, integer: schema.type === 'integer' };
}

const fromUnits = (units: number, scale: number) => units / scale;

/**
 * Text of a given length in code points, as JSON Schema counts it. Beside plain letters, a run of
 * `€` (3 bytes in UTF-8, 1 UTF-16 unit) and of `😀` (4 bytes, 2 UTF-16 units): a server that counts
 * bytes or UTF-16 units refuses a valid value at the limit.
 */
export function textOfLength(length: number, kind: 'ascii' | 'euro' | 'emoji' = 'ascii'): string {
  const unit = kind === 'ascii' ? 'x' : kind === 'euro' ? '€' : '😀';
  return unit.repeat(Math.max(0, length));
}

/** The schema's `pattern` as JSON Schema (and ajv) reads it: a Unicode regular expression. */
function patternOf(schema: JsonSchema): RegExp | undefined {
  return typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
}

/**
 * Texts of an allowed length that the pattern refuses: the last character a space, a 3-byte or a
 * 4-byte one. None when the schema has no pattern, or the pattern takes them all.
 */
function patternBreakers(schema: JsonSchema): FieldValue[] {
  const pattern = patternOf(schema);
  if (!pattern) return [];
  const { min, max } = lengthOf(schema);
  const length = Math.max(min, 1);
  if (max !== undefined && length > max) return [];
  const out: FieldValue[] = [];
  for (const [rule, last] of [
    ['pattern: a space', ' '],
    ['pattern: a 3-byte character', '€'],
    ['pattern: a 4-byte character', '😀'],
  ] as const) {
    const value = textOfLength(length - 1) + last;
    if (!pattern.test(value)) out.push({ rule, value, encodings: both });
  }
  return out;
}

function lengthOf(schema: JsonSchema) {
  return {
    min: typeof schema.minLength === 'number' ? schema.minLength : 0,
    max: typeof schema.maxLength === 'number' ? schema.maxLength : undefined,
  };
}

/** Every limit exactly (valid), and one step past it (invalid). */
export function boundaries(field: RequestField): { valid: FieldValue[]; invalid: FieldValue[] } {
  const { schema } = field;
  const valid: FieldValue[] = [];
  const invalid: FieldValue[] = [];
  if (schema.type === 'number' || schema.type === 'integer') {
    const { scale, low, high } = numeric(schema);
    const lowRule = schema.exclusiveMinimum !== undefined ? 'exclusiveMinimum' : 'minimum';
    const highRule = schema.exclusiveMaximum !== undefined ? 'exclusiveMaximum' : 'maximum';
    if (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined) {
      valid.push({ rule: lowRule, value: fromUnits(low, scale) });
      invalid.push({ rule: `${lowRule}-step`, value: fromUnits(low - 1, scale) });
    }
    if (schema.maximum !== undefined || schema.exclusiveMaximum !== undefined) {
      valid.push({ rule: highRule, value: fromUnits(high, scale) });
      invalid.push({ rule: `${highRule}+step`, value: fromUnits(high + 1, scale) });
    }
  } else if (schema.type === 'string' && !schema.enum && !schema.format) {
    // With a pattern, a text at the limit is a boundary only if the pattern takes it too (32 `€`
    // is the right length for an encryption key but not printable ASCII); one past the limit
    // breaks the length whatever the pattern says.
    const pattern = patternOf(schema);
    const fits = (value: string) => !pattern || pattern.test(value);
    const { min, max } = lengthOf(schema);
    const atLimits: FieldValue[] = [{ rule: 'minLength', value: textOfLength(min) }];
    if (min > 0) invalid.push({ rule: 'minLength-1', value: textOfLength(min - 1) });
    if (max !== undefined) {
      atLimits.push(
        { rule: 'maxLength', value: textOfLength(max) },
        { rule: 'maxLength in 3-byte characters', value: textOfLength(max, 'euro') },
        { rule: 'maxLength in 4-byte characters', value: textOfLength(max, 'emoji') },
      );
      invalid.push({ rule: 'maxLength+1', value: textOfLength(max + 1) });
    }
    valid.push(...atLimits.filter(({ value }) => fits(value as string)));
  } else if (schema.type === 'array') {
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
    valid.push({ rule: 'minItems', value: min });
    if (min > 0) invalid.push({ rule: 'minItems-1', value: min - 1 });
    if (max !== undefined) {
      valid.push({ rule: 'maxItems', value: max });
      invalid.push({ rule: 'maxItems+1', value: max + 1 });
    }
  }
  if (Array.isArray(schema.enum))
    for (const value of schema.enum) valid.push({ rule: `enum ${JSON.stringify(value)}`, value });
  if (schema.type === 'boolean') valid.push({ rule: 'true', value: true }, { rule: 'false', value: false });
  return { valid, invalid };
}

/**
 * Each constraint of the field broken on its own (bounds are in `boundaries`). Numeric ones are
 * spoilt forms of `base` (default: a plain valid value), so a server that reads them loosely lands
 * on `base`: give one that names nothing real where a loose reading could do harm (a link id).
 */
export function violations(field: RequestField, base?: number): FieldValue[] {
  const { schema } = field;
  const out: FieldValue[] = [];
  switch (schema.type) {
    case 'number':
    case 'integer': {
      const { scale, low, high, integer } = numeric(schema);
      const inside = base ?? fromUnits(Math.min(high, Math.max(low, scale)), scale);
      out.push(
        { rule: 'type: letters', value: 'abc', encodings: both },
        { rule: 'type: exponent', value: `${inside}e0`, encodings: both },
        { rule: 'type: leading +', value: `+${inside}`, encodings: both },
        { rule: 'type: NaN', value: 'NaN', encodings: both },
        { rule: 'type: empty', value: '', encodings: both },
        { rule: 'type: text in JSON', value: String(inside), encodings: jsonOnly },
        { rule: 'type: boolean', value: true, encodings: jsonOnly },
        { rule: 'type: null', value: null, encodings: jsonOnly },
      );
      if (integer) out.push({ rule: 'type: fraction', value: inside + 0.5, encodings: both });
      if (typeof schema.multipleOf === 'number' || !integer) {
        // One tenth of the step past a valid value: 1.005 for cents.
        const units = base === undefined ? Math.min(high, Math.max(low, scale)) : Math.round(base * scale);
        out.push({ rule: 'multipleOf', value: (units * 10 + 5) / (scale * 10), encodings: both });
      }
      break;
    }
    case 'string':
      if (Array.isArray(schema.enum)) {
        const first = String(schema.enum[0]);
        out.push({ rule: 'enum: unknown value', value: `${first}x`, encodings: both });
        const cased = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
        if (!schema.enum.includes(cased))
          out.push({ rule: 'enum: other letter case', value: cased, encodings: both });
      }
      if (schema.format === 'date') {
        for (const [rule, value] of [
          ['format date: no such day', '2025-02-29'],
          ['format date: month 13', '2025-13-01'],
          ['format date: one-digit month', '2025-1-05'],
          ['format date: German order', '05.01.2025'],
          ['format date: with a time', '2025-01-05T00:00:00'],
        ])
          out.push({ rule: rule!, value, encodings: both });
      }
      out.push(...patternBreakers(schema));
      out.push({ rule: 'type: number', value: 12, encodings: jsonOnly });
      out.push({ rule: 'type: null', value: null, encodings: jsonOnly });
      break;
    case 'boolean':
      out.push(
        { rule: 'type: yes', value: 'yes', encodings: both },
        { rule: 'type: 1', value: '1', encodings: both },
        { rule: 'type: TRUE', value: 'TRUE', encodings: both },
        { rule: 'type: text in JSON', value: 'true', encodings: jsonOnly },
      );
      break;
    case 'array':
      out.push(
        { rule: 'type: not JSON', value: 'not-json', encodings: both },
        { rule: 'type: object', value: {}, encodings: both },
      );
      break;
    case 'object':
      out.push({ rule: 'additionalProperties', value: { unknown_field: 1 }, encodings: both });
      break;
  }
  return out;
}

/** Valid values of an ungrounded field (enum, boolean, number, integer, string with its limits). */
export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
    case 'integer': {
      const { scale, low, high } = numeric(schema);
      // Biased towards small amounts and both ends, as real traffic and bugs are.
      return fc
        .oneof(
          fc.integer({ min: low, max: Math.min(high, low + 100 * scale) }),
          fc.integer({ min: low, max: high }),
          fc.constantFrom(low, high),
        )
        .map((units) => fromUnits(units, scale));
    }
    case 'string': {
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
      const { min, max } = lengthOf(schema);
      return fc
        .string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max ?? 64, 64) })
        .filter((s) => [...s].length >= min && (max === undefined || [...s].length <= max));
    }
    default:
      return fc.constant(undefined);
  }
}
