import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probablyRenamed } from './renamed.ts';

const pair = (documented: string, received: string) => ({ documented, received });

test('the same name in another case or with other separators', () => {
  assert.deepEqual(probablyRenamed(['data/paymentEndpoint'], ['data/payment_endpoint']), [
    pair('data.paymentEndpoint', 'data.payment_endpoint'),
  ]);
  assert.deepEqual(probablyRenamed(['data/link-id'], ['data/LinkID']), [pair('data.link-id', 'data.LinkID')]);
});

test('one name is a word of the other', () => {
  assert.deepEqual(probablyRenamed(['data/id'], ['data/linktopay_id']), [
    pair('data.id', 'data.linktopay_id'),
  ]);
  assert.deepEqual(probablyRenamed(['data/endpoint'], ['data/paymentEndpoint']), [
    pair('data.endpoint', 'data.paymentEndpoint'),
  ]);
  // Either way round: the documented name may be the longer one.
  assert.deepEqual(probablyRenamed(['data/link_id'], ['data/id']), [pair('data.link_id', 'data.id')]);
  // A part of a word is not a word: `id` is not in `idempotency`.
  assert.deepEqual(probablyRenamed(['data/id'], ['data/idempotency']), []);
});

test('a typo in a name of four or more characters', () => {
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/ammount']), [pair('data.amount', 'data.ammount')]);
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/amuont']), [pair('data.amount', 'data.amuont')]);
  assert.deepEqual(probablyRenamed(['data/status'], ['data/sttus_']), [pair('data.status', 'data.sttus_')]);
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/amnout']), [pair('data.amount', 'data.amnout')]);
  // A swap of neighbours is one edit: a swap and an added letter are two.
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/amuonts']), [pair('data.amount', 'data.amuonts')]);
  // Three edits are not a typo.
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/mount_xy']), []);
});

test('short names two edits apart are unrelated', () => {
  assert.deepEqual(probablyRenamed(['data/id'], ['data/ts']), []);
  assert.deepEqual(probablyRenamed(['id'], ['ix']), []);
  assert.deepEqual(probablyRenamed(['data/fee'], ['data/fix']), []);
});

test('unrelated names do not pair', () => {
  assert.deepEqual(probablyRenamed(['data/id'], ['data/status']), []);
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/currency']), []);
});

test('the answer holds, under another name, the value sent for the documented field', () => {
  const body = { data: { sum: '10.00', note: 'hello' } };
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/sum', 'data/note'], body, { amount: '10.00' }), [
    pair('data.amount', 'data.sum'),
  ]);
  // A form sends text; the answer may hold the number.
  assert.deepEqual(
    probablyRenamed(['data/amount'], ['data/total'], { data: { total: 10 } }, { amount: '10.00' }),
    [pair('data.amount', 'data.total')],
  );
  // Another value, or nothing sent for that field: no pair.
  assert.deepEqual(
    probablyRenamed(['data/amount'], ['data/sum'], { data: { sum: '11.00' } }, { amount: '10.00' }),
    [],
  );
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/sum'], body, { note: '10.00' }), []);
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/sum'], body), []);
});

test('values too common to tell fields apart do not pair', () => {
  const body = { data: { active: true, extra: null, label: '' } };
  const sent = { paid: true, memo: null, note: '' };
  assert.deepEqual(
    probablyRenamed(
      ['data/paid', 'data/memo', 'data/note'],
      ['data/active', 'data/extra', 'data/label'],
      body,
      sent,
    ),
    [],
  );
});

test('values are read through list items', () => {
  const body = { data: [{ sum: '5.00' }, { sum: '7.50' }] };
  assert.deepEqual(probablyRenamed(['data/*/amount'], ['data/1/sum'], body, { amount: '7.50' }), [
    pair('data.*.amount', 'data.*.sum'),
  ]);
  assert.deepEqual(probablyRenamed(['data/*/amount'], ['data/0/sum'], body, { amount: '7.50' }), []);
});

