import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allocate, checkShares, type RecipientShare } from './splitShares.ts';

const OWNER = 'rcpt-owner';
const known = new Set(['rcpt-a', 'rcpt-b', 'rcpt-c', OWNER]);
const isKnown = (token: string) => known.has(token);
const check = (
  recipients: { token: string; share: number }[],
  type: 'normal' | 'absolute',
  amount = 10_000,
) => checkShares(recipients, type, amount, isKnown, OWNER);

function refusal(result: ReturnType<typeof check>): string {
  assert.equal(result.ok, false, 'expected the shares to be refused');
  return result.ok ? '' : result.message;
}

test('the owner cannot be their own recipient', () => {
  const message = refusal(
    check(
      [
        { token: 'rcpt-a', share: 10 },
        { token: OWNER, share: 10 },
      ],
      'normal',
    ),
  );
  assert.match(message, /recipients\/1/);
  assert.match(message, /own recipient/);
});

test('a token listed twice is refused at its second place', () => {
  const message = refusal(
    check(
      [
        { token: 'rcpt-a', share: 10 },
        { token: 'rcpt-a', share: 10 },
      ],
      'normal',
    ),
  );
  assert.match(message, /recipients\/1: token is listed twice/);
});

test('an unknown token is refused with its index', () => {
  const recipients = [
    { token: 'rcpt-a', share: 10 },
    { token: 'rcpt-b', share: 10 },
    { token: 'rcpt-nobody', share: 10 },
  ];
  assert.equal(refusal(check(recipients, 'normal')), 'Invalid recipient token at index 2');
});

test('normal shares: exactly 100 % is accepted, 100.01 % is refused', () => {
  const exact = check(
    [
      { token: 'rcpt-a', share: 33.33 },
      { token: 'rcpt-b', share: 66.67 },
    ],
    'normal',
  );
  assert.deepEqual(exact, {
    ok: true,
    shares: [
      { token: 'rcpt-a', shareHundredths: 3_333 },
      { token: 'rcpt-b', shareHundredths: 6_667 },
    ],
  });
  const over = check(
    [
      { token: 'rcpt-a', share: 33.34 },
      { token: 'rcpt-b', share: 66.67 },
    ],
    'normal',
  );
  assert.match(refusal(over), /more than 100 %/);
});

test('absolute shares: exactly the amount is accepted, one cent more is refused', () => {
  const exact = check(
    [
      { token: 'rcpt-a', share: 19.99 },
      { token: 'rcpt-b', share: 0.01 },
    ],
    'absolute',
    2_000,
  );
  assert.equal(exact.ok, true);
  const over = check(
    [
      { token: 'rcpt-a', share: 19.99 },
      { token: 'rcpt-b', share: 0.02 },
    ],
    'absolute',
    2_000,
  );
  assert.match(refusal(over), /more than the amount 20 EUR/);
  // A percentage above 100 is fine as EUR when the amount covers it.
  assert.equal(check([{ token: 'rcpt-a', share: 150 }], 'absolute', 20_000).ok, true);
});

test('allocate: a normal split of 50.00 € gives 30 % = 15.00 € and the owner keeps 35.00 €', () => {
  assert.deepEqual(allocate(5_000, 'normal', [{ token: 'rcpt-a', shareHundredths: 3_000 }]), {
    parts: [1_500],
    ownerPart: 3_500,
  });
  assert.deepEqual(allocate(5_000, 'absolute', [{ token: 'rcpt-a', shareHundredths: 1_234 }]), {
    parts: [1_234],
    ownerPart: 3_766,
  });
});

// Valid shares as checkShares accepts them: normal ≤ 100 %, absolute ≤ the amount.
const validSplit = fc
  .record({
    amount: fc.integer({ min: 1, max: 99_999_999 }),
    type: fc.constantFrom('normal' as const, 'absolute' as const),
    weights: fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 20 }),
  })
  .map(({ amount, type, weights }) => {
    const budget = type === 'normal' ? 10_000 : amount;
    const total = weights.reduce((s, w) => s + w, 0);
    // Scale the weights into the budget, at least one hundredth each when the budget allows.
    const shares: RecipientShare[] = weights.map((w, i) => ({
      token: `rcpt-${i}`,
      shareHundredths: Math.max(1, Math.floor((w * budget) / Math.max(total, budget))),
    }));
    return { amount, type, shares };
  })
  .filter(
    ({ type, amount, shares }) =>
      shares.reduce((s, x) => s + x.shareHundredths, 0) <= (type === 'normal' ? 10_000 : amount),
  );

test("allocate: recipients' parts plus the owner's remainder are exactly the amount", () => {
  fc.assert(
    fc.property(validSplit, ({ amount, type, shares }) => {
      const { parts, ownerPart } = allocate(amount, type, shares);
      assert.equal(parts.length, shares.length);
      assert.equal(parts.reduce((s, p) => s + p, 0) + ownerPart, amount);
      for (const part of parts) assert.ok(Number.isInteger(part) && part >= 0);
    }),
    { numRuns: 3000 },
  );
});

// The rule: shares are "never above the amount". Rounding each percentage part
// half up can give recipients more than the whole charge, leaving the owner a negative remainder.
test('allocate: valid shares never give recipients more than the amount (owner remainder ≥ 0)', () => {
  fc.assert(
    fc.property(validSplit, ({ amount, type, shares }) => {
      const { ownerPart } = allocate(amount, type, shares);
      assert.ok(ownerPart >= 0, `owner remainder ${ownerPart} ct of ${amount} ct (${type})`);
    }),
    { numRuns: 3000 },
  );
});

test('allocate: 50 % + 50 % of 0.05 € gives out at most 0.05 €', () => {
  const shares = [
    { token: 'rcpt-a', shareHundredths: 5_000 },
    { token: 'rcpt-b', shareHundredths: 5_000 },
  ];
  const { parts, ownerPart } = allocate(5, 'normal', shares);
  assert.ok(
    parts[0]! + parts[1]! <= 5,
    `recipients get ${parts.join(' + ')} ct of 5 ct; owner ${ownerPart} ct`,
  );
});
