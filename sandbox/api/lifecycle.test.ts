/**
 * The whole life of basic links through the API and the control API: created → listed unused →
 * paid → listed used and as pay-ins → payout run → listed as one payout whose money adds up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { assertOk, centsOfNumber, centsOfText, sum } from '../testing/assertions.ts';
import { createTenant, dayOfTransaction, payLink, runPayouts } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();

test('create → unused → paid → used and pay-in → payout that adds up to the cent', async () => {
  const owner = await createTenant(env.url);
  const amounts = ['19.99', '0.07', '100.00', '33.33'];
  const ids: number[] = [];
  for (const [i, amount] of amounts.entries()) {
    const created = assertOk(
      'createLink',
      await owner.call('createLink', { amount, recipient_note: `Invoice ${i}` }),
    );
    assert.equal(created.data.amount, amount);
    assert.equal(created.data.status, 'Unused');
    assert.equal(created.data.user_id, owner.userId);
    assert.equal(
      created.data.pay_link,
      `${env.url}/payment?link_id=${Buffer.from(String(created.data.id)).toString('base64')}`,
    );
    ids.push(created.data.id);
  }

  const unused = assertOk('getMyUnusedLinks', await owner.call('getMyUnusedLinks', {}));
  assert.deepEqual(
    unused.data.map((l: { linktopay_id: string }) => l.linktopay_id),
    ids.map(String).reverse(),
  );
  assert.equal(unused.totalRecords, amounts.length);

  const paidOn: Record<number, string> = {};
  const payInIds: string[] = [];
  for (const id of ids) {
    const paid = await payLink(env.url, id);
    paidOn[id] = paid.paid_on;
    payInIds.push(...paid.pay_ins);
  }
  assert.equal(payInIds.length, amounts.length);

  const stillUnused = assertOk('getMyUnusedLinks', await owner.call('getMyUnusedLinks', {}));
  assert.equal(stillUnused.totalRecords, 0);
  const used = assertOk('getMyUsedLinks', await owner.call('getMyUsedLinks', {}));
  assert.deepEqual(
    used.data.map((l: { linktopay_id: string }) => l.linktopay_id),
    ids.map(String).reverse(),
  );
  for (const link of used.data) assert.equal(link.paid_on, paidOn[Number(link.linktopay_id)]);

  const payIns = assertOk('getPayInTransactions', await owner.call('getPayInTransactions', {}));
  assert.equal(payIns.totalRecords, amounts.length);
  assert.deepEqual(
    new Set(payIns.data.map((p: { transaction_id: string }) => p.transaction_id)),
    new Set(payInIds),
  );
  for (const payIn of payIns.data) {
    assert.equal(payIn.payout_status, 'Pending');
    assert.equal(payIn.amount, amounts[ids.indexOf(Number(payIn.pay_id))]);
    const fees = centsOfText(payIn.service_fee) + centsOfText(payIn.service_fee_psp);
    assert.equal(centsOfText(payIn.net_amount), centsOfText(payIn.amount) - fees);
  }

  const day = dayOfTransaction(payInIds[0]!);
  const run = await runPayouts(env.url, day, owner.userId);
  const mine = run.payouts;
  assert.deepEqual(
    mine.map((p) => p.user_id),
    [owner.userId],
  );
  assert.equal(mine[0]!.pay_ins, amounts.length);

  const payouts = assertOk('getPayOutTransactions', await owner.call('getPayOutTransactions', {}));
  assert.equal(payouts.totalRecords, 1);
  const payout = payouts.data[0];
  assert.equal(payout.transaction_id, mine[0]!.transaction_id);
  assert.equal(payout.request_date, day);
  const paidIn = (await owner.call('getPayInTransactions', {})).body.data as Record<string, string>[];
  const expectedAmount = sum(paidIn.map((p) => centsOfText(p.amount!)));
  const expectedFees = sum(paidIn.map((p) => centsOfText(p.service_fee!) + centsOfText(p.service_fee_psp!)));
  assert.equal(centsOfText(payout.payout_amount), expectedAmount);
  assert.equal(expectedAmount, 15_339);
  assert.equal(centsOfNumber(payout.service_fee), expectedFees);
  assert.equal(centsOfNumber(payout.net_amount), expectedAmount - expectedFees);
  for (const payIn of paidIn) assert.equal(payIn.payout_status, 'PaidOut');

  assert.deepEqual(
    (await runPayouts(env.url, day, owner.userId)).payouts,
    [],
    'a second run pays out nothing',
  );
});

test('a cancelled link leaves the unused list and never shows as used', async () => {
  const owner = await createTenant(env.url);
  const created = assertOk(
    'createLink',
    await owner.call('createLink', { amount: 5, recipient_note: 'to cancel' }),
  );
  const control = createControlClient({ baseUrl: env.url });
  const link = { params: { path: { link_id: created.data.id } } };
  const cancel = await control.api.POST('/sandbox/links/{link_id}/cancel', link);
  assert.equal(cancel.response.status, 200);
  assert.equal(cancel.data?.data.status, 'Cancelled');
  assert.equal((await owner.call('getMyUnusedLinks', {})).body.totalRecords, 0);
  assert.equal((await owner.call('getMyUsedLinks', {})).body.totalRecords, 0);
  const pay = await control.api.POST('/sandbox/links/{link_id}/pay', link);
  assert.equal(pay.response.status, 409);
});

test('a deleted link leaves the unused list; a paid link cannot be deleted', async () => {
  const owner = await createTenant(env.url);
  const keep = assertOk('createLink', await owner.call('createLink', { amount: 1, recipient_note: 'keep' }));
  const drop = assertOk('createLink', await owner.call('createLink', { amount: 2, recipient_note: 'drop' }));
  assertOk('deleteLink', await owner.call('deleteLink', { link_id: drop.data.id }));
  const unused = assertOk('getMyUnusedLinks', await owner.call('getMyUnusedLinks', {}));
  assert.deepEqual(
    unused.data.map((l: { linktopay_id: string }) => l.linktopay_id),
    [String(keep.data.id)],
  );
  await payLink(env.url, keep.data.id);
  const again = await owner.call('deleteLink', { link_id: keep.data.id });
  assert.equal(again.status, 400);
  assert.equal((await owner.call('getMyUsedLinks', {})).body.totalRecords, 1);
});

test('lists: newest first, limit and search by note', async () => {
  const owner = await createTenant(env.url);
  for (let i = 1; i <= 12; i++)
    await owner.call('createLink', {
      amount: i,
      recipient_note: `Order ${i % 3 === 0 ? 'FIZZ' : 'plain'} ${i}`,
    });
  const firstPage = assertOk('getMyUnusedLinks', await owner.call('getMyUnusedLinks', {}));
  assert.equal(firstPage.data.length, 10, 'default limit is 10');
  assert.equal(firstPage.totalRecords, 12);
  assert.equal(firstPage.data[0].amount, '12.00');
  const three = assertOk('getMyUnusedLinks', await owner.call('getMyUnusedLinks', { limit: 3 }));
  assert.deepEqual(
    three.data.map((l: { amount: string }) => l.amount),
    ['12.00', '11.00', '10.00'],
  );
  const fizz = assertOk(
    'getMyUnusedLinks',
    await owner.call('getMyUnusedLinks', { search: 'fizz', limit: 2 }),
  );
  assert.equal(fizz.totalRecords, 4);
  assert.deepEqual(
    fizz.data.map((l: { amount: string }) => l.amount),
    ['12.00', '9.00'],
  );
});
