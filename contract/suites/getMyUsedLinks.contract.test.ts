/** getMyUsedLinks: paid links appear (and only they), limit and search, order, isolation. */
import assert from 'node:assert/strict';
import { aMarker } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { badInputs } from '../harness/families/badInputs.ts';
import { linkListBadInputs } from '../harness/families/listBadInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { linksWithMarker, paid } from '../harness/fixtures.ts';

const suite = contractSuite('getMyUsedLinks');
const paying: TestOptions = { needs: ['writes', 'control'], because: 'needs to pay links as a customer' };
const ids = (items: { linktopay_id: string }[]) => items.map((l) => l.linktopay_id);

suite.test('200 answers the list of an account with no filters', async () => {
  const page = await api.usedLinks(await aCaller());
  assert.ok(page.items.length <= 10, `received ${page.items.length} links / documented: default limit 10`);
});

suite.test('200 a paid link is listed as used, with when it was paid', paying, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [link] = await linksWithMarker(caller, 1, marker, 33.3);
  await paid(link!);
  const [item, ...rest] = (await api.usedLinks(caller, { search: marker })).items;
  assert.ok(item, 'a paid link is not listed as used');
  assert.equal(rest.length, 0);
  assert.deepEqual(
    [item.linktopay_id, item.amount, item.recipient_note, item.user_id],
    [String(link!.id), '33.30', link!.recipient_note, link!.user_id],
  );
  assert.ok(
    item.paid_on >= link!.created_at,
    `paid_on ${item.paid_on} is before created_at ${link!.created_at}`,
  );
});

suite.test('200 an unpaid link is not listed as used', { needs: ['writes'] }, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  await linksWithMarker(caller, 1, marker);
  assert.deepEqual(
    (await api.usedLinks(caller, { search: marker })).items,
    [],
    'an unpaid link is listed as used',
  );
});

suite.test(
  '200 returns at most limit paid links and counts every match in totalRecords',
  paying,
  async () => {
    const caller = await aCaller();
    const marker = aMarker();
    for (const link of await linksWithMarker(caller, 3, marker)) await paid(link);
    const page = await api.usedLinks(caller, { search: marker, limit: 2 });
    assert.equal(page.items.length, 2, `limit 2: received ${page.items.length} links`);
    if (page.total !== undefined)
      assert.equal(page.total, 3, `totalRecords: received ${page.total} / expected 3 matches`);
  },
);

suite.test('200 returns 10 paid links when no limit is given', paying, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  for (const link of await linksWithMarker(caller, 11, marker)) await paid(link);
  const page = await api.usedLinks(caller, { search: marker });
  assert.equal(
    page.items.length,
    10,
    `no limit: received ${page.items.length} links / documented default 10`,
  );
});

suite.test(
  '200 search returns only paid links whose note contains the text, ignoring case',
  paying,
  async () => {
    const caller = await aCaller();
    const [wanted, other] = [aMarker(), aMarker()];
    const links = [
      ...(await linksWithMarker(caller, 2, wanted)),
      ...(await linksWithMarker(caller, 1, other)),
    ];
    for (const link of links) await paid(link);
    const page = await api.usedLinks(caller, { search: wanted.toUpperCase(), limit: 100 });
    assert.deepEqual(
      ids(page.items).sort(),
      links
        .slice(0, 2)
        .map((l) => String(l.id))
        .sort(),
    );
  },
);

suite.test('200 lists the most recently paid link first', paying, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [first, second] = await linksWithMarker(caller, 2, marker);
  await paid(second!); // paid in the opposite order of creation
  await paid(first!);
  const page = await api.usedLinks(caller, { search: marker });
  assert.deepEqual(ids(page.items), [String(first!.id), String(second!.id)]);
});

suite.test(
  "200 never lists another account's paid links",
  { ...paying, needs: ['writes', 'control', 'secondAccount'] },
  async () => {
    const [owner, other] = [await aCaller(), await anotherCaller()];
    const [link] = await linksWithMarker(owner, 1, aMarker());
    await paid(link!);
    const theirs = await api.usedLinks(other, { limit: 1000 });
    assert.ok(
      !ids(theirs.items).includes(String(link!.id)),
      `another account's list shows paid link ${link!.id}`,
    );
  },
);

badInputs(suite, 'getMyUsedLinks', linkListBadInputs('getMyUsedLinks'), false);

statusMatrix(suite, 'getMyUsedLinks', {
  make: async () => ({ form: { limit: 5 } }),
  status: 200,
  writes: false,
});
