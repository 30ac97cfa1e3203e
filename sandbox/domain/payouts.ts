/**
 * The nightly payout: for one Berlin day, each tenant's pay-ins that no payout has taken yet become
 * one payout. Amount = sum of the pay-ins' amounts, fees = sum of their SecPaid and card fees, net =
 * amount − fees, all in cents, so the payout adds up to its pay-ins exactly.
 */
import type { Tenant } from '../store/tenants.ts';
import type { Payout } from '../store/transactions.ts';
import { firstAtOrAfter } from '../store/transactions.ts';
import { berlinDayStart } from './berlinTime.ts';
import { transactionId } from './ids.ts';

export interface PayoutRun {
  /** The Berlin day whose pay-ins are paid out, "2026-02-10". */
  day: string;
  tenants: readonly Tenant[];
  /** When the run happens (the payouts' created_at). */
  at: number;
  newPayoutId: () => number;
}

export function runPayouts({
  day,
  tenants,
  at,
  newPayoutId,
}: PayoutRun): { payout: Payout; payIns: number }[] {
  const from = berlinDayStart(day);
  // The next day's start, found from the calendar, not +24 h: DST days are 23 or 25 hours long.
  const to = berlinDayStart(day, 1);
  const made: { payout: Payout; payIns: number }[] = [];
  for (const tenant of tenants) {
    const due = tenant.payIns
      .slice(firstAtOrAfter(tenant.payIns, from), firstAtOrAfter(tenant.payIns, to))
      .filter((p) => p.payout === null);
    if (due.length === 0) continue;
    const amount = due.reduce((sum, p) => sum + p.amount, 0);
    const fees = due.reduce((sum, p) => sum + p.serviceFee + p.pspFee, 0);
    const payout: Payout = {
      payoutId: newPayoutId(),
      userId: tenant.userId,
      transactionId: transactionId(day, 'po'),
      amount,
      fees,
      net: amount - fees,
      requestDate: day,
      createdAt: at,
      hasSplit: due.some((p) => p.link.split !== null),
    };
    for (const p of due) p.payout = payout;
    tenant.payouts.push(payout);
    made.push({ payout, payIns: due.length });
  }
  return made;
}
