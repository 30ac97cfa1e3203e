/**
 * Every answer of the run, held against what earlier answers established (runModel.ts), then
 * learnt from: a deleted, paid or cancelled link never listed as unused; an account the run made
 * listed exactly as the model says (membership, newest first, `totalRecords`, `limit`, `search`);
 * a paid link's `paid_on` in Berlin time of its payment; a `pay_id` lookup finding a paid link's
 * pay-in and nothing for an unpaid one; pay-ins and payouts within the Berlin days asked for, and
 * every link paid within them listed; a pay-in's fee at its link's documented rate (D-FEES: half
 * away from zero, to the cent); deleteLink answering as the link's state says (D-DELETE).
 * Failures read "received … / the run's model: …".
 */
import type { OperationId } from '../../core/spec.ts';
import { berlinLocal, instantsOfBerlinLocal } from '../checks/berlinClock.ts';
import { createdAtToleranceMs } from '../checks/clockConformance.ts';
import { centsOf, formatCents } from '../checks/money.ts';
import { requestSchema } from '../generator/requestFields.ts';
import type { LinkFact, RunModel } from './runModel.ts';

export interface ObservedExchange {
  operationId: OperationId;
  /** The `token` header as sent (one value), or undefined. */
  token: string | undefined;
  /** The request body as fields (form values are text). */
  request: Record<string, unknown> | undefined;
  status: number;
  body: unknown;
  /** When the answer came (ms since the epoch); now when absent. */
  receivedAt?: number;
}

type Item = Record<string, unknown>;

const listOf = (body: unknown): Item[] | undefined => {
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? (data as Item[]) : undefined;
};

function limitOf(operationId: OperationId, request: Record<string, unknown> | undefined): number {
  const given = Number(request?.limit);
  if (Number.isInteger(given) && given > 0) return given;
  const property = (requestSchema(operationId).properties as Record<string, { default?: number }>).limit;
  return property?.default ?? Number.POSITIVE_INFINITY;
}

/** A search the oracle can apply as the server does: ASCII, where case folding is not in doubt. */
function searchOf(request: Record<string, unknown> | undefined): string | undefined | null {
  const search = request?.search;
  if (search === undefined || search === '') return undefined;
  if (typeof search !== 'string' || !/^[\x20-\x7e]*$/.test(search)) return null;
  return search.toLowerCase();
}

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

const idOf = (item: Item, field: string) => Number(item[field]);

function checkLinkList(
  model: RunModel,
  ex: ObservedExchange,
  token: string,
  wanted: 'Unused' | 'Used',
): string[] {
  const items = listOf(ex.body);
  if (!items) return [];
  const failures: string[] = [];
  const account = model.account(token);
  const limit = limitOf(ex.operationId, ex.request);
  const search = searchOf(ex.request);
  const list = wanted === 'Unused' ? 'the unused list' : 'the used list';
  if (items.length > limit) failures.push(`received ${items.length} links / the request's limit: ${limit}`);
  const order = (link: LinkFact) => (wanted === 'Unused' ? link.createdSeq : (link.paidSeq ?? 0));
  let previous: LinkFact | undefined;
  for (const item of items) {
    const id = idOf(item, 'linktopay_id');
    const link = model.link(id);
    if (
      search &&
      !String(item.recipient_note ?? '')
        .toLowerCase()
        .includes(search)
    )
      failures.push(
        `received link ${id} with note ${JSON.stringify(item.recipient_note)} / the search ${JSON.stringify(ex.request?.search)} is not part of it`,
      );
    if (!link) continue;
    if (link.owner !== token)
      failures.push(`received link ${id} in ${list} / the run's model: it is another account's link`);
    else if (link.status !== wanted)
      failures.push(`received link ${id} in ${list} / the run's model: the run ${describe(link)} it`);
    if (previous && link.owner === token && order(link) > order(previous))
      failures.push(
        `received link ${id} after link ${previous.id} / documented: ${wanted === 'Unused' ? 'newest' : 'most recently paid'} first`,
      );
    if (link.owner === token) previous = link;
    if (wanted === 'Used' && link.paidAt !== undefined && typeof item.paid_on === 'string') {
      const near = instantsOfBerlinLocal(item.paid_on).some(
        (t) => Math.abs(t - link.paidAt!) <= createdAtToleranceMs,
      );
      if (!near)
        failures.push(
          `received paid_on ${item.paid_on} for link ${id} / the run paid it at ${berlinLocal(link.paidAt)} Berlin time (±${createdAtToleranceMs / 60_000} min)`,
        );
    }
  }
  if (account.complete && search !== null) {
    const expected = [...account.links.values()]
      .filter((link) => link.status === wanted && (!search || link.note.toLowerCase().includes(search)))
      .sort((a, b) => order(b) - order(a));
    const got = items.map((item) => idOf(item, 'linktopay_id'));
    const want = expected.slice(0, limit).map((link) => link.id);
    if (got.join() !== want.join())
      failures.push(
        `received ${list} [${got.join(', ')}] / the run's model of this account: [${want.join(', ')}]`,
      );
    const total = (ex.body as { totalRecords?: unknown }).totalRecords;
    if (total !== undefined && total !== expected.length)
      failures.push(
        `received totalRecords ${JSON.stringify(total)} / the run's model of this account: ${expected.length}`,
      );
  }
  return failures;
}

