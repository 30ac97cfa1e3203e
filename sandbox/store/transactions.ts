/**
 * Pay-ins and payouts, kept per tenant in the order they happened (pay-ins by time, so a date
 * range is two binary searches). Money fields are cents; rendering happens in the handlers.
 */
import type { Cents } from '../../core/money.ts';
import type { Link } from './links.ts';

export interface PayIn {
  transactionId: string;
  link: Link;
  /** The part of the payment this tenant receives (the whole amount for a basic link). */
  amount: Cents;
  serviceFee: Cents;
  pspFee: Cents;
  net: Cents;
  createdAt: number;
  /** Berlin day of the payment, "2024-10-26": the day a payout groups by. */
  day: string;
  payout: Payout | null;
}

export interface Payout {
  payoutId: number;
  userId: string;
  transactionId: string;
  amount: Cents;
  fees: Cents;
  net: Cents;
  requestDate: string;
  createdAt: number;
  hasSplit: boolean;
}

/** Index of the first pay-in created at or after `time` (pay-ins are in time order). */
export function firstAtOrAfter(payIns: readonly PayIn[], time: number): number {
  let lo = 0;
  let hi = payIns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (payIns[mid]!.createdAt < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
