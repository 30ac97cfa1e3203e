/**
 * The state oracle's checks of payments: a pay-in's fee at its link's rate (D-FEES), a `pay_id`
 * lookup agreeing with the link's state, pay-ins and payouts within the Berlin days asked for, and
 * every link the run paid within them listed (D-PAYIN).
 */

import { centsOf, formatCents } from '../../core/money.ts';
import { berlinLocal } from '../checks/berlinClock.ts';
import { createdAtToleranceMs } from '../checks/clockConformance.ts';
import { excerpt, valueChars } from '../checks/types.ts';
import { describe, type Item, idOf, listOf, type ObservedExchange } from './observed.ts';
import type { RunModel } from './runModel.ts';

/** SecPaid's fee on `amountCents` at `rate` percent, rounded half away from zero (D-FEES). */
export function feeCents(amountCents: number, rate: string): number | undefined {
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(rate);
  if (!match) return undefined;
  const decimals = match[2] ?? '';
  const numerator = Number(`${match[1]}${decimals}`);
  const denominator = 100 * 10 ** decimals.length;
  const exact = Math.abs(amountCents) * numerator;
  const rounded = Math.floor((2 * exact + denominator) / (2 * denominator));
  return Math.sign(amountCents) * rounded;
}

/** A lookup by `pay_id` spans every day (D-PAYIN): a paid link of the caller's has a pay-in, an unpaid one none. */
function checkLookup(model: RunModel, ex: ObservedExchange, token: string, items: Item[]): string[] {
  const asked = ex.request?.pay_id;
  const narrowed = ['date', 'since', 'search'].some(
    (f) => ex.request?.[f] !== undefined && ex.request?.[f] !== '',
  );
  if (asked === undefined || narrowed) return [];
  const link = model.link(Number(asked));
  const failures = items
    .filter((item) => Number(item.pay_id) !== Number(asked))
    .map(
      (item) =>
        `received a pay-in of pay_id ${excerpt(item.pay_id, valueChars)} / the request asked for pay_id ${excerpt(asked, valueChars)}`,
    );
  if (!link || link.owner !== token) return failures;
  const found = items.some((item) => Number(item.pay_id) === link.id);
  if (link.status === 'Used' && !found && Number(ex.request?.page ?? 1) === 1)
    failures.push(`received no pay-in for pay_id ${link.id} / the run's model: the run paid it`);
  if (link.status !== 'Used' && link.paidAt === undefined && found)
    failures.push(
      `received a pay-in for pay_id ${link.id} / the run's model: the run never paid it (${describe(link)})`,
    );
  return failures;
}

/** Today in Berlin, `YYYY-MM-DD`, and whether `now` is so near midnight that "today" is in doubt. */
function berlinToday(now: number): { day: string; nearMidnight: boolean } {
  const day = berlinLocal(now).slice(0, 10);
  const nearMidnight = [now - createdAtToleranceMs, now + createdAtToleranceMs].some(
    (t) => berlinLocal(t).slice(0, 10) !== day,
  );
  return { day, nearMidnight };
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The days a pay-in list covers (D-PAYIN): `date` alone, else `since` days back to today, else today;
 * a `pay_id` lookup without either spans every day. Undefined when the oracle cannot say for sure.
 */
function payInDays(
  request: Record<string, unknown> | undefined,
  now: number,
): { from: string; to: string } | undefined {
  const { day: today, nearMidnight } = berlinToday(now);
  if (typeof request?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(request.date))
    return { from: request.date, to: request.date };
  if (nearMidnight) return undefined;
  const since = request?.since === undefined || request.since === '' ? undefined : Number(request.since);
  if (since !== undefined && Number.isInteger(since) && since >= 0)
    return { from: shiftDay(today, -since), to: today };
  if (request?.pay_id !== undefined) return undefined;
  return { from: today, to: today };
}

/**
 * Date filters in Berlin days: each pay-in's `created_at` within the days asked for; and, in an
 * account the run made whose whole list fits one page, every link of it the run paid today listed.
 */
function checkPayInDays(model: RunModel, ex: ObservedExchange, token: string, items: Item[]): string[] {
  const now = ex.receivedAt ?? Date.now();
  const days = payInDays(ex.request, now);
  if (!days) return [];
  const failures: string[] = [];
  for (const item of items) {
    const day = String(item.created_at ?? '').slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(day) && (day < days.from || day > days.to))
      failures.push(
        `received pay-in ${excerpt(item.transaction_id ?? item.pay_id, valueChars)} of ${day} / the request asked for Berlin days ${days.from} to ${days.to}`,
      );
  }
  const account = model.account(token);
  const total = (ex.body as { totalRecords?: unknown }).totalRecords;
  const narrowed = ['search', 'pay_id'].some((f) => ex.request?.[f] !== undefined && ex.request?.[f] !== '');
  const onePage = typeof total === 'number' && total <= items.length && Number(ex.request?.page ?? 1) === 1;
  if (!account.complete || narrowed || !onePage) return failures;
  const listed = new Set(items.map((item) => Number(item.pay_id)));
  for (const link of account.links.values()) {
    if (link.status !== 'Used' || link.paidAt === undefined) continue;
    const paidDay = berlinLocal(link.paidAt).slice(0, 10);
    if (paidDay >= days.from && paidDay <= days.to && !listed.has(link.id))
      failures.push(
        `received no pay-in of link ${link.id} / the run's model: the run paid it on ${paidDay}, within the days asked for`,
      );
  }
  return failures;
}

/** Payouts within `start_date` and `end_date` (inclusive) by `request_date`. */
export function checkPayoutDays(ex: ObservedExchange): string[] {
  const start = typeof ex.request?.start_date === 'string' ? ex.request.start_date : undefined;
  const end = typeof ex.request?.end_date === 'string' ? ex.request.end_date : undefined;
  if (!start && !end) return [];
  return (listOf(ex.body) ?? [])
    .filter((item) => {
      const day = String(item.request_date ?? '');
      return (start !== undefined && day < start) || (end !== undefined && day > end);
    })
    .map(
      (item) =>
        `received payout ${excerpt(item.payout_id, valueChars)} of ${excerpt(item.request_date, valueChars)} / the request asked for ${start ?? '…'} to ${end ?? '…'}`,
    );
}

export function checkPayIns(model: RunModel, ex: ObservedExchange, token: string): string[] {
  const items = listOf(ex.body) ?? [];
  const failures = [...checkLookup(model, ex, token, items), ...checkPayInDays(model, ex, token, items)];
  for (const item of items) {
    const link = model.link(idOf(item, 'pay_id'));
    const amount = centsOf(item.amount);
    const fee = centsOf(item.service_fee);
    if (!link?.feeRate || amount === undefined || fee === undefined) continue;
    const expected = feeCents(amount, link.feeRate);
    if (expected !== undefined && fee !== expected)
      failures.push(
        `received pay-in ${excerpt(item.transaction_id ?? item.pay_id, valueChars)} service_fee ${excerpt(item.service_fee, valueChars)} / documented: ${excerpt(link.feeRate, valueChars)} % of ${excerpt(item.amount, valueChars)} = ${formatCents(expected)} (D-FEES)`,
      );
  }
  return failures;
}
