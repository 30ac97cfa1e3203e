/**
 * The engine-neutral scenarios: every request they build is valid per the spec (decoded as the
 * sandbox decodes forms, validated with the spec's schemas), the mix is deterministic and varied,
 * and the checks pass on right answers and fail on wrong ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeForm } from '../../core/formBody.ts';
import { centsFromAmount, formatCents } from '../../core/money.ts';
import { type OperationId, operationIds, operations } from '../../core/spec.ts';
import { describeErrors, requestValidator } from '../../core/validators.ts';
import { createLinks } from './createLinks.ts';
import { listTransactions } from './listTransactions.ts';
import type { LoadRequest, OperationName, ResponseLike, Scenario } from './types.ts';

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
      amount: formatCents(centsFromAmount(Number(request.fields.amount))),
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
