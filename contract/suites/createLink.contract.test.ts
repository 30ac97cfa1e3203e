/** createLink: echoes, link fields, ownership, bad input, and the status matrix. */
import assert from 'node:assert/strict';
import { aLink } from '../../core/testing/links.ts';
import { aMarker, aNote, aNoteOfLength } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractSuite, type TestOptions } from '../harness/contractSuite.ts';
import { badInputs, commonBadInputs } from '../harness/families/badInputs.ts';
import { statusMatrix } from '../harness/families/statusMatrix.ts';
import { send } from '../harness/send.ts';

const suite = contractSuite('createLink');
const writes: TestOptions = { needs: ['writes'] };

suite.test('200 echoes the amount as two-decimal text and the note exactly', writes, async () => {
  const caller = await aCaller();
  const cases: [number, string][] = [
    [12.34, '12.34'],
    [100, '100.00'],
    [0.1, '0.10'],
    [0.01, '0.01'],
    [999999.99, '999999.99'],
  ];
  for (const [amount, text] of cases) {
    const note = aNote(`echo ${amount} ü € "quoted" & <b>`);
    const link = await api.createLink(caller, aLink({ amount, recipient_note: note }));
    assert.equal(link.amount, text, `amount ${amount}: received ${link.amount} / expected ${text}`);
    assert.equal(link.recipient_note, note);
  }
});

suite.test('200 keeps a note of the maximum 500 characters whole', writes, async () => {
  const note = aNoteOfLength(500);
  const link = await api.createLink(await aCaller(), aLink({ recipient_note: note }));
  assert.equal(
    link.recipient_note.length,
    500,
    `received a note of ${link.recipient_note.length} characters`,
  );
  assert.equal(link.recipient_note, note);
});

suite.test('200 answers a new Unused Basic link of the caller, without recipients', writes, async () => {
  const caller = await aCaller();
  const link = await api.createLink(caller, aLink({ callback_url: 'https://shop.example/thanks?order=7' }));
  assert.equal(link.status, 'Unused');
  assert.equal(link.transaction_type, 'Basic');
  assert.equal(link.recipient, null);
  assert.equal(link.callback_url, 'https://shop.example/thanks?order=7');
  if (caller.userId) assert.equal(link.user_id, caller.userId);
});

suite.test('200 pay_link carries the base64 of the id and qr_img encodes that pay_link', writes, async () => {
  const link = await api.createLink(await aCaller());
  const encoded = new URL(link.pay_link).searchParams.get('link_id') ?? '';
  assert.equal(Buffer.from(encoded, 'base64').toString('utf8'), String(link.id));
  assert.equal(link.qr_img, `https://quickchart.io/chart?chl=${link.pay_link}&chs=300x300&cht=qr`);
});

suite.test('200 gives every link an id of its own', writes, async () => {
  const caller = await aCaller();
  const ids = new Set<number>();
  for (let i = 0; i < 3; i++) ids.add((await api.createLink(caller)).id);
  assert.equal(ids.size, 3);
});

suite.test('200 takes the same request as a JSON body', writes, async () => {
  const note = aNote('json body');
  const { body } = await send(
    'createLink',
    { as: await aCaller(), json: { amount: 49.9, recipient_note: note } },
    200,
  );
  const link = body.data as { amount: string; recipient_note: string };
  assert.equal(link.amount, '49.90');
  assert.equal(link.recipient_note, note);
});

suite.test(
  '200 a new link is listed for its owner and for no other account',
  { needs: ['writes', 'secondAccount'] },
  async () => {
    const [owner, other] = [await aCaller(), await anotherCaller()];
    const marker = aMarker();
    const link = await api.createLink(owner, aLink({ recipient_note: aNote('owned', marker) }));
    const mine = await api.unusedLinks(owner, { search: marker });
    assert.deepEqual(
      mine.items.map((l) => l.linktopay_id),
      [String(link.id)],
    );
    const theirs = await api.unusedLinks(other, { search: marker });
    assert.deepEqual(theirs.items, [], "another account's list shows the link");
  },
);

const valid = { amount: 25.5, recipient_note: aNote('bad input') };
badInputs(
  suite,
  'createLink',
  [
    { when: 'amount is 0', request: { form: { ...valid, amount: 0 } } },
    { when: 'amount is negative', request: { form: { ...valid, amount: -5 } } },
    { when: 'amount is above 999999.99', request: { form: { ...valid, amount: 1000000 } } },
    { when: 'amount has three decimals', request: { form: { ...valid, amount: 12.345 } } },
    { when: 'amount is not a number', request: { form: { ...valid, amount: 'abc' } } },
    { when: 'amount is written with an exponent', request: { form: { ...valid, amount: '1e3' } } },
    { when: 'amount is NaN', request: { form: { ...valid, amount: 'NaN' } } },
    { when: 'amount is missing', request: { form: { recipient_note: valid.recipient_note } } },
    { when: 'the body is empty', request: {} },
    { when: 'amount is a string in a JSON body', request: { json: { ...valid, amount: '25.50' } } },
    { when: 'amount is 0 in a JSON body', request: { json: { ...valid, amount: 0 } } },
    {
      when: 'recipient_note is longer than 500 characters',
      request: { form: { ...valid, recipient_note: aNoteOfLength(501) } },
    },
    { when: 'cancellable is not a boolean', request: { form: { ...valid, cancellable: 'maybe' } } },
    {
      when: 'is_cancellation is not Yes or No',
      request: { form: { ...valid, is_cancellation: 'yes please' } },
    },
    { when: 'encryption_key is not 32 characters', request: { form: { ...valid, encryption_key: 'short' } } },
    ...commonBadInputs('createLink', valid),
  ],
  true,
);

statusMatrix(suite, 'createLink', { make: async () => ({ form: aLink() }), status: 200, writes: true });
