/**
 * Which days getPayInTransactions covers: a list is today's unless `since` or `date` says
 * otherwise, and a lookup by `pay_id` finds a payment whatever day it was made (DECISIONS.md D-PAYIN).
 * The sandbox's clock is moved back a day to make "yesterday's payment" without waiting for midnight.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { berlinDate } from '../domain/berlinTime.ts';
import { assertOk } from '../testing/assertions.ts';
import { createTenant, payLink } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();
const DAY_MS = 86_400_000;

async function paidYesterday() {
  const owner = await createTenant(env.url);
  const { state } = env.sandbox;
  const realNow = state.now;
  state.now = () => realNow() - DAY_MS;
  try {
    const created = assertOk('createLink', await owner.call('createLink', { amount: '12.34' }));
    await payLink(env.url, created.data.id);
    return { owner, id: created.data.id as number, day: berlinDate(realNow() - DAY_MS) };
  } finally {
    state.now = realNow;
  }
}

const payIdsOf = (body: { data: { pay_id: string }[] }) => body.data.map((p) => Number(p.pay_id));

test("a list without since or date holds only today's pay-ins", async () => {
  const { owner } = await paidYesterday();
  assert.deepEqual(
    payIdsOf(assertOk('getPayInTransactions', await owner.call('getPayInTransactions', {}))),
    [],
  );
});

test('since=1 and date=<yesterday> reach back to yesterday', async () => {
  const { owner, id, day } = await paidYesterday();
  for (const filters of [{ since: 1 }, { date: day }]) {
    const body = assertOk('getPayInTransactions', await owner.call('getPayInTransactions', filters));
    assert.deepEqual(payIdsOf(body), [id], JSON.stringify(filters));
  }
});

test("a pay_id lookup finds yesterday's payment; with since=0 it is limited to today again", async () => {
  const { owner, id } = await paidYesterday();
  const found = assertOk('getPayInTransactions', await owner.call('getPayInTransactions', { pay_id: id }));
  assert.deepEqual(payIdsOf(found), [id]);
  const today = assertOk(
    'getPayInTransactions',
    await owner.call('getPayInTransactions', { pay_id: id, since: 0 }),
  );
  assert.deepEqual(payIdsOf(today), []);
});
