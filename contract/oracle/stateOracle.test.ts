import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RunModel } from './runModel.ts';
import { feeCents, judgeAgainstModel, learn, type ObservedExchange } from './stateOracle.ts';

const owner = 'OwnerKey0123456789';
const other = 'OtherKey0123456789';

/** A model that saw `owner` made, links 11, 12, 13 created by it (in that order) and one of `other`'s. */
function scenario(complete = true) {
  const model = new RunModel();
  if (complete) model.freshAccount(owner);
  const create = (token: string, id: number, note: string) =>
    learn(model, {
      operationId: 'createLink',
      token,
      request: { amount: 10 },
      status: 200,
      body: { data: { id, amount: '10.00', recipient_note: note, service_fee: '1.5' } },
    });
  create(owner, 11, '[run:a] first Invoice');
  create(owner, 12, '[run:a] second');
  create(owner, 13, '[run:a] third invoice');
  create(other, 21, 'not yours');
  return model;
}

const item = (id: number, note = '[run:a]') => ({ linktopay_id: String(id), recipient_note: note });
const unusedList = (
  ids: number[],
  extra: Partial<ObservedExchange> = {},
  totalRecords?: number,
): ObservedExchange => ({
  operationId: 'getMyUnusedLinks',
  token: owner,
  request: { limit: '1000' },
  status: 200,
  body: { data: ids.map((id) => item(id)), ...(totalRecords === undefined ? {} : { totalRecords }) },
  ...extra,
});

describe('link lists against the model', () => {
  test('an account the run made is listed exactly: membership, newest first, totalRecords', () => {
    const model = scenario();
    assert.deepEqual(judgeAgainstModel(model, unusedList([13, 12, 11], {}, 3)), []);
    assert.deepEqual(judgeAgainstModel(model, unusedList([13, 11], {}, 2)), [
      "received the unused list [13, 11] / the run's model of this account: [13, 12, 11]",
      "received totalRecords 2 / the run's model of this account: 3",
    ]);
    assert.match(
      judgeAgainstModel(model, unusedList([12, 13, 11]))[0]!,
      /received link 13 after link 12 \/ documented: newest first/,
    );
  });

  test('a deleted, paid or cancelled link is never listed as unused, even in an account with older links', () => {
    const model = scenario(false);
    learn(model, {
      operationId: 'deleteLink',
      token: owner,
      request: { link_id: '11' },
      status: 200,
      body: {},
    });
    model.setStatus(12, 'Used');
    model.setStatus(13, 'Cancelled');
    const failures = judgeAgainstModel(model, unusedList([99, 13, 12, 11]));
    assert.deepEqual(failures, [
      "received link 13 in the unused list / the run's model: the run cancelled it",
      "received link 12 in the unused list / the run's model: the run paid it",
      "received link 11 in the unused list / the run's model: the run deleted it",
    ]);
  });

  test('another account’s link, a broken limit and a search that does not match are each named', () => {
    const model = scenario();
    const leak = judgeAgainstModel(model, unusedList([21, 13, 12, 11]));
    assert.ok(
      leak.includes("received link 21 in the unused list / the run's model: it is another account's link"),
    );
    const limited = judgeAgainstModel(model, unusedList([13, 12], { request: { limit: 1 } }));
    assert.ok(limited.includes("received 2 links / the request's limit: 1"));
    const searched = judgeAgainstModel(model, {
      ...unusedList([]),
      request: { search: 'INVOICE' },
      body: { data: [item(13, '[run:a] third invoice'), item(12, '[run:a] second')] },
    });
    assert.ok(
      searched.some((f) => /received link 12 with note .* the search "INVOICE" is not part of it/.test(f)),
    );
    assert.ok(
      searched.includes("received the unused list [13, 12] / the run's model of this account: [13, 11]"),
    );
  });

  test('the used list is most recently paid first', () => {
    const model = scenario();
    model.setStatus(11, 'Used');
    model.setStatus(13, 'Used');
    const used = (ids: number[]) => ({ ...unusedList(ids), operationId: 'getMyUsedLinks' as const });
    assert.deepEqual(judgeAgainstModel(model, used([13, 11])), []);
    assert.match(judgeAgainstModel(model, used([11, 13])).join('\n'), /most recently paid first/);
  });

  test('a search the oracle cannot fold for sure (not ASCII) checks membership of known links only', () => {
    const model = scenario();
    assert.deepEqual(judgeAgainstModel(model, { ...unusedList([]), request: { search: 'Straße' } }), []);
  });
});

