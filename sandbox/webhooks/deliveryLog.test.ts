import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Delivery,
  DeliveryLog,
  maxAttemptsKept,
  type NewDelivery,
  recordAttempt,
} from './deliveryLog.ts';

const fields = (linkId: number): NewDelivery => ({
  linkId,
  event: 'paid',
  url: 'http://127.0.0.1:1/',
  request: { contentType: 'application/json', body: '{}' },
  encrypted: false,
  state: 'pending',
  reason: undefined,
});

test('ids count up from wh_1; the list is oldest first, optionally of one link', () => {
  const log = new DeliveryLog();
  const ids = [1, 2, 1].map((link) => log.add(fields(link)).id);
  assert.deepEqual(ids, ['wh_1', 'wh_2', 'wh_3']);
  assert.deepEqual(
    log.list().map((d) => d.id),
    ids,
  );
  assert.deepEqual(
    log.list(1).map((d) => d.id),
    ['wh_1', 'wh_3'],
  );
  assert.deepEqual(log.list(3), []);
  assert.equal(log.get('wh_2')?.linkId, 2);
});

test('bounded: past its size the oldest delivery goes, and ids never repeat', () => {
  const log = new DeliveryLog(3);
  for (let link = 1; link <= 5; link++) log.add(fields(link));
  assert.deepEqual(
    log.list().map((d) => d.id),
    ['wh_3', 'wh_4', 'wh_5'],
  );
  assert.equal(log.get('wh_1'), undefined);
});

test('a delivery keeps its newest attempts, numbered as they were made', () => {
  const delivery: Delivery = new DeliveryLog().add(fields(1));
  for (let n = 1; n <= maxAttemptsKept + 2; n++)
    recordAttempt(delivery, {
      attempt: n,
      at: 0,
      status: 500,
      latencyMs: 1,
      error: undefined,
      redelivery: n > 1,
    });
  assert.equal(delivery.attempts.length, maxAttemptsKept);
  assert.deepEqual(
    [delivery.attempts[0]?.attempt, delivery.attempts.at(-1)?.attempt],
    [3, maxAttemptsKept + 2],
  );
});
