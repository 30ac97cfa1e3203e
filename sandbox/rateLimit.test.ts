/** The per-key rate limit as a token bucket, on a clock the test sets (auth.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enforceRateLimit } from './auth.ts';
import { ApiError } from './errors.ts';
import { TenantStore } from './store/tenants.ts';

function limitedTenant(limit: number) {
  let now = 1_000_000;
  const { tenant } = new TenantStore().create({ rateLimit: limit });
  /** Sends one request at the current time: true when let through, else the Retry-After seconds. */
  const request = (): true | number => {
    try {
      enforceRateLimit(tenant, now);
      return true;
    } catch (error) {
      assert.ok(error instanceof ApiError && error.status === 429);
      return Number(error.headers['retry-after']);
    }
  };
  return { request, advance: (ms: number) => (now += ms) };
}

test('a full bucket lets the limit through at once, then 429 with when the next one is let through', () => {
  const key = limitedTenant(60);
  for (let i = 0; i < 60; i++) assert.equal(key.request(), true, `request ${i + 1}`);
  assert.equal(key.request(), 1, 'one request a second refills: the next is due in 1 s');
  key.advance(1000);
  assert.equal(key.request(), true);
  assert.equal(key.request(), 1);
});

test('no minute lets twice the limit through, across what used to be a window boundary', () => {
  const key = limitedTenant(10);
  key.advance(59_900);
  let passed = 0;
  for (let i = 0; i < 10; i++) if (key.request() === true) passed++;
  key.advance(200); // a fixed one-minute window would have started afresh here
  for (let i = 0; i < 10; i++) if (key.request() === true) passed++;
  assert.equal(passed, 10, `${passed} requests within 0.2 s for a limit of 10 a minute`);
});

test('Retry-After is at least 1 s and at most the time one token takes', () => {
  const key = limitedTenant(2);
  assert.equal(key.request(), true);
  assert.equal(key.request(), true);
  assert.equal(key.request(), 30, 'two a minute: one token every 30 s');
  key.advance(29_500);
  assert.equal(key.request(), 1);
  key.advance(500);
  assert.equal(key.request(), true);
});
