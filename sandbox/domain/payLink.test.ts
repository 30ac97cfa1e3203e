import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { linkIdFromPayLink, payLinkFor, qrImageFor } from './payLink.ts';

const BASE = 'http://127.0.0.1:4010';

test('pay_link carries the base64 of the decimal id, padding kept', () => {
  assert.equal(payLinkFor(BASE, 124), `${BASE}/payment?link_id=MTI0`);
  assert.equal(payLinkFor(BASE, 12_345), `${BASE}/payment?link_id=MTIzNDU=`);
  assert.equal(payLinkFor(BASE, 99_290), `${BASE}/payment?link_id=OTkyOTA=`);
  assert.equal(payLinkFor(BASE, 100_001), `${BASE}/payment?link_id=MTAwMDAx`);
});

test('qr_img holds pay_link raw (not URL-encoded), as the seed shows', () => {
  assert.equal(
    qrImageFor(`${BASE}/payment?link_id=MTI0`),
    `https://quickchart.io/chart?chl=${BASE}/payment?link_id=MTI0&chs=300x300&cht=qr`,
  );
});

test('the id inside a pay_link reads back for any id', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
      assert.equal(linkIdFromPayLink(payLinkFor(BASE, id)), id);
    }),
    { numRuns: 2000 },
  );
});

test('a pay_link without a decimal id inside reads as none', () => {
  assert.equal(linkIdFromPayLink(`${BASE}/payment`), undefined);
  assert.equal(linkIdFromPayLink(`${BASE}/payment?link_id=`), undefined);
  assert.equal(
    linkIdFromPayLink(`${BASE}/payment?link_id=${Buffer.from('abc').toString('base64')}`),
    undefined,
  );
  assert.equal(
    linkIdFromPayLink(`${BASE}/payment?link_id=${Buffer.from('0124').toString('base64')}`),
    undefined,
  );
});
