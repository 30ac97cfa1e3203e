/** getPayInTransactions: a paid link becomes a pay-in; pay_id, search, paging, dates; isolation. */
import assert from 'node:assert/strict';
import { aMarker } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api, type PayIn } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { badInputs, commonBadInputs } from '../harness/families/badInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { linksWithMarker, paid, shiftDate } from '../harness/fixtures.ts';

const suite = contractSuite('getPayInTransactions');
const paying: TestOptions = { needs: ['writes', 'control'], because: 'needs to pay links as a customer' };
const payIds = (items: PayIn[]) => items.map((p) => p.pay_id);

suite.test('200 answers the list of an account with no filters', async () => {
  await api.payIns(await aCaller());
});

suite.test('200 a paid link becomes a pay-in of its owner, Pending until a payout', paying, async () => {
  const caller = await aCaller();
  const [link] = await linksWithMarker(caller, 1, aMarker(), 19.99);
  const transactions = await paid(link!);
  const { items, total } = await api.payIns(caller, { pay_id: link!.id });
  assert.equal(items.length, 1, `received ${items.length} pay-ins for link ${link!.id} / expected 1`);
  const payIn = items[0]!;
  assert.deepEqual(
    [payIn.pay_id, payIn.amount, payIn.recipient_note, payIn.status, payIn.user_id],
    [String(link!.id), '19.99', link!.recipient_note, 'Success', link!.user_id],
  );
  // Payout runs in this suite are scoped to their own account, so nothing else pays this one out.
  assert.equal(payIn.payout_status, 'Pending', 'a pay-in no payout took yet must be Pending');
  if (payIn.transaction_id !== undefined) {
    assert.ok(
      transactions.includes(payIn.transaction_id),
      `transaction ${payIn.transaction_id} is not one the payment made`,
    );
  }
  if (total !== undefined) assert.equal(total, 1);
});

suite.test("200 pay_id filters to one link's pay-ins", paying, async () => {
  const caller = await aCaller();
  const [first, second] = await linksWithMarker(caller, 2, aMarker());
  await paid(first!);
  await paid(second!);
  assert.deepEqual(payIds((await api.payIns(caller, { pay_id: first!.id })).items), [String(first!.id)]);
});

suite.test('200 search finds pay-ins by their note, ignoring case', paying, async () => {
  const caller = await aCaller();
  const [wanted, other] = [aMarker(), aMarker()];
  const [link] = await linksWithMarker(caller, 1, wanted);
  const [noise] = await linksWithMarker(caller, 1, other);
  await paid(link!);
  await paid(noise!);
  assert.deepEqual(payIds((await api.payIns(caller, { search: wanted.toUpperCase() })).items), [
    String(link!.id),
  ]);
});

suite.test(
  '200 pages through pay-ins, newest first, limit per page, all counted in totalRecords',
  paying,
  async () => {
    const caller = await aCaller();
    const marker = aMarker();
    const links = await linksWithMarker(caller, 3, marker);
    for (const link of links) await paid(link);
    const first = await api.payIns(caller, { search: marker, limit: 2, page: 1 });
    const second = await api.payIns(caller, { search: marker, limit: 2, page: 2 });
    assert.deepEqual(payIds([...first.items, ...second.items]), links.map((l) => String(l.id)).reverse());
    assert.equal(first.total, 3, `totalRecords: received ${first.total} / expected 3`);
  },
);

suite.test(
  '200 date picks one day: the pay-in is listed on its day and not on the day before',
  paying,
  async () => {
    const caller = await aCaller();
    const [link] = await linksWithMarker(caller, 1, aMarker());
    await paid(link!);
    const [payIn] = (await api.payIns(caller, { pay_id: link!.id })).items;
    const day = payIn!.created_at.slice(0, 10);
    assert.deepEqual(payIds((await api.payIns(caller, { pay_id: link!.id, date: day })).items), [
      String(link!.id),
    ]);
    assert.deepEqual((await api.payIns(caller, { pay_id: link!.id, date: shiftDate(day, -1) })).items, []);
  },
);

suite.test(
  "200 never lists another account's pay-ins",
  { ...paying, needs: ['writes', 'control', 'secondAccount'] },
  async () => {
    const [owner, other] = [await aCaller(), await anotherCaller()];
    const [link] = await linksWithMarker(owner, 1, aMarker());
    await paid(link!);
    assert.deepEqual(
      (await api.payIns(other, { pay_id: link!.id })).items,
      [],
      "another account sees the owner's pay-in",
    );
    const theirs = await api.payIns(other, { limit: 1000, since: 1 });
    assert.ok(
      !payIds(theirs.items).includes(String(link!.id)),
      "another account's pay-ins include the owner's",
    );
  },
);

badInputs(
  suite,
  'getPayInTransactions',
  [
    { when: 'page is 0', request: { form: { page: 0 } } },
    { when: 'page is above 1000000', request: { form: { page: 1000001 } } },
    { when: 'limit is 0', request: { form: { limit: 0 } } },
    { when: 'limit is above 1000', request: { form: { limit: 1001 } } },
    { when: 'date is not a calendar date', request: { form: { date: '2024-13-01' } } },
    { when: 'date is a word', request: { form: { date: 'today' } } },
    { when: 'since is negative', request: { form: { since: -1 } } },
    { when: 'since is above 3650 days', request: { form: { since: 3651 } } },
    { when: 'pay_id is 0', request: { form: { pay_id: 0 } } },
    { when: 'pay_id is not a number', request: { form: { pay_id: 'abc' } } },
    { when: 'search is longer than 200 characters', request: { form: { search: 's'.repeat(201) } } },
    ...commonBadInputs('getPayInTransactions', { limit: 5 }),
  ],
  false,
);

statusMatrix(suite, 'getPayInTransactions', {
  make: async () => ({ form: { limit: 5 } }),
  status: 200,
  writes: false,
});
