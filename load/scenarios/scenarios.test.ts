/**
 * The engine-neutral scenarios: every request they build is valid per the spec (decoded as the
 * sandbox decodes forms, validated with the spec's schemas), the mix is deterministic and varied,
 * and the checks pass on right answers and fail on wrong ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeForm } from '../../core/formBody.ts';
import { type OperationId, operationIds, operations } from '../../core/spec.ts';
import { describeErrors, requestValidator } from '../../core/validators.ts';
import { createLinks } from './createLinks.ts';
import { listTransactions } from './listTransactions.ts';
import { isCallList } from './plans.ts';
import type { LoadRequest, OperationName, Plan, ResponseLike, Scenario } from './types.ts';

const form = 'application/x-www-form-urlencoded';
const createSeed = {
  token: 'A'.repeat(32),
  recipientTokens: ['r1'.repeat(16), 'r2'.repeat(16)],
  runTag: 'load-t1',
};
const listSeed = {
  token: 'B'.repeat(32),
  runTag: 'load-t2',
  seeded: true,
  searchTerms: ['invoice', 'ticket'],
  unusedLinks: 20,
  usedLinks: 40,
  payouts: 1,
};

// Compile-time: the scenarios' operation names are exactly the spec's operationIds.
const _sameNames: [OperationName[], OperationId[]] = [[...operationIds], [] as OperationName[]];

function assertValid(request: LoadRequest): void {
  const operation = request.tags.name as OperationId;
  const info = operations[operation];
  assert.equal(request.path, info.path);
  assert.equal(request.headers['Content-Type'], form);
  const decoded = decodeForm(
    new URLSearchParams(request.body),
    info.requestSchemas[form]!,
    info.jsonEncodedFormFields,
  );
  assert.ok(decoded.ok, `${operation}: form does not decode`);
  const validate = requestValidator(operation, form)!;
  assert.ok(validate(decoded.value), `${operation} ${request.body}: ${describeErrors(validate.errors)}`);
}

function checksOf<S>(scenario: Scenario<S>, request: LoadRequest, seed: S, response: ResponseLike) {
  return Object.fromEntries(
    scenario.checksFor(request.tags.name).map((c) => [c.name, c.test(response, request, seed)]),
  );
}

describe('createLinks scenario', () => {
  it('builds only requests the spec accepts, basic and split, with varied amounts and notes', () => {
    const seen = { createLink: 0, createSplitLink: 0, amounts: new Set<string>(), oneDecimal: 0, whole: 0 };
    for (let i = 0; i < 3000; i++) {
      const request = createLinks.build(createSeed, i);
      assertValid(request);
      seen[request.tags.name as 'createLink' | 'createSplitLink']++;
      const amount = request.fields.amount!;
      seen.amounts.add(amount);
      if (/^\d+\.\d$/.test(amount)) seen.oneDecimal++;
      if (/^\d+$/.test(amount)) seen.whole++;
      assert.ok(request.fields.recipient_note!.startsWith('load-t1 '), 'notes carry the run tag');
    }
    assert.ok(seen.createSplitLink > 600 && seen.createLink > 1800, JSON.stringify(seen));
    assert.ok(seen.amounts.size > 2500 && seen.oneDecimal > 10 && seen.whole > 300);
  });

  it('is deterministic per iteration and keeps the token out of tags and bodies', () => {
    assert.deepEqual(createLinks.build(createSeed, 42), createLinks.build(createSeed, 42));
    const request = createLinks.build(createSeed, 7);
    assert.equal(request.headers.token, createSeed.token);
    assert.ok(
      !request.body.includes(createSeed.token) && !JSON.stringify(request.tags).includes(createSeed.token),
    );
  });

  it('checks pass on the right answer and fail on wrong ones', () => {
    const request = createLinks.build({ ...createSeed, recipientTokens: [] }, 3);
    const link = {
      id: 17,
      amount: (Math.round(Number(request.fields.amount) * 100) / 100).toFixed(2),
      recipient_note: request.fields.recipient_note,
      status: 'Unused',
      transaction_type: 'Basic',
    };
    const ok = { status: 200, body: JSON.stringify({ data: link, ResponseCode: 1, Result: 'True' }) };
    assert.ok(Object.values(checksOf(createLinks, request, createSeed, ok)).every(Boolean));
    const wrongAmount = {
      status: 200,
      body: JSON.stringify({ data: { ...link, amount: '0.01' }, ResponseCode: 1, Result: 'True' }),
    };
    assert.equal(
      checksOf(createLinks, request, createSeed, wrongAmount)['createLink echoes amount and note'],
      false,
    );
    const error = {
      status: 400,
      body: JSON.stringify({ error: 'InvalidParameters', ResponseCode: 0, Result: 'False' }),
    };
    const failed = checksOf(createLinks, request, createSeed, error);
    assert.ok(
      Object.values(failed).every((v) => v === false),
      JSON.stringify(failed),
    );
    assert.ok(
      Object.values(checksOf(createLinks, request, createSeed, { status: 200, body: 'not json' })).filter(
        Boolean,
      ).length === 1,
    );
  });
});

describe('listTransactions scenario', () => {
  it('builds a valid mix of the four lists with paging and search', () => {
    const counts: Record<string, number> = {};
    let searches = 0;
    let laterPages = 0;
    for (let i = 0; i < 2000; i++) {
      const request = listTransactions.build(listSeed, i);
      assertValid(request);
      counts[request.tags.name] = (counts[request.tags.name] ?? 0) + 1;
      if (request.fields.search) searches++;
      if (request.fields.page && request.fields.page !== '1') laterPages++;
    }
    assert.deepEqual(Object.keys(counts).sort(), [...listTransactions.operations].sort());
    assert.ok(counts.getMyUnusedLinks! > 600 && counts.getPayOutTransactions! > 120, JSON.stringify(counts));
    assert.ok(searches > 400 && laterPages > 200);
  });

  it('checks catch an empty seeded list, a page over the limit and a search that is not honoured', () => {
    const request = { ...listTransactions.build(listSeed, 0), fields: { limit: '5' } };
    request.tags = { name: 'getMyUnusedLinks' };
    const answer = (data: unknown[]) => ({
      status: 200,
      body: JSON.stringify({ data, ResponseCode: 1, Result: 'True' }),
    });
    const item = { recipient_note: 'load-t2 invoice 1' };
    assert.ok(Object.values(checksOf(listTransactions, request, listSeed, answer([item]))).every(Boolean));
    assert.equal(
      checksOf(listTransactions, request, listSeed, answer([]))['getMyUnusedLinks shows the seeded data'],
      false,
    );
    const six = answer(Array(6).fill(item));
    assert.equal(
      checksOf(listTransactions, request, listSeed, six)['getMyUnusedLinks answers a page within the limit'],
      false,
    );
    const searching = { ...request, fields: { limit: '5', search: 'ticket' } };
    assert.equal(
      checksOf(listTransactions, searching, listSeed, answer([item]))['getMyUnusedLinks honours the search'],
      false,
    );
  });
});

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
