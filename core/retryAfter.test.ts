import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRetryBudget, retryAfterMs, retryDecision, retryWaitMs, spendRetry } from './retryAfter.ts';

const now = Date.parse('2025-03-01T12:00:00Z');

test('Retry-After is delay-seconds or an HTTP date; anything else is unreadable', () => {
  assert.equal(retryAfterMs('7', now), 7000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  assert.equal(retryAfterMs('Sat, 01 Mar 2025 12:00:30 GMT', now), 30_000);
  assert.equal(retryAfterMs('Sat, 01 Mar 2025 11:00:00 GMT', now), 0, 'a date in the past: at once');
  for (const unreadable of ['soon', '-3', '1.5', 'Mar', '', null, undefined])
    assert.equal(retryAfterMs(unreadable, now), undefined, String(unreadable));
});

test('a budget allows 3 retries and 60 s of waiting, and says why it stops', () => {
  const budget = newRetryBudget();
  const first = retryDecision('30', budget, now);
  assert.deepEqual(first, { retry: true, waitMs: 30_000 });
  spendRetry(budget, 30_000);
  assert.deepEqual(retryDecision('31', budget, now), {
    retry: false,
    why: 'Retry-After 31 s is beyond the 30 s of waiting left',
  });
  assert.deepEqual(retryDecision(null, budget, now), { retry: true, waitMs: 1000 }, 'no header: a second');
  spendRetry(budget, 1);
  spendRetry(budget, 1);
  assert.deepEqual(retryDecision('1', budget, now), { retry: false, why: 'no retries left (3 at most)' });
});

test('a loop counting its own retries gets the same bounds; only 429 is retried', () => {
  assert.equal(retryWaitMs(429, undefined, 0, 0, now), 1000);
  assert.equal(retryWaitMs(429, '30', 1, 30_000, now), 30_000);
  assert.equal(retryWaitMs(429, '31', 1, 30_000, now), undefined, 'past 60 s in all');
  assert.equal(retryWaitMs(429, '1', 3, 0, now), undefined, 'three retries at most');
  assert.equal(retryWaitMs(500, '1', 0, 0, now), undefined);
});
