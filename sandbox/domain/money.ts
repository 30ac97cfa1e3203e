/**
 * The sandbox's rounding rule for fees. Money is integer cents (core/money.ts has cents and the
 * API's money text); percentages are basis points (1.5 % = 150), so every fee is integer arithmetic
 * with one explicit rounding rule.
 */
import type { Cents } from '../../core/money.ts';

/**
 * `cents × bps / 10000`, rounded half away from zero (commercial rounding, as German invoices do):
 * 1.5 % of 0.50 € = 0.75 ct → 1 ct.
 */
export function percentOf(cents: Cents, basisPoints: number): Cents {
  const scaled = cents * basisPoints;
  const sign = scaled < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(scaled) + 5000) / 10000);
}