function describe(link: LinkFact): string {
  return { Unused: 'left unused', Used: 'paid', Cancelled: 'cancelled', Deleted: 'deleted' }[link.status];
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
        `received a pay-in of pay_id ${String(item.pay_id)} / the request asked for pay_id ${String(asked)}`,
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
        `received pay-in ${String(item.transaction_id ?? item.pay_id)} of ${day} / the request asked for Berlin days ${days.from} to ${days.to}`,
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
function checkPayoutDays(ex: ObservedExchange): string[] {
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
        `received payout ${String(item.payout_id)} of ${String(item.request_date)} / the request asked for ${start ?? '…'} to ${end ?? '…'}`,
    );
}

function checkPayIns(model: RunModel, ex: ObservedExchange, token: string): string[] {
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
        `received pay-in ${String(item.transaction_id ?? item.pay_id)} service_fee ${String(item.service_fee)} / documented: ${link.feeRate} % of ${String(item.amount)} = ${formatCents(expected)} (D-FEES)`,
      );
  }
  return failures;
}

function checkDelete(model: RunModel, ex: ObservedExchange, token: string): string[] {
  const link = model.link(Number(ex.request?.link_id));
  if (!link) return [];
  const mine = link.owner === token;
  if (ex.status === 200 && !mine)
    return [
      `received 200 for deleting link ${link.id} / the run's model: it is another account's link (404)`,
    ];
  if (ex.status === 200 && link.status !== 'Unused')
    return [
      `received 200 for deleting link ${link.id} / the run's model: the run ${describe(link)} it, so 400 or 404`,
    ];
  if (ex.status === 404 && mine && link.status === 'Unused')
    return [`received 404 for deleting link ${link.id} / the run's model: it is the caller's and unused`];
  return [];
}

/** Holds the answer against the model; undefined token or a non-200 list means nothing to check. */
export function judgeAgainstModel(model: RunModel, ex: ObservedExchange): string[] {
  const token = ex.token?.trim();
  if (!token) return [];
  switch (ex.operationId) {
    case 'getMyUnusedLinks':
      return ex.status === 200 ? checkLinkList(model, ex, token, 'Unused') : [];
    case 'getMyUsedLinks':
      return ex.status === 200 ? checkLinkList(model, ex, token, 'Used') : [];
    case 'getPayInTransactions':
      return ex.status === 200 ? checkPayIns(model, ex, token) : [];
    case 'getPayOutTransactions':
      return ex.status === 200 ? checkPayoutDays(ex) : [];
    case 'deleteLink':
      return checkDelete(model, ex, token);
    default:
      return [];
  }
}

/** What the answer establishes: a link made (with what the server says it holds), or deleted. */
export function learn(model: RunModel, ex: ObservedExchange): void {
  const token = ex.token?.trim();
  if (!token || ex.status !== 200) return;
  if (ex.operationId === 'createLink' || ex.operationId === 'createSplitLink') {
    const data = (ex.body as { data?: Item } | undefined)?.data;
    const amountCents = centsOf(data?.amount);
    if (!data || typeof data.id !== 'number' || amountCents === undefined) return;
    model.created(token, {
      id: data.id,
      amountCents,
      note: String(data.recipient_note ?? ''),
      ...(typeof data.service_fee === 'string' ? { feeRate: data.service_fee } : {}),
    });
  }
  if (ex.operationId === 'deleteLink') {
    const link = model.link(Number(ex.request?.link_id));
    if (link && link.owner === token) model.setStatus(link.id, 'Deleted');
  }
}