describe('deleteLink against the model (D-DELETE)', () => {
  const del = (id: number, status: number, token = owner): ObservedExchange => ({
    operationId: 'deleteLink',
    token,
    request: { link_id: String(id) },
    status,
    body: {},
  });
  test('200 only for the caller’s unused link; 404 for it is wrong', () => {
    const model = scenario();
    model.setStatus(12, 'Used');
    assert.deepEqual(judgeAgainstModel(model, del(11, 200)), []);
    assert.match(judgeAgainstModel(model, del(12, 200))[0]!, /the run paid it, so 400 or 404/);
    assert.match(judgeAgainstModel(model, del(21, 200))[0]!, /another account's link \(404\)/);
    assert.match(judgeAgainstModel(model, del(13, 404))[0]!, /it is the caller's and unused/);
    assert.deepEqual(judgeAgainstModel(model, del(99, 404)), []);
  });
});

describe('payments against the model', () => {
  const paidAt = Date.UTC(2026, 11, 1, 10, 0, 0); // 11:00 in Berlin
  const usedList = (paidOn: string): ObservedExchange => ({
    operationId: 'getMyUsedLinks',
    token: owner,
    request: {},
    status: 200,
    body: { data: [{ ...item(11), paid_on: paidOn }] },
  });
  test('paid_on is Berlin time of the payment, within five minutes', () => {
    const model = scenario();
    model.setStatus(11, 'Used', paidAt);
    assert.deepEqual(judgeAgainstModel(model, usedList('2026-12-01 11:00:42')), []);
    assert.deepEqual(judgeAgainstModel(model, usedList('2026-12-01 10:00:42')), [
      'received paid_on 2026-12-01 10:00:42 for link 11 / the run paid it at 2026-12-01 11:00:00 Berlin time (±5 min)',
    ]);
  });

  test('a pay_id lookup finds the pay-in of a paid link, none of an unpaid one, and no other link’s', () => {
    const model = scenario();
    model.setStatus(11, 'Used', paidAt);
    const lookup = (
      payId: number,
      found: number[],
      extra: Record<string, unknown> = {},
    ): ObservedExchange => ({
      operationId: 'getPayInTransactions',
      token: owner,
      request: { pay_id: String(payId), ...extra },
      status: 200,
      body: { data: found.map((id) => ({ pay_id: String(id) })) },
    });
    assert.deepEqual(judgeAgainstModel(model, lookup(11, [11])), []);
    assert.deepEqual(judgeAgainstModel(model, lookup(11, [])), [
      "received no pay-in for pay_id 11 / the run's model: the run paid it",
    ]);
    assert.deepEqual(
      judgeAgainstModel(model, lookup(11, [], { search: 'x' })),
      [],
      'a search may narrow the lookup',
    );
    assert.deepEqual(judgeAgainstModel(model, lookup(12, [12])), [
      "received a pay-in for pay_id 12 / the run's model: the run never paid it (left unused)",
    ]);
    assert.deepEqual(judgeAgainstModel(model, lookup(12, [13])), [
      'received a pay-in of pay_id 13 / the request asked for pay_id 12',
    ]);
  });
});

describe('date filters in Berlin days', () => {
  test('a pay-in outside the day asked for is named; payouts keep within start_date and end_date', () => {
    const model = scenario();
    const payIns: ObservedExchange = {
      operationId: 'getPayInTransactions',
      token: owner,
      request: { date: '2026-11-30' },
      status: 200,
      body: {
        data: [
          { pay_id: '11', transaction_id: 'a', created_at: '2026-11-30 23:59:59' },
          { pay_id: '12', transaction_id: 'b', created_at: '2026-12-01 00:00:00' },
        ],
      },
    };
    assert.deepEqual(judgeAgainstModel(model, payIns), [
      'received pay-in b of 2026-12-01 / the request asked for Berlin days 2026-11-30 to 2026-11-30',
    ]);
    const payouts: ObservedExchange = {
      operationId: 'getPayOutTransactions',
      token: owner,
      request: { start_date: '2026-11-01', end_date: '2026-11-30' },
      status: 200,
      body: {
        data: [
          { payout_id: '1', request_date: '2026-11-30' },
          { payout_id: '2', request_date: '2026-12-01' },
        ],
      },
    };
    assert.deepEqual(judgeAgainstModel(model, payouts), [
      'received payout 2 of 2026-12-01 / the request asked for 2026-11-01 to 2026-11-30',
    ]);
  });

  test("today's list of an account the run made holds every link it paid today", () => {
    const model = scenario();
    const noon = Date.UTC(2026, 11, 1, 11, 0, 0);
    model.setStatus(11, 'Used', noon - 60_000);
    const today = (ids: number[], receivedAt = noon): ObservedExchange => ({
      operationId: 'getPayInTransactions',
      token: owner,
      request: {},
      status: 200,
      body: { data: ids.map((id) => ({ pay_id: String(id) })), totalRecords: ids.length },
      receivedAt,
    });
    assert.deepEqual(judgeAgainstModel(model, today([])), [
      "received no pay-in of link 11 / the run's model: the run paid it on 2026-12-01, within the days asked for",
    ]);
    assert.deepEqual(judgeAgainstModel(model, today([11])), []);
    // Within five minutes of Berlin midnight "today" is in doubt, so nothing is claimed.
    assert.deepEqual(judgeAgainstModel(model, today([], Date.UTC(2026, 11, 1, 22, 58))), []);
    assert.deepEqual(judgeAgainstModel(model, today([], Date.UTC(2026, 11, 2, 11))), [], 'paid yesterday');
  });
});

describe('pay-in fees (D-FEES)', () => {
  test('the link’s rate, rounded half away from zero to the cent', () => {
    assert.deepEqual(
      [feeCents(1999, '1.5'), feeCents(100, '1.5'), feeCents(10, '1.5'), feeCents(-100, '1.5')],
      [30, 2, 0, -2],
    );
    assert.equal(feeCents(1000, '2'), 20);
    assert.equal(feeCents(1000, 'x'), undefined);
  });

  test('a pay-in charged at another rate is named with the documented figure', () => {
    const model = scenario();
    const payIns = (fee: string): ObservedExchange => ({
      operationId: 'getPayInTransactions',
      token: owner,
      request: {},
      status: 200,
      body: {
        data: [{ pay_id: '11', transaction_id: '20261201-pi-abcdefghij', amount: '10.00', service_fee: fee }],
      },
    });
    assert.deepEqual(judgeAgainstModel(model, payIns('0.15')), []);
    assert.deepEqual(judgeAgainstModel(model, payIns('0.20')), [
      'received pay-in 20261201-pi-abcdefghij service_fee 0.20 / documented: 1.5 % of 10.00 = 0.15 (D-FEES)',
    ]);
  });
});
