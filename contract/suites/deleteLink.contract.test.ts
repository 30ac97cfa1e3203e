/** deleteLink: a deleted link is gone, only once, only the caller's, only while unused. */
import assert from 'node:assert/strict';
import { aMarker } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { badInputs, commonBadInputs } from '../harness/families/badInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { cancelled, linksWithMarker, paid } from '../harness/fixtures.ts';
import { send } from '../harness/send.ts';

const suite = contractSuite('deleteLink');
const writes: TestOptions = { needs: ['writes'] };
const viaControl: TestOptions = {
  needs: ['writes', 'control'],
  because: 'needs to pay or cancel a link as a customer',
};
/** An id no test creates: the largest the spec allows. */
const noSuchLink = 9007199254740991;
/**
 * The bad link_ids below run with real keys in read-only runs too, so each is built from noSuchLink:
 * a server that reads them loosely (truncates 1.5, drops the sign, decodes base64, takes the text)
 * lands on a link that cannot exist, never on link 1 or 124 of a real account.
 */
const base64OfNoSuchLink = Buffer.from(String(noSuchLink)).toString('base64');

suite.test('200 deletes an unused link, which then leaves the unused list', writes, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [link, kept] = await linksWithMarker(caller, 2, marker);
  const { body } = await api.deleteLink(caller, link!.id);
  assert.equal(body.data, undefined, 'deleteLink answers the envelope alone');
  const listed = (await api.unusedLinks(caller, { search: marker })).items.map((l) => l.linktopay_id);
  assert.deepEqual(
    listed,
    [String(kept!.id)],
    `after deleting ${link!.id} the unused list holds ${listed.join(', ')}`,
  );
});

suite.test('404 NotFound when the same link is deleted a second time', writes, async () => {
  const caller = await aCaller();
  const [link] = await linksWithMarker(caller, 1, aMarker());
  await api.deleteLink(caller, link!.id);
  await api.deleteLink(caller, link!.id, 404);
});

suite.test('404 NotFound when no link has that id', async () => {
  await api.deleteLink(await aCaller(), noSuchLink, 404);
});

suite.test(
  "404 NotFound when the link is another account's, and the link survives",
  { needs: ['writes', 'secondAccount'] },
  async () => {
    const [owner, other] = [await aCaller(), await anotherCaller()];
    const marker = aMarker();
    const [link] = await linksWithMarker(owner, 1, marker);
    await api.deleteLink(other, link!.id, 404);
    const listed = (await api.unusedLinks(owner, { search: marker })).items.map((l) => l.linktopay_id);
    assert.deepEqual(listed, [String(link!.id)], "another account's deleteLink removed the link");
  },
);

suite.test('400 InvalidParameters when the link was paid, and it stays used', viaControl, async () => {
  const caller = await aCaller();
  const marker = aMarker();
  const [link] = await linksWithMarker(caller, 1, marker);
  await paid(link!);
  await api.deleteLink(caller, link!.id, 400);
  const used = (await api.usedLinks(caller, { search: marker })).items.map((l) => l.linktopay_id);
  assert.deepEqual(used, [String(link!.id)], 'the paid link is no longer listed as used');
});

suite.test('400 InvalidParameters when the link was cancelled', viaControl, async () => {
  const caller = await aCaller();
  const [link] = await linksWithMarker(caller, 1, aMarker());
  await cancelled(link!);
  await api.deleteLink(caller, link!.id, 400);
});

suite.test('200 takes link_id in a JSON body', writes, async () => {
  const caller = await aCaller();
  const [link] = await linksWithMarker(caller, 1, aMarker());
  await send('deleteLink', { as: caller, json: { link_id: link!.id } }, 200);
});

badInputs(
  suite,
  'deleteLink',
  [
    { when: 'link_id is missing', request: { form: {} } },
    { when: 'link_id is 0', request: { form: { link_id: 0 } } },
    { when: 'link_id is negative', request: { form: { link_id: -noSuchLink } } },
    { when: 'link_id is not a number', request: { form: { link_id: 'abc' } } },
    { when: 'link_id is a fraction', request: { form: { link_id: `${noSuchLink}.5` } } },
    {
      when: 'link_id is beyond the largest safe integer',
      request: { form: { link_id: '9007199254740992' } },
    },
    {
      when: 'link_id is the base64 text of pay_link instead of the id',
      request: { form: { link_id: base64OfNoSuchLink } },
    },
    { when: 'link_id is a string in a JSON body', request: { json: { link_id: String(noSuchLink) } } },
    ...commonBadInputs('deleteLink', { link_id: noSuchLink }),
  ],
  false,
);

statusMatrix(suite, 'deleteLink', {
  make: async () => ({ form: { link_id: noSuchLink } }),
  status: 404,
  writes: false,
});
