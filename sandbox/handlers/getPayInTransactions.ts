/**
 * getPayInTransactions: the caller's pay-ins, newest first, `limit` per `page`. `date` is one day;
 * else `since` counts days back from today (0 = today only, the seed's "today's pay-in
 * transactions"); with neither, a list is today's and a `pay_id` lookup spans every day.
 * The time window is found by binary search; only search and pay_id filters scan it.
 */
import { formatCents } from '../../core/money.ts';
import { berlinDate, berlinDayStart } from '../domain/berlinTime.ts';
import { renderPayIn } from '../render.ts';
import { firstAtOrAfter, type PayIn } from '../store/transactions.ts';
import { LIST_RETRIEVED } from './linkLists.ts';
import type { Handler } from './types.ts';

const EVERY_DAY: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];

function window(
  date: string | undefined,
  since: number | undefined,
  payId: number | undefined,
  now: number,
): [number, number] {
  if (date) return [berlinDayStart(date), berlinDayStart(date, 1)];
  if (since === undefined && payId !== undefined) return EVERY_DAY;
  return [berlinDayStart(berlinDate(now), -(since ?? 0)), Number.POSITIVE_INFINITY];
}

function matches(payIn: PayIn, needle: string | undefined, payId: number | undefined): boolean {
  if (payId !== undefined && payIn.link.id !== payId) return false;
  if (!needle) return true;
  const { link } = payIn;
  return (
    link.note.toLowerCase().includes(needle) ||
    payIn.transactionId.toLowerCase().includes(needle) ||
    formatCents(payIn.amount).includes(needle) ||
    'card'.includes(needle)
  );
}

export const getPayInTransactions: Handler<'getPayInTransactions'> = ({ state, tenant, body }) => {
  const payId = body.pay_id;
  const [from, to] = window(body.date, body.since, payId, state.now());
  const payIns = tenant.payIns;
  const lo = firstAtOrAfter(payIns, from);
  const hi = to === Number.POSITIVE_INFINITY ? payIns.length : firstAtOrAfter(payIns, to);
  const needle = body.search?.toLowerCase() || undefined;
  const skip = (body.page - 1) * body.limit;
  const page: PayIn[] = [];
  let total = 0;
  if (!needle && payId === undefined) {
    total = hi - lo;
    for (let i = hi - 1 - skip; i >= lo && page.length < body.limit; i--) page.push(payIns[i]!);
  } else {
    for (let i = hi - 1; i >= lo; i--) {
      if (!matches(payIns[i]!, needle, payId)) continue;
      if (total >= skip && page.length < body.limit) page.push(payIns[i]!);
      total++;
    }
  }
  return {
    message: LIST_RETRIEVED,
    data: page.map((p) => renderPayIn(p, tenant.userId)),
    totalRecords: total,
  };
};