test('only fields with the same parent pair, list items counting as one parent', () => {
  assert.deepEqual(probablyRenamed(['data/id'], ['linktopay_id']), []);
  assert.deepEqual(probablyRenamed(['data/id'], ['data/link/linktopay_id']), []);
  assert.deepEqual(probablyRenamed(['data/0/amount'], ['data/ammount']), []);
  assert.deepEqual(
    probablyRenamed(['data/sum'], ['meta/sum'], { meta: { sum: '1.00' } }, { sum: '1.00' }),
    [],
  );
  assert.deepEqual(probablyRenamed(['data/*/amount'], ['data/0/ammount', 'data/3/ammount']), [
    pair('data.*.amount', 'data.*.ammount'),
  ]);
  assert.deepEqual(probablyRenamed(['errorMessage'], ['error_message']), [
    pair('errorMessage', 'error_message'),
  ]);
});

test('a look-alike name wins over a value alone, and a closer name over a farther one', () => {
  const body = { data: { sum: '10.00', amount_cents: 1000, ammount: '9.00' } };
  assert.deepEqual(
    probablyRenamed(['data/amount'], ['data/sum', 'data/amount_cents'], body, { amount: '10.00' }),
    [pair('data.amount', 'data.amount_cents')],
  );
  // One typo is closer than a name with a word added.
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/amount_cents', 'data/amuont']), [
    pair('data.amount', 'data.amuont'),
  ]);
  // A name with one word added is closer than one with two.
  assert.deepEqual(probablyRenamed(['data/id'], ['data/a_link_id', 'data/link_id']), [
    pair('data.id', 'data.link_id'),
  ]);
  // One typo is closer than two.
  assert.deepEqual(probablyRenamed(['data/amount'], ['data/amnout_', 'data/ammount']), [
    pair('data.amount', 'data.ammount'),
  ]);
  // Between equally close names, the one holding the value sent.
  assert.deepEqual(
    probablyRenamed(
      ['data/amount'],
      ['data/amount2', 'data/amounts'],
      { data: { amounts: '10.00' } },
      {
        amount: '10.00',
      },
    ),
    [pair('data.amount', 'data.amounts')],
  );
});

test('each undocumented field is named once; a documented field takes what the others left', () => {
  assert.deepEqual(probablyRenamed(['data/link_id', 'data/id'], ['data/linkId', 'data/linktopay_id']), [
    pair('data.id', 'data.linktopay_id'),
    pair('data.link_id', 'data.linkId'),
  ]);
  // Both look like `ammount`; the closer one (one edit, against two) takes it.
  assert.deepEqual(probablyRenamed(['data/amont', 'data/amount'], ['data/ammount']), [
    pair('data.amount', 'data.ammount'),
  ]);
  assert.deepEqual(probablyRenamed(['data/id'], ['data/user_id', 'data/link_id']).length, 1);
});

test('the same lists in any order give the same pairs, sorted by the documented field', () => {
  const missing = ['data/id', 'data/amount', 'data/paymentEndpoint', 'data/*/fee', 'errorMessage'];
  const unknown = [
    'data/linktopay_id',
    'data/sum',
    'data/payment_endpoint',
    'data/0/fee_total',
    'error_message',
    'data/x',
  ];
  const body = { data: { sum: '10.00', linktopay_id: 7 } };
  const sent = { amount: '10.00' };
  const expected = [
    pair('data.*.fee', 'data.*.fee_total'),
    pair('data.amount', 'data.sum'),
    pair('data.id', 'data.linktopay_id'),
    pair('data.paymentEndpoint', 'data.payment_endpoint'),
    pair('errorMessage', 'error_message'),
  ];
  assert.deepEqual(probablyRenamed(missing, unknown, body, sent), expected);
  const rotations = missing.map((_, i) => [...missing.slice(i), ...missing.slice(0, i)]);
  for (const m of rotations)
    assert.deepEqual(probablyRenamed(m, [...unknown].reverse(), body, sent), expected, m.join(' '));
  // Ties are broken by path, not by the order given.
  assert.deepEqual(probablyRenamed(['data/id'], ['data/user_id', 'data/link_id']), [
    pair('data.id', 'data.link_id'),
  ]);
  assert.deepEqual(probablyRenamed(['data/id'], ['data/link_id', 'data/user_id']), [
    pair('data.id', 'data.link_id'),
  ]);
});

test('nothing missing or nothing unknown: nothing to say', () => {
  assert.deepEqual(probablyRenamed([], ['data/x']), []);
  assert.deepEqual(probablyRenamed(['data/x'], []), []);
  assert.deepEqual(probablyRenamed(['data/0/id'], ['data/1/id']), []);
});
