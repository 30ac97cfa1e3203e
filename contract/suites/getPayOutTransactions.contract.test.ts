/** getPayOutTransactions: a payout sums its pay-ins to the cent; search, dates, paging; isolation. */
import assert from 'node:assert/strict';
import { centsOf, formatCents } from '../../core/money.ts';
import { aMarker } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api, type PaymentLink, type Payout } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { control } from '../harness/control.ts';
import { badInputs, commonBadInputs } from '../harness/families/badInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { linksWithMarker, paid, shiftDate } from '../harness/fixtures.ts';
import type { Caller } from '../harness/send.ts';

const suite = contractSuite('getPayOutTransactions');
const payingOut: TestOptions = {
  needs: ['writes', 'control'],
  because: 'needs to pay links and run the nightly payout',
};
const sum = (values: unknown[]) => values.reduce<number>((total, v) => total + (centsOf(v) ?? Number.NaN), 0);

/** Pays `links`, runs the payout of their day and answers that day. */
async function paidOut(caller: Caller, links: PaymentLink[]): Promise<string> {
  for (const link of links) await paid(link);
  const [payIn] = (await api.payIns(caller, { pay_id: links[0]!.id })).items;
  const day = payIn!.created_at.slice(0, 10);
  await control().runPayouts(day, caller.userId);
  return day;
}

suite.test('200 answers the list of an account with no filters', async () => {
  await api.payouts(await aCaller());
});

suite.test('200 a payout sums its pay-ins to the cent and marks them PaidOut', payingOut, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  // Amounts whose fees round differently, so a rounding error in the sums shows.
  const links = [
    ...(await linksWithMarker(caller, 1, marker, 10.01)),
    ...(await linksWithMarker(caller, 1, marker, 33.33)),
    ...(await linksWithMarker(caller, 1, marker, 0.99)),
  ];
  const day = await paidOut(caller, links);
  const payIns = (await api.payIns(caller, { search: marker, date: day })).items;
  assert.equal(payIns.length, 3);
  assert.deepEqual(
    payIns.map((p) => p.payout_status),
    ['PaidOut', 'PaidOut', 'PaidOut'],
    'pay-ins not marked PaidOut',
  );
  const payouts: Payout[] = (await api.payouts(caller, { start_date: day, end_date: day })).items;
  assert.ok(payouts.length >= 1, 'the payout run made no payout for the account');
  const gross = sum(payouts.map((p) => p.payout_amount));
  const fees = sum(payouts.map((p) => p.service_fee));
  const expectedGross = sum(payIns.map((p) => p.amount));
  const expectedFees = sum(payIns.flatMap((p) => [p.service_fee, p.service_fee_psp]));
  assert.equal(formatCents(gross), formatCents(expectedGross), 'payout_amount is not the sum of the pay-ins');
  assert.equal(
    formatCents(fees),
    formatCents(expectedFees),
    "service_fee is not the sum of the pay-ins' fees",
  );
  assert.equal(
    formatCents(sum(payouts.map((p) => p.net_amount))),
    formatCents(expectedGross - expectedFees),
    'net_amount',
  );
  for (const payout of payouts)
    assert.deepEqual([payout.request_date, payout.user_id], [day, links[0]!.user_id]);
});

suite.test('200 search finds a payout by its transaction_id', payingOut, async () => {
  const caller = await aCaller();
  await paidOut(caller, await linksWithMarker(caller, 1, aMarker()));
  const [payout] = (await api.payouts(caller)).items;
  assert.ok(payout, 'no payout listed after the payout run');
  const found = (await api.payouts(caller, { search: payout.transaction_id.toUpperCase() })).items;
  assert.deepEqual(
    found.map((p) => p.payout_id),
    [payout.payout_id],
  );
});

suite.test('200 start_date and end_date bound request_date, both inclusive', payingOut, async () => {
  const caller = await aCaller();
  const day = await paidOut(caller, await linksWithMarker(caller, 1, aMarker()));
  const count = async (start_date: string, end_date: string) =>
    (await api.payouts(caller, { start_date, end_date })).items.length;
  assert.equal(await count(day, day), 1, 'the payout is missing when both dates are its day');
  assert.equal(await count(shiftDate(day, 1), shiftDate(day, 9)), 0, 'a payout before start_date is listed');
  assert.equal(await count(shiftDate(day, -9), shiftDate(day, -1)), 0, 'a payout after end_date is listed');
});

suite.test(
  '200 pages through payouts, newest first, limit per page, all counted in totalRecords',
  payingOut,
  async () => {
    const caller = await aCaller();
    const marker = aMarker();
    const [a, b] = await linksWithMarker(caller, 2, marker);
    await paidOut(caller, [a!]);
    await paidOut(caller, [b!]);
    const first = await api.payouts(caller, { limit: 1, page: 1 });
    const second = await api.payouts(caller, { limit: 1, page: 2 });
    assert.equal(first.total, 2, `totalRecords: received ${first.total} / expected 2`);
    assert.equal(first.items.length + second.items.length, 2);
    assert.ok(
      Number(first.items[0]!.payout_id) > Number(second.items[0]!.payout_id),
      'the newest payout is not first',
    );
  },
);

suite.test(
  "200 never lists another account's payouts",
  { ...payingOut, needs: ['writes', 'control', 'secondAccount'] },
  async () => {
    const [owner, other] = [await aCaller(), await anotherCaller()];
    await paidOut(owner, await linksWithMarker(owner, 1, aMarker()));
    const [payout] = (await api.payouts(owner)).items;
    const theirs = await api.payouts(other, { search: payout!.transaction_id });
    assert.deepEqual(theirs.items, [], "another account sees the owner's payout");
  },
);

badInputs(
  suite,
  'getPayOutTransactions',
  [
    { when: 'page is 0', request: { form: { page: 0 } } },
    { when: 'limit is 0', request: { form: { limit: 0 } } },
    { when: 'limit is above 1000', request: { form: { limit: 1001 } } },
    { when: 'start_date is a word', request: { form: { start_date: 'yesterday' } } },
    { when: 'end_date is not a calendar date', request: { form: { end_date: '2024-02-30' } } },
    { when: 'search is longer than 200 characters', request: { form: { search: 's'.repeat(201) } } },
    { when: 'a pay-in filter the payout list does not have is sent', request: { form: { pay_id: 5 } } },
    ...commonBadInputs('getPayOutTransactions', { limit: 5 }),
  ],
  false,
);

statusMatrix(suite, 'getPayOutTransactions', {
  make: async () => ({ form: { limit: 5 } }),
  status: 200,
  writes: false,
});
