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

import { centsOf } from '../../core/money.ts';
import type { OperationId } from '../../core/spec.ts';
import { berlinLocal, instantsOfBerlinLocal } from '../checks/berlinClock.ts';
import { createdAtToleranceMs } from '../checks/clockConformance.ts';
import { excerpt, quoted, valueChars } from '../checks/types.ts';
import { requestSchema } from '../generator/requestFields.ts';
import { describe, type Item, idOf, listOf, type ObservedExchange } from './observed.ts';
import { checkPayIns, checkPayoutDays } from './paymentChecks.ts';
import type { LinkFact, RunModel } from './runModel.ts';

export type { ObservedExchange } from './observed.ts';
export { feeCents } from './paymentChecks.ts';

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
        `received link ${id} with note ${quoted(item.recipient_note)} / the search ${quoted(ex.request?.search)} is not part of it`,
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
          `received paid_on ${excerpt(item.paid_on, valueChars)} for link ${id} / the run paid it at ${berlinLocal(link.paidAt)} Berlin time (±${createdAtToleranceMs / 60_000} min)`,
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
        `received ${list} ${excerpt(`[${got.join(', ')}]`, valueChars)} / the run's model of this account: ${excerpt(`[${want.join(', ')}]`, valueChars)}`,
      );
    const total = (ex.body as { totalRecords?: unknown }).totalRecords;
    if (total !== undefined && total !== expected.length)
      failures.push(
        `received totalRecords ${quoted(total)} / the run's model of this account: ${expected.length}`,
      );
  }
  return failures;
}

/** A lookup by `pay_id` spans every day (D-PAYIN): a paid link of the caller's has a pay-in, an unpaid one none. */

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
