/**
 * Tenant isolation, operation by operation. A scenario gives tenant A unused, paid and paid-out
 * links with a secret note; tenant B then uses every operation and each check returns the leaks
 * it saw (an empty list = isolated). The checks return findings instead of asserting so the same
 * checks can be shown to catch a deliberately leaking sandbox (broken modes).
 */

import type { OperationId } from '../../core/spec.ts';
import { aLink, aRecipient, aSplitLink } from '../../core/testing/links.ts';
import { aNote } from '../../core/testing/notes.ts';
import { createTenant, dayOfTransaction, payLink, runPayouts, type TestTenant } from './control.ts';

export interface Scenario {
  a: TestTenant;
  b: TestTenant;
  secretNote: string;
  aUnusedId: number;
  aPaidId: number;
  aPayoutTransactionId: string;
  /** B's split link that names A as a recipient (allowed: that is the feature). */
  bSplitId: number;
}

type Item = Record<string, string>;

async function createdId(tenant: TestTenant, operationId: OperationId, body: Record<string, unknown>) {
  const answer = await tenant.call(operationId, body);
  if (answer.status !== 200) throw new Error(`${operationId}: ${answer.status} ${answer.text}`);
  return answer.body.data.id as number;
}

export async function buildScenario(url: string): Promise<Scenario> {
  const a = await createTenant(url);
  const b = await createTenant(url);
  const secretNote = aNote('secret of tenant A');
  const aUnusedId = await createdId(a, 'createLink', aLink({ amount: 11, recipient_note: secretNote }));
  const aPaidId = await createdId(a, 'createLink', aLink({ amount: 22, recipient_note: secretNote }));
  const paid = await payLink(url, aPaidId);
  await runPayouts(url, dayOfTransaction(paid.pay_ins[0]!), a.userId);
  const payouts = (await a.call('getPayOutTransactions', {})).body.data as Item[];
  const bSplitId = await createdId(
    b,
    'createSplitLink',
    aSplitLink({
      amount: 40,
      recipients: [aRecipient(a.recipientToken, 25)],
      recipient_note: aNote('B pays A'),
    }),
  );
  await payLink(url, bSplitId);
  await createdId(b, 'createLink', aLink({ amount: 33 }));
  return {
    a,
    b,
    secretNote,
    aUnusedId,
    aPaidId,
    aPayoutTransactionId: payouts[0]!.transaction_id!,
    bSplitId,
  };
}

/** Items of a list answer that belong to A or carry A's data. */
function foreign(s: Scenario, items: Item[], fields: string[]): string[] {
  const aIds = new Set([String(s.aUnusedId), String(s.aPaidId)]);
  return items
    .filter(
      (item) =>
        fields.some((f) => item[f] === s.a.userId) ||
        aIds.has(item.linktopay_id ?? item.pay_id ?? '') ||
        item.recipient_note === s.secretNote ||
        item.transaction_id === s.aPayoutTransactionId,
    )
    .map((item) => JSON.stringify(item).slice(0, 120));
}

async function list(tenant: TestTenant, operationId: OperationId, body: Record<string, unknown>) {
  const answer = await tenant.call(operationId, body);
  if (answer.status !== 200)
    return { items: [], total: -1, problem: `${operationId} answered ${answer.status}` };
  return { items: answer.body.data as Item[], total: answer.body.totalRecords as number, problem: undefined };
}

async function listLeaks(s: Scenario, op: OperationId, filters: Record<string, unknown>[], owners: string[]) {
  const leaks: string[] = [];
  for (const filter of [{ limit: 1000 }, ...filters]) {
    const { items, total, problem } = await list(s.b, op, filter);
    if (problem) leaks.push(problem);
    const seen = foreign(s, items, owners);
    if (seen.length) leaks.push(`${op} ${JSON.stringify(filter)} shows A's data: ${seen.join(', ')}`);
    if (filter !== undefined && 'search' in filter && total !== 0)
      leaks.push(`${op} search of A's data counts ${total}`);
  }
  return leaks;
}

export const isolationChecks: Record<OperationId, (s: Scenario) => Promise<string[]>> = {
  getMyUnusedLinks: (s) => listLeaks(s, 'getMyUnusedLinks', [{ search: s.secretNote }], ['user_id']),
  getMyUsedLinks: (s) => listLeaks(s, 'getMyUsedLinks', [{ search: s.secretNote }], ['user_id']),
  getPayInTransactions: (s) =>
    listLeaks(
      s,
      'getPayInTransactions',
      [
        { search: s.secretNote, since: 1 },
        { pay_id: s.aPaidId, since: 1 },
        { since: 1, limit: 1000 },
      ],
      ['user_id'],
    ),
  getPayOutTransactions: (s) =>
    listLeaks(s, 'getPayOutTransactions', [{ search: s.aPayoutTransactionId, limit: 1000 }], ['user_id']),
  createLink: async (s) => {
    const answer = await s.b.call('createLink', aLink());
    const leaks =
      answer.body?.data?.user_id === s.b.userId ? [] : [`createLink made a link for ${answer.text}`];
    const aSees = await list(s.a, 'getMyUnusedLinks', { limit: 1000 });
    if (aSees.items.some((l) => l.user_id !== s.a.userId)) leaks.push("A's unused list shows B's links");
    return leaks;
  },
  createSplitLink: async (s) => {
    // A receives a pay-in of B's split link (the feature); B must not see A's side of it.
    const leaks: string[] = [];
    const aGot = await list(s.a, 'getPayInTransactions', { pay_id: s.bSplitId, since: 1 });
    if (aGot.items.length !== 1 || aGot.items[0]?.amount !== '10.00')
      leaks.push('A did not get its 25 % share');
    const bSees = await list(s.b, 'getPayInTransactions', { pay_id: s.bSplitId, since: 1 });
    if (bSees.items.some((p) => p.user_id !== s.b.userId)) leaks.push("B's pay-ins show A's share");
    const aUsed = await list(s.a, 'getMyUsedLinks', { limit: 1000 });
    if (aUsed.items.some((l) => l.linktopay_id === String(s.bSplitId)))
      leaks.push("B's split link is in A's links");
    return leaks;
  },
  // Last: a leaking sandbox really deletes here, which would change what the other checks see.
  deleteLink: async (s) => {
    const leaks: string[] = [];
    for (const id of [s.aUnusedId, s.aPaidId]) {
      const answer = await s.b.call('deleteLink', { link_id: id });
      if (answer.status !== 404) leaks.push(`B deleting A's link ${id} answered ${answer.status}, not 404`);
    }
    const aSees = await list(s.a, 'getMyUnusedLinks', { limit: 1000 });
    if (!aSees.items.some((l) => l.linktopay_id === String(s.aUnusedId)))
      leaks.push("A's unused link is gone");
    return leaks;
  },
};
