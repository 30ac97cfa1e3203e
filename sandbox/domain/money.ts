/**
 * Money is integer cents inside the sandbox; text and numbers only at the edges. Percentages are
 * basis points (1.5 % = 150) so every fee is integer arithmetic with one explicit rounding rule.
 */

export type Cents = number;

/** Cents from a validated amount (a number with at most two decimals, as the schema guarantees). */
export function centsFromAmount(amount: number): Cents {
  // Math.round undoes binary noise only: 19.99 * 100 = 1998.9999999999998.
  return Math.round(amount * 100);
}

/** "100.00", "-0.10": the decimal text the API uses for money. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${sign}${units}.${rest < 10 ? '0' : ''}${rest}`;
}

/** 1.17 as a JSON number, for the fields the seed sends as numbers. */
export function centsToNumber(cents: Cents): number {
  return cents / 100;
}

/**
 * `cents × bps / 10000`, rounded half away from zero (commercial rounding, as German invoices do):
 * 1.5 % of 0.50 € = 0.75 ct → 1 ct.
 */
export function percentOf(cents: Cents, basisPoints: number): Cents {
  const scaled = cents * basisPoints;
  const sign = scaled < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(scaled) + 5000) / 10000);
}
