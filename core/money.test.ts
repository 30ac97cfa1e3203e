import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { centsFromAmount, centsOf, centsToNumber, formatCents } from './money.ts';

test('formatCents writes two decimals, pads below 10 cents and keeps the sign', () => {
  const cases: [number, string][] = [
    [0, '0.00'],
    [-0, '0.00'],
    [1, '0.01'],
    [9, '0.09'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [10_005, '100.05'],
    [99_999_999, '999999.99'],
    [-1, '-0.01'],
    [-10, '-0.10'],
    [-105, '-1.05'],
    [-123_456, '-1234.56'],
  ];
  for (const [cents, text] of cases) assert.equal(formatCents(cents), text, `formatCents(${cents})`);
});

test('centsFromAmount undoes binary noise of two-decimal amounts', () => {
  // Each of these times 100 is not an integer in binary floating point.
  const cases: [number, number][] = [
    [19.99, 1999],
    [0.07, 7],
    [1.15, 115],
    [4.35, 435],
    [0.29, 29],
    [1.1, 110],
    [0.1 + 0.2, 30],
    [999_999.99, 99_999_999],
    [0.01, 1],
  ];
  for (const [amount, cents] of cases)
    assert.equal(centsFromAmount(amount), cents, `centsFromAmount(${amount})`);
});

test('a third decimal is not money: 1.005 reads as 100 cents, which is why the schema rejects it first', () => {
  // 1.005 is 1.00499999999999989... in binary, so no rounding rule could make it 101 reliably.
  assert.equal(centsFromAmount(1.005), 100);
  assert.equal(centsFromAmount(1.015), 101); // 101.49999999999999
});

test('centsOf reads decimal text and two-decimal numbers exactly', () => {
  assert.deepEqual(
    ['100.00', '0.07', '-1.5', '12', '-0.10', 1.17, 19.99, 0.1 + 0.2].map(centsOf),
    [10000, 7, -150, 1200, -10, 117, 1999, 30],
  );
});

test('centsOf refuses a third decimal, exponents, padding and non-numbers', () => {
  for (const value of ['1.005', '1e3', ' 12', '12 ', '01.00', '1.', '.5', 'NaN', '', 1.005, Number.NaN, null])
    assert.equal(centsOf(value), undefined, `centsOf(${JSON.stringify(value)})`);
});

test('every amount round-trips: cents → text → cents, and cents → number → cents', () => {
  fc.assert(
    fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), (cents) => {
      const text = formatCents(cents);
      assert.equal(centsOf(text), cents);
      assert.equal(centsOf(centsToNumber(cents)), cents);
      if (cents > 0) assert.equal(centsFromAmount(Number(text)), cents);
    }),
    { numRuns: 2000 },
  );
});
