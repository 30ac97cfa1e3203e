/**
 * Values near the edges of a property's schema: the fuzz test's bodies mostly fail validation, so
 * without these the handlers behind it would rarely run. Numbers around 0 and the maxima, integers
 * at the safe-integer edge, dates from year 0000 to 9999 (impossible ones too), enum values, lengths
 * around maxLength, recipients that may name real recipient tokens, ids of real links.
 */
import fc from 'fast-check';
import { formatCents } from '../../core/money.ts';
import type { JsonSchema } from '../../core/spec.ts';

export interface FuzzContext {
  recipientTokens: string[];
  linkIds: number[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const dateText = fc.oneof(
  // biome-ignore format: a table of values reads better packed
  fc.constantFrom('9999-12-31', '0000-01-01', '1970-01-01', '2026-03-29', '2026-10-25', '2024-02-29', '2025-02-29'),
  fc
    .tuple(
      fc.oneof(fc.constantFrom(0, 1, 99, 1900, 1970, 2026, 9999), fc.integer({ min: 0, max: 9999 })),
      fc.oneof(fc.constantFrom(0, 1, 2, 12, 13), fc.integer({ min: 1, max: 12 })),
      fc.oneof(fc.constantFrom(0, 1, 28, 29, 30, 31, 32), fc.integer({ min: 1, max: 31 })),
    )
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
);

const amountText = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 99_999_999 }).map(formatCents), weight: 3 },
  // biome-ignore format: a table of values reads better packed
  fc.constantFrom('0', '0.00', '-0', '0.01', '0.001', '999999.99', '1000000', '12', '49.9', '1e2', 'NaN', 'Infinity'),
  fc.double({ noNaN: false }).map(String),
);

function integerText(schema: JsonSchema) {
  const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
  const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 2_000_000) : 2_000_000;
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }).map(String), weight: 3 },
    // biome-ignore format: a table of values reads better packed
    fc.constantFrom(String(min - 1), String(max + 1), '9007199254740992', '1.5', '1e3', '-0', '01', ''),
    { arbitrary: fc.maxSafeInteger().map(String), weight: 1 },
  );
}

function recipientsText(context: FuzzContext) {
  const token = fc.oneof(
    { arbitrary: fc.constantFrom(...context.recipientTokens, 'rcpt-nobody'), weight: 6 },
    fc.string({ unit: 'binary', maxLength: 70 }),
  );
  const share = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 5_000 }).map((h) => h / 100), weight: 3 },
    fc.constantFrom(0, -1, 100, 100.01, 0.001, 1e308),
  );
  const recipient = fc.record({ token, share });
  return fc
    .oneof(
      { arbitrary: fc.array(recipient, { minLength: 1, maxLength: 3 }), weight: 3 },
      fc.array(recipient, { maxLength: 22 }),
    )
    .map((list) => JSON.stringify(list));
}

/** Text for one form field whose schema is `schema` (as a form carries every value). */
export function nearValidText(name: string, schema: JsonSchema, context: FuzzContext): fc.Arbitrary<string> {
  if (name === 'recipients') return recipientsText(context);
  if (schema.enum)
    return fc.oneof(
      { arbitrary: fc.constantFrom(...(schema.enum as string[])), weight: 3 },
      fc.string({ maxLength: 10 }),
    );
  switch (schema.type) {
    case 'number':
      return amountText;
    case 'integer':
      return context.linkIds.length && /id$/.test(name)
        ? fc.oneof(fc.constantFrom(...context.linkIds.map(String)), integerText(schema))
        : integerText(schema);
    case 'boolean':
      return fc.constantFrom('true', 'false', 'TRUE', '1', '');
    default: {
      if (schema.format === 'date') return dateText;
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
      return fc.oneof(
        { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 3 },
        fc.constantFrom(max - 1, max, max + 1).map((n) => 'é'.repeat(Math.max(0, n))),
      );
    }
  }
}

/** The same value as a JSON body carries it: numbers as numbers where the text is one. */
export function asJsonValue(name: string, text: string): unknown {
  if (name === 'recipients') return JSON.parse(text);
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}
