/** getMyUnusedLinks: what is listed, limit and search, order, what leaves the list, isolation. */
import assert from 'node:assert/strict';
import { aLink } from '../../core/testing/links.ts';
import { aMarker, aNote } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { badInputs } from '../harness/families/badInputs.ts';
import { linkListBadInputs } from '../harness/families/listBadInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { cancelled, linksWithMarker, paid } from '../harness/fixtures.ts';

const suite = contractSuite('getMyUnusedLinks');
const writes: TestOptions = { needs: ['writes'] };
const ids = (items: { linktopay_id: string }[]) => items.map((l) => l.linktopay_id);

suite.test('200 answers the list of an account with no filters', async () => {
  const page = await api.unusedLinks(await aCaller());
  assert.ok(page.items.length <= 10, `received ${page.items.length} links / documented: default limit 10`);
});

suite.test('200 lists a new link with the fields createLink answered', writes, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const link = await api.createLink(caller, aLink({ amount: 42.1, recipient_note: aNote('listed', marker) }));
  const [item, ...rest] = (await api.unusedLinks(caller, { search: marker })).items;
  assert.equal(rest.length, 0);
  assert.ok(item, 'the new link is not listed as unused');
  assert.deepEqual(
    [
      item.linktopay_id,
      item.amount,
      item.recipient_note,
      item.pay_link,
      item.qr_img,
      item.user_id,
      item.transaction_type,
    ],
    [String(link.id), '42.10', link.recipient_note, link.pay_link, link.qr_img, link.user_id, 'Basic'],
  );
  assert.equal(item.recipients, null);
});

suite.test('200 returns at most limit links and counts every match in totalRecords', writes, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  await linksWithMarker(caller, 3, marker);
  const page = await api.unusedLinks(caller, { search: marker, limit: 2 });
  assert.equal(page.items.length, 2, `limit 2: received ${page.items.length} links`);
  if (page.total !== undefined)
    assert.equal(page.total, 3, `totalRecords: received ${page.total} / expected 3 matches`);
});

suite.test('200 returns 10 links when no limit is given', writes, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  await linksWithMarker(caller, 11, marker);
  const page = await api.unusedLinks(caller, { search: marker });
  assert.equal(
    page.items.length,
    10,
    `no limit: received ${page.items.length} links / documented default 10`,
  );
});

suite.test('200 search returns only links whose note contains the text, ignoring case', writes, async () => {
  const caller = await aCaller();
  const [wanted, other] = [aMarker(), aMarker()];
  const links = await linksWithMarker(caller, 2, wanted);
  await linksWithMarker(caller, 1, other);
  const page = await api.unusedLinks(caller, { search: wanted.toUpperCase(), limit: 100 });
  assert.deepEqual(ids(page.items).sort(), links.map((l) => String(l.id)).sort());
});

suite.test('200 lists the newest link first', writes, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const links = await linksWithMarker(caller, 3, marker);
  const page = await api.unusedLinks(caller, { search: marker });
  assert.deepEqual(ids(page.items), links.map((l) => String(l.id)).reverse());
});

suite.test('200 a paid link leaves the unused list', { needs: ['writes', 'control'] }, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [link] = await linksWithMarker(caller, 1, marker);
  await paid(link!);
  assert.deepEqual(
    (await api.unusedLinks(caller, { search: marker })).items,
    [],
    'a paid link is still listed as unused',
  );
});

suite.test('200 a cancelled link leaves the unused list', { needs: ['writes', 'control'] }, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [link] = await linksWithMarker(caller, 1, marker);
  await cancelled(link!);
  assert.deepEqual(
    (await api.unusedLinks(caller, { search: marker })).items,
    [],
    'a cancelled link is still listed as unused',
  );
});

suite.test("200 never lists another account's links", { needs: ['writes', 'secondAccount'] }, async () => {
  const [owner, other] = [await aCaller(), await anotherCaller()];
  const [link] = await linksWithMarker(owner, 1, aMarker());
  const theirs = await api.unusedLinks(other, { limit: 1000 });
  assert.ok(!ids(theirs.items).includes(String(link!.id)), `another account's list shows link ${link!.id}`);
  if (other.userId) {
    const foreign = theirs.items.filter((l) => l.user_id !== other.userId);
    assert.deepEqual(
      foreign.map((l) => l.user_id),
      [],
      "the list holds other accounts' links",
    );
  }
});

badInputs(suite, 'getMyUnusedLinks', linkListBadInputs('getMyUnusedLinks'), false);

statusMatrix(suite, 'getMyUnusedLinks', {
  make: async () => ({ form: { limit: 5 } }),
  status: 200,
  writes: false,
});
