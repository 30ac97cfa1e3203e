/** getPayOutTransactions: the caller's payouts, newest first; dates bound `request_date`, inclusive. */
import { renderPayout } from '../render.ts';
import type { Payout } from '../store/transactions.ts';
import { LIST_RETRIEVED } from './linkLists.ts';
import type { Handler } from './types.ts';

export const getPayOutTransactions: Handler<'getPayOutTransactions'> = ({ tenant, body }) => {
  const needle = body.search?.toLowerCase() || undefined;
  const start = body.start_date;
  const end = body.end_date;
  const skip = (body.page - 1) * body.limit;
  const page: Payout[] = [];
  let total = 0;
  for (let i = tenant.payouts.length - 1; i >= 0; i--) {
    const payout = tenant.payouts[i]!;
    if (start && payout.requestDate < start) continue;
    if (end && payout.requestDate > end) continue;
    if (needle && !payout.transactionId.toLowerCase().includes(needle)) continue;
    if (total >= skip && page.length < body.limit) page.push(payout);
    total++;
  }
  return { message: LIST_RETRIEVED, data: page.map(renderPayout), totalRecords: total };
};
