/**
 * Money as integer cents, so "sums to the cent" is an exact comparison. The API writes amounts as
 * decimal text ("100.00") or, for payout fees, as JSON numbers with at most two decimals.
 */
const decimalText = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

export function centsOf(value: unknown): number | undefined {
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

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
