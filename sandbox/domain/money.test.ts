import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { percentOf } from './money.ts';

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
