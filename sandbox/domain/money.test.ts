import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { centsFromAmount, centsToNumber, formatCents, percentOf } from './money.ts';

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

test('every two-decimal amount, read as the API reads it, round-trips through cents', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 99_999_999 }), (cents) => {
      const text = formatCents(cents);
      assert.equal(centsFromAmount(Number(text)), cents);
      assert.equal(centsFromAmount(centsToNumber(cents)), cents);
    }),
    { numRuns: 2000 },
  );
});

// percentOf may answer -0 for a tiny negative amount; -0 renders as "0.00" and adds like 0, so compare with ===.
const sameCents = (actual: number, expected: number, what: string) =>
  assert.ok(actual === expected, `${what}: ${actual} !== ${expected}`);

test('percentOf rounds half away from zero', () => {
  // 1.5 % of 0.50 € = 0.75 ct → 1 ct; of 1.00 € = 1.5 ct → 2 ct; of 0.33 € = 0.495 ct → 0 ct.
  sameCents(percentOf(50, 150), 1, 'percentOf(50, 150)');
  sameCents(percentOf(100, 150), 2, 'percentOf(100, 150)');
  sameCents(percentOf(33, 150), 0, 'percentOf(33, 150)');
  sameCents(percentOf(34, 150), 1, 'percentOf(34, 150)'); // 0.51 ct
  sameCents(percentOf(-100, 150), -2, 'percentOf(-100, 150)');
  sameCents(percentOf(-50, 150), -1, 'percentOf(-50, 150)');
  sameCents(percentOf(-33, 150), 0, 'percentOf(-33, 150)');
  sameCents(percentOf(10_000, 140), 140, 'percentOf(10_000, 140)');
  sameCents(percentOf(12_345, 5_000), 6_173, 'percentOf(12_345, 5_000)'); // 50 % of 123.45 € = 61.725 € → 61.73 €
  sameCents(percentOf(0, 150), 0, 'percentOf(0, 150)');
});

test('percentOf agrees with exact integer arithmetic for any amount and rate', () => {
  const exact = (cents: number, bps: number): number => {
    const scaled = BigInt(cents) * BigInt(bps);
    const magnitude = scaled < 0n ? -scaled : scaled;
    const rounded = (magnitude * 2n + 10_000n) / 20_000n; // half away from zero on |x| / 10000
    return Number(scaled < 0n ? -rounded : rounded);
  };
  fc.assert(
    fc.property(
      fc.integer({ min: -99_999_999, max: 99_999_999 }),
      fc.integer({ min: 0, max: 10_000 }),
      (c, b) => {
        sameCents(percentOf(c, b), exact(c, b), `percentOf(${c}, ${b})`);
      },
    ),
    { numRuns: 2000 },
  );
});
