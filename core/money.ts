/**
 * Money as integer cents, and the API's money text both ways ("100.00" ↔ 10000). The one home of
 * money text for the sandbox, the contract suite and the load scenarios; it imports nothing and
 * uses no Node API, so the k6 scripts can bundle it too.
 */

/** Integer cents: sums and comparisons are exact. */
export type Cents = number;

/** Cents from an amount that has at most two decimals (a validated request field). */
export function centsFromAmount(amount: number): Cents {
  // Math.round undoes binary noise only: 19.99 * 100 = 1998.9999999999998.
  return Math.round(amount * 100);
}

/** "100.00", "0.07", "-1.50": the decimal text the API writes for money. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${Math.trunc(abs / 100)}.${rest < 10 ? '0' : ''}${rest}`;
}

/** 1.17 as a JSON number, for the fields the API sends as numbers (payout fees). */
export function centsToNumber(cents: Cents): number {
  return cents / 100;
}

const decimalText = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

/**
 * The cents of what the API wrote: decimal text with at most two decimals ("12.5", "-0.10") or a
 * JSON number with at most two decimals. Anything else (a third decimal, "1e3", " 12") is undefined.
 */
export function centsOf(value: unknown): Cents | undefined {
  if (typeof value === 'string') {
    const match = decimalText.exec(value);
    if (!match) return undefined;
    const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
    return match[1] ? -cents : cents;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const cents = Math.round(value * 100);
    // 1.17 * 100 is 116.99999999999999: allow float noise, not a third decimal.
    return Math.abs(value * 100 - cents) < 1e-6 ? cents : undefined;
  }
  return undefined;
}
