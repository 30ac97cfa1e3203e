import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { requestValidator } from './validators.ts';

const createLink = requestValidator('createLink', 'application/json')!;

test('every amount with at most two decimals from 0.01 to 999999.99 is valid', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 99_999_999 }),
      (cents) => createLink({ amount: cents / 100 }) === true,
    ),
    { numRuns: 20_000 },
  );
});

test('a third decimal, zero, negatives and amounts over the maximum are invalid', () => {
  for (const amount of [999999.991, 0.001, 12.345, 0, -1, 1_000_000, 1e-9, 1.000000001, 165170.140001])
    assert.equal(createLink({ amount }), false, `amount ${amount}`);
});
