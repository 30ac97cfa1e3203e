/**
 * The delivery log tells a resend from a duplicate: an attempt that failed (no answer, or not 2xx)
 * may have reached the receiver before the next attempt sent the same notification again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebhookDelivery } from '../../client/controlClient.ts';
import { type LinkLog, resentAfterFailure } from './deliveryLog.ts';

const url = 'http://127.0.0.1:9/n/1';
const at = '2025-01-01T00:00:00Z';
const attempt = (n: number, status?: number) => ({
  attempt: n,
  at,
  latency_ms: 1,
  redelivery: false,
  ...(status === undefined ? { error: 'timed out' } : { status }),
});
const delivery = (attempts: WebhookDelivery['attempts'], to = url): WebhookDelivery => ({
  id: 'wh_1',
  link_id: 1,
  event: 'paid',
  url: to,
  encrypted: false,
  state: 'delivered',
  attempts,
});
const log = (...deliveries: WebhookDelivery[]): LinkLog => ({ deliveries, pending: false });

test('a delivery answered at once accounts for no arrival beyond its own', () => {
  assert.equal(resentAfterFailure(log(delivery([attempt(1, 200)])), url), 0);
});

test('two deliveries of one event, both answered, account for nothing more: a duplicate', () => {
  assert.equal(resentAfterFailure(log(delivery([attempt(1, 200)]), delivery([attempt(1, 200)])), url), 0);
});

test('each failed attempt before the one answered may have arrived: a resend', () => {
  const resent = delivery([attempt(1), attempt(2, 500), attempt(3, 200)]);
  assert.equal(resentAfterFailure(log(resent), url), 2);
});

test('a delivery that never got an answer accounts for all its attempts but one', () => {
  assert.equal(resentAfterFailure(log(delivery([attempt(1), attempt(2)])), url), 1);
});

test('only the endpoint asked about counts, and no log accounts for nothing', () => {
  assert.equal(
    resentAfterFailure(log(delivery([attempt(1), attempt(2, 200)], 'http://127.0.0.1:9/n/2')), url),
    0,
  );
  assert.equal(resentAfterFailure(undefined, url), 0);
});
