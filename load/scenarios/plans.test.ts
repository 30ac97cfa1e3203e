/**
 * The scenarios' seeding and cleanup plans, driven by a stand-in engine: the tenants and links they
 * make, that seeding stops at the first failure, and that cleanup deletes every link of the run (and
 * only those), page after page, and says how far it got when it cannot.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLinks } from './createLinks.ts';
import { listTransactions } from './listTransactions.ts';
import { isCallList } from './plans.ts';
import type { LoadRequest, Plan } from './types.ts';

const createSeed = {
  token: 'A'.repeat(32),
  recipientTokens: ['r1'.repeat(16), 'r2'.repeat(16)],
  runTag: 'load-t1',
};

describe('seeding and cleanup plans', () => {
  /** A listed link of this run (its note carries the run's tag), and one of someone else. */
  const ours = (id: string) => ({ linktopay_id: id, recipient_note: `${createSeed.runTag} invoice` });
  const theirs = (id: string) => ({ linktopay_id: id, recipient_note: 'rent for March' });
  /** Runs a plan to its end, answering each call (batch steps call by call) with `answer`'s body. */
  function drive<T>(plan: Plan<T>, answer: (r: LoadRequest) => unknown) {
    const calls: string[] = [];
    const reply = (r: LoadRequest) => {
      calls.push(`${r.method} ${r.path}`);
      return { status: 200, body: JSON.stringify(answer(r)) };
    };
    let step = plan.next();
    while (!step.done) {
      const value = step.value;
      step = plan.next(isCallList(value) ? value.map(reply) : reply(value));
    }
    return { calls, result: step.value };
  }
  let nextId = 1;
  const sandbox = (r: LoadRequest): unknown => {
    if (r.path === '/sandbox/tenants')
      return { data: { token: `T${nextId}`.padEnd(32, 'x'), recipient_token: `R${nextId++}` } };
    if (r.path === '/api/v2/createLink') return { data: { id: nextId++ }, ResponseCode: 1 };
    if (r.path === '/sandbox/payouts/run') return { data: { payouts: [{ payout_id: 'p' }] } };
    return { data: {} };
  };

  it('createLinks makes an owner and two recipient tenants, or uses given keys', () => {
    const { calls, result } = drive(createLinks.seedPlan({ runTag: 'x' }), sandbox);
    assert.deepEqual(calls, Array(3).fill('POST /sandbox/tenants'));
    assert.equal(result.recipientTokens.length, 2);
    assert.equal(
      drive(createLinks.seedPlan({ runTag: 'x', token: 'k', recipientTokens: ['r'] }), sandbox).calls.length,
      0,
    );
    assert.throws(() => createLinks.seedPlan({ runTag: 'x', token: 'k' }).next(), /SECPAID_RECIPIENT_TOKENS/);
  });

  it('listTransactions creates 60 links, pays 40 and runs the payouts', () => {
    const { calls, result } = drive(listTransactions.seedPlan({ runTag: 'x' }), sandbox);
    assert.equal(calls.filter((c) => c === 'POST /api/v2/createLink').length, 60);
    assert.equal(calls.filter((c) => c.endsWith('/pay')).length, 40);
    assert.equal(calls.at(-1), 'POST /sandbox/payouts/run');
    assert.deepEqual([result.unusedLinks, result.usedLinks, result.payouts], [20, 40, 1]);
  });

  it('seeding stops at the first failed call', () => {
    const plan = listTransactions.seedPlan({ runTag: 'x' });
    plan.next();
    assert.throws(
      () => plan.next({ status: 500, body: '{"error":"InternalServerError","errorMessage":"boom"}' }),
      /500/,
    );
  });

  it('cleanup deletes the tagged unused links until none is left', () => {
    let listed = 0;
    const { calls, result } = drive(createLinks.cleanupPlan(createSeed), (r) =>
      r.path === '/api/v2/getMyUnusedLinks'
        ? { data: listed++ === 0 ? [ours('5'), ours('6')] : [] }
        : { ResponseCode: 1 },
    );
    assert.deepEqual(calls, [
      'POST /api/v2/getMyUnusedLinks',
      'POST /api/v2/deleteLink',
      'POST /api/v2/deleteLink',
      'POST /api/v2/getMyUnusedLinks',
    ]);
    assert.equal(result, 2);
  });

  it('cleanup pages through every tagged link, however many pages it takes', () => {
    // A store of 250,500 links listed 1000 at a time: more than any fixed number of rounds would reach.
    const alive = new Set(Array.from({ length: 250_500 }, (_, i) => i + 1));
    const { calls, result } = drive(createLinks.cleanupPlan(createSeed), (r) => {
      if (r.path === '/api/v2/getMyUnusedLinks') {
        const page: { linktopay_id: number; recipient_note: string }[] = [];
        for (const id of alive) {
          if (page.length === Number(r.fields.limit)) break;
          page.push({ linktopay_id: id, recipient_note: `${createSeed.runTag} 1` });
        }
        return { data: page };
      }
      alive.delete(Number(r.fields.link_id));
      return { ResponseCode: 1 };
    });
    assert.equal(result, 250_500);
    assert.equal(alive.size, 0);
    assert.equal(calls.filter((c) => c.endsWith('getMyUnusedLinks')).length, 252);
  });

  it("cleanup deletes only the run's links, whatever the list answers, and stops when none is left in a page", () => {
    let listed = 0;
    const deletedIds: string[] = [];
    const plan = createLinks.cleanupPlan(createSeed);
    assert.throws(
      () =>
        drive(plan, (r) => {
          if (r.path === '/api/v2/deleteLink') {
            deletedIds.push(r.fields.link_id!);
            return { ResponseCode: 1 };
          }
          // A target that ignores `search`: the run's links among someone else's, then someone else's only.
          return {
            data:
              listed++ === 0 ? [theirs('1'), ours('2'), theirs('3'), ours('4')] : [theirs('1'), theirs('3')],
          };
        }),
      /the list answered 2 links without this run's tag .*\(is search ignored\?\); 2 links of this run were deleted before/,
    );
    assert.deepEqual(deletedIds, ['2', '4']);
  });

  it('cleanup stops when a deleted link is listed again, rather than going round for ever', () => {
    const plan = createLinks.cleanupPlan(createSeed);
    const page = JSON.stringify({ data: [ours('5')] });
    const ok = { status: 200, body: JSON.stringify({ ResponseCode: 1 }) };
    plan.next();
    plan.next({ status: 200, body: page });
    plan.next([ok]);
    assert.throws(
      () => plan.next({ status: 200, body: page }),
      /link 5 is still listed after it was deleted; 1 links of this run were deleted before/,
    );
  });

  it('cleanup fails on any answer but 200, saying how far it got', () => {
    const plan = createLinks.cleanupPlan(createSeed);
    plan.next();
    const deletes = plan.next({
      status: 200,
      body: JSON.stringify({ data: [ours('5'), ours('6'), ours('7')] }),
    });
    assert.ok(
      !deletes.done && isCallList(deletes.value) && deletes.value.length === 3,
      'the deletes go at once',
    );
    const ok = { status: 200, body: JSON.stringify({ ResponseCode: 1 }) };
    assert.throws(
      () => plan.next([ok, { status: 404, body: '{"error":"NotFound","errorMessage":"no such link"}' }, ok]),
      /cleanup: deleteLink 6 answered 404 \(NotFound: no such link\); 2 links of this run were deleted before/,
    );
    const listing = createLinks.cleanupPlan(createSeed);
    listing.next();
    assert.throws(
      () => listing.next({ status: 429, body: '{"error":"TooManyRequests","errorMessage":"slow down"}' }),
      /cleanup: getMyUnusedLinks answered 429/,
    );
  });
});
