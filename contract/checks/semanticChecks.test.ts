import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { centsOf, formatCents } from '../../core/money.ts';
import { linkConsistency } from './linkConsistency.ts';
import { moneyArithmetic } from './moneyArithmetic.ts';
import type { Exchange } from './types.ts';

function exchange(operationId: Exchange['operationId'], body: unknown): Exchange {
  return { operationId, status: 200, headers: {}, bodyText: JSON.stringify(body), body, bodyIsJson: true };
}
const payLinkOf = (id: number) =>
  `https://h.test/payment?link_id=${Buffer.from(String(id)).toString('base64')}`;
const qrOf = (payLink: string) => `https://quickchart.io/chart?chl=${payLink}&chs=300x300&cht=qr`;

describe('linkConsistency', () => {
  test('accepts a link whose pay_link and qr_img carry its id', () => {
    const link = { id: 124, pay_link: payLinkOf(124), qr_img: qrOf(payLinkOf(124)) };
    assert.deepEqual(linkConsistency.run(exchange('createLink', { data: link })), []);
  });
  test('rejects a pay_link of another id, naming what it decodes to', () => {
    const link = { id: 124, pay_link: payLinkOf(125), qr_img: qrOf(payLinkOf(125)) };
    const [message] = linkConsistency.run(exchange('createLink', { data: link }));
    assert.match(message ?? '', /decodes to "125"\) \/ documented: base64 of the id 124/);
  });
  test('rejects a qr_img that encodes another pay_link, in list items too', () => {
    const item = { linktopay_id: '7', pay_link: payLinkOf(7), qr_img: qrOf(payLinkOf(8)) };
    const [message] = linkConsistency.run(exchange('getMyUnusedLinks', { data: [item] }));
    assert.match(message ?? '', /^data\/0\/qr_img/);
  });
  test('rejects recipient text that is not a recipient list', () => {
    const link = { id: 1, recipient: '[{"token":"a","share":0}]' };
    assert.equal(linkConsistency.run(exchange('createSplitLink', { data: link })).length, 1);
    assert.deepEqual(
      linkConsistency.run(
        exchange('createSplitLink', { data: { id: 1, recipient: '[{"token":"a","share":50}]' } }),
      ),
      [],
    );
  });
});

describe('moneyArithmetic', () => {
  test('a payout whose net is one cent short fails with the expected figure', () => {
    const payout = { payout_amount: '100.00', service_fee: 3.15, net_amount: 96.84 };
    const [message] = moneyArithmetic.run(exchange('getPayOutTransactions', { data: [payout] }));
    assert.match(
      message ?? '',
      /received 96\.84 \/ documented: payout_amount 100\.00 − service_fee 3\.15 = 96\.85/,
    );
    assert.deepEqual(
      moneyArithmetic.run(exchange('getPayOutTransactions', { data: [{ ...payout, net_amount: 96.85 }] })),
      [],
    );
  });
  test('payout fee numbers with a third decimal fail', () => {
    const payout = { payout_amount: '1.00', service_fee: 0.015, net_amount: 0.985 };
    assert.equal(moneyArithmetic.run(exchange('getPayOutTransactions', { data: [payout] })).length, 2);
  });
  test('a pay-in must net amount minus both fees', () => {
    const payIn = { amount: '10.00', service_fee: '0.15', service_fee_psp: '0.39', net_amount: '9.46' };
    assert.deepEqual(moneyArithmetic.run(exchange('getPayInTransactions', { data: [payIn] })), []);
    assert.equal(
      moneyArithmetic.run(exchange('getPayInTransactions', { data: [{ ...payIn, net_amount: '9.45' }] }))
        .length,
      1,
    );
  });
});

describe('money in cents', () => {
  test('reads decimal text and two-decimal numbers exactly', () => {
    assert.deepEqual(
      ['100.00', '0.07', '-1.5', '12', 1.17, 19.99, 0.1 + 0.2].map(centsOf),
      [10000, 7, -150, 1200, 117, 1999, 30],
    );
  });
  test('refuses a third decimal and non-numbers', () => {
    assert.deepEqual(['1.005', '1e3', 'NaN', 1.005, null].map(centsOf), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
  test('formats cents back to text', () =>
    assert.deepEqual([10000, 7, -150].map(formatCents), ['100.00', '0.07', '-1.50']));
});
