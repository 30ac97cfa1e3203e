import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { feesFor } from './fees.ts';

// Worked by hand: SecPaid 1.5 % of the part, card 1.4 % of the whole charge + 25 ct, each rounded
// half away from zero to the cent; net = amount − both fees.
test('fees of a basic link, worked by hand', () => {
  assert.deepEqual(feesFor(10_000, true), { amount: 10_000, serviceFee: 150, pspFee: 165, net: 9_685 });
  // 19.99 €: 29.985 ct → 30; 27.986 ct → 28, + 25 = 53; 1999 − 30 − 53 = 1916.
  assert.deepEqual(feesFor(1_999, true), { amount: 1_999, serviceFee: 30, pspFee: 53, net: 1_916 });
  // 0.50 €: 0.75 ct → 1; 0.7 ct → 1, + 25 = 26; 50 − 1 − 26 = 23.
  assert.deepEqual(feesFor(50, true), { amount: 50, serviceFee: 1, pspFee: 26, net: 23 });
  // 999 999.99 €: 1 499 999.985 ct → 1 500 000; 1 399 999.986 → 1 400 000, + 25.
  assert.deepEqual(feesFor(99_999_999, true), {
    amount: 99_999_999,
    serviceFee: 1_500_000,
    pspFee: 1_400_025,
    net: 97_099_974,
  });
});

test('a charge smaller than the fixed card fee nets below zero (the schema allows negative net)', () => {
  // 0.07 €: 0.105 ct → 0; 0.098 ct → 0, + 25 = 25; 7 − 0 − 25 = −18.
  assert.deepEqual(feesFor(7, true), { amount: 7, serviceFee: 0, pspFee: 25, net: -18 });
});

test('a split recipient pays SecPaid only; the owner pays the card fee on the whole charge', () => {
  // Recipient's 15.00 €: 22.5 ct → 23; no card fee.
  assert.deepEqual(feesFor(1_500, false, 5_000), { amount: 1_500, serviceFee: 23, pspFee: 0, net: 1_477 });
  // Owner's 35.00 € of a 50.00 € charge: 52.5 ct → 53; card 1.4 % of 50.00 € = 70 ct, + 25 = 95.
  assert.deepEqual(feesFor(3_500, true, 5_000), { amount: 3_500, serviceFee: 53, pspFee: 95, net: 3_352 });
});

test('net is exactly amount − fees, fees are never negative, and only the card payer has a card fee', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 99_999_999 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 99_999_999 }),
      (amount, bearsPspFee, pspBase) => {
        const fees = feesFor(amount, bearsPspFee, pspBase);
        assert.equal(fees.amount, amount);
        assert.equal(fees.net, amount - fees.serviceFee - fees.pspFee);
        assert.ok(Number.isInteger(fees.serviceFee) && fees.serviceFee >= 0);
        assert.ok(fees.serviceFee <= amount, 'SecPaid never takes more than the part');
        if (bearsPspFee) assert.ok(fees.pspFee >= 25);
        else assert.equal(fees.pspFee, 0);
      },
    ),
    { numRuns: 2000 },
  );
});
