/**
 * The `token` header altered in every way that must not act as the key (spec/DECISIONS.md D-AUTH),
 * and the answer D-AUTH documents for each: a value that is not one well-formed key (missing, empty,
 * given twice, with a space or a `Bearer ` in it, too short or long) is 401; a well-formed key that
 * is nobody's (another letter case, a prefix, an extension) is 201 UserNotFound. Whitespace around
 * the value is not part of it (RFC 9110 §5.5), so that variant must act exactly as the key.
 */

const WELL_FORMED_KEY = /^[A-Za-z0-9]{16,64}$/;

export const keyVariantNames = [
  'upper case',
  'lower case',
  'swapped case',
  'prefix',
  'extension',
  'space inside',
  'Bearer prefix',
  'surrounding whitespace',
  'empty',
  'given twice',
] as const;

export type KeyVariantName = (typeof keyVariantNames)[number];

const swapCase = (key: string) =>
  [...key].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** The header values a variant sends (one entry per header line), or undefined when it is the key itself. */
export function keyVariant(key: string, variant: KeyVariantName): string[] | undefined {
  const one = (value: string) => (value === key ? undefined : [value]);
  switch (variant) {
    case 'upper case':
      return one(key.toUpperCase());
    case 'lower case':
      return one(key.toLowerCase());
    case 'swapped case':
      return one(swapCase(key));
    case 'prefix':
      return [key.slice(0, -1)];
    case 'extension':
      return [`${key}0`];
    case 'space inside':
      return [`${key.slice(0, 8)} ${key.slice(8)}`];
    case 'Bearer prefix':
      return [`Bearer ${key}`];
    case 'surrounding whitespace':
      return [` ${key}\t`];
    case 'empty':
      return [''];
    case 'given twice':
      return [key, key];
  }
}

/**
 * The status D-AUTH documents for these header values, given the run's real keys: 200 only for
 * exactly one well-formed value that is a real key.
 */
export function documentedAuthStatus(
  values: readonly string[] | undefined,
  realKeys: readonly string[],
): number {
  if (values?.length !== 1) return 401;
  const value = values[0]!.trim();
  if (!WELL_FORMED_KEY.test(value)) return 401;
  return realKeys.includes(value) ? 200 : 201;
}
