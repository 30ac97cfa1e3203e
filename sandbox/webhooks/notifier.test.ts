/**
 * The notifier's policy with a stand-in for the network (every send recorded, its outcome chosen)
 * and node:test's mock timers, so the retry schedule is checked by moving the clock, not by waiting:
 * retry k after retryDelayMs × 2^k, no retry after a 2xx or past `retries`, nothing sent for a
 * delivery that is not sendable, close() cancelling a due retry, the planNotifications step
 * deciding what is sent.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { WebhookRequestBody } from '../../core/webhooks/notification.ts';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import { LinkStore } from '../store/links.ts';
import { type NewTenant, TenantStore } from '../store/tenants.ts';
import { maxAttemptsInFlight, Notifier } from './notifier.ts';
import { type PlanNotifications, sendAsPlanned } from './plan.ts';
import type { SendNotification } from './sendNotification.ts';
import { webhookSettings } from './settings.ts';

interface Sent {
  url: string;
  request: WebhookRequestBody;
  signal: AbortSignal;
}

/** A send that records each call and answers the next status of `statuses` (the last one repeats). */
function fakeSend(statuses: number[]): { send: SendNotification; sent: Sent[] } {
  const sent: Sent[] = [];
  const send: SendNotification = async (url, request, { signal }) => {
    sent.push({ url, request, signal });
    return { status: statuses[Math.min(sent.length, statuses.length) - 1], latencyMs: 1, error: undefined };
  };
  return { send, sent };
}

/** Lets the promise chains of the sends that just ran settle (microtasks; timers stay mocked). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function paidLink(
  tenant: NewTenant,
  paymentEndpoint = '',
  encryption: { encrypt?: boolean; encryptionKey?: string } = {},
) {
  const { tenant: owner } = new TenantStore().create(tenant);
  return new LinkStore().add({
    owner,
    amount: 1999,
    note: 'n',
    createdAt: 0,
    split: null,
    callbackUrl: '',
    paymentEndpoint,
    cancellable: true,
    ...encryption,
  });
}

const hook = { paymentEndpoints: ['http://127.0.0.1:1/hook'] };

/** setTimeout mocked for this test only: `t.mock.timers.tick(ms)` moves its clock. */
function mockTimers(t: TestContext): void {
  t.mock.timers.enable({ apis: ['setTimeout'] });
}

test('retry k comes retryDelayMs × 2^k after a failure; past the retries the delivery has failed', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([500]);
  const notifier = new Notifier(webhookSettings({ retries: 3, retryDelayMs: 100 }), () => 0, send);
  const [id] = notifier.notify(paidLink(hook), 'paid', sendAsPlanned);
  await settle();
  assert.equal(sent.length, 1);
  for (const [k, delay] of [100, 200, 400].entries()) {
    t.mock.timers.tick(delay - 1);
    await settle();
    assert.equal(sent.length, k + 1, `no retry ${k} before ${delay} ms`);
    t.mock.timers.tick(1);
    await settle();
    assert.equal(sent.length, k + 2, `retry ${k} at ${delay} ms`);
    assert.equal(notifier.log.get(id!)?.state, k < 2 ? 'pending' : 'failed');
    assert.equal(notifier.log.get(id!)?.reason, k < 2 ? undefined : '4 attempts, the last answered 500');
  }
  t.mock.timers.tick(1_000_000);
  await settle();
  assert.equal(sent.length, 4);
  assert.deepEqual(
    notifier.log.get(id!)?.attempts.map((a) => [a.attempt, a.status, a.redelivery]),
    [1, 2, 3, 4].map((n) => [n, 500, false]),
  );
});

test('a 2xx ends it: no retry follows', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([500, 204]);
  const notifier = new Notifier(webhookSettings({ retries: 3, retryDelayMs: 10 }), () => 0, send);
  const [id] = notifier.notify(paidLink(hook), 'paid', sendAsPlanned);
  await settle();
  t.mock.timers.tick(10);
  await settle();
  t.mock.timers.tick(1_000_000);
  await settle();
  assert.equal(sent.length, 2);
  assert.equal(notifier.log.get(id!)?.state, 'delivered');
});

test('close() cancels a due retry and aborts what is under way: the delivery has failed', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([500]);
  const notifier = new Notifier(webhookSettings({ retries: 3, retryDelayMs: 10 }), () => 0, send);
  const [id] = notifier.notify(paidLink(hook), 'paid', sendAsPlanned);
  await settle();
  notifier.close();
  t.mock.timers.tick(1_000_000);
  await settle();
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.signal.aborted, true);
  assert.equal(notifier.log.get(id!)?.state, 'failed');
  assert.equal(notifier.log.get(id!)?.reason, '1 attempt, the last answered 500');
});

test('a redelivery that succeeds cancels the due retry', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([500, 200]);
  const notifier = new Notifier(webhookSettings({ retries: 3, retryDelayMs: 10 }), () => 0, send);
  const [id] = notifier.notify(paidLink(hook), 'paid', sendAsPlanned);
  await settle();
  await notifier.redeliver(notifier.log.get(id!)!);
  t.mock.timers.tick(1_000_000);
  await settle();
  assert.equal(sent.length, 2);
  const delivery = notifier.log.get(id!)!;
  assert.equal(delivery.state, 'delivered');
  assert.deepEqual(
    delivery.attempts.map((a) => a.redelivery),
    [false, true],
  );
});

test('nothing is sent for an item naming no endpoint, a host not allowed or a key that cannot encrypt', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([200]);
  const notifier = new Notifier(webhookSettings(), () => 0, send);
  const ids = [
    ...notifier.notify(paidLink(hook, '3,x,http://192.0.2.1/hook'), 'paid', sendAsPlanned),
    ...notifier.notify(
      paidLink(hook, '0', { encrypt: true, encryptionKey: `${'k'.repeat(31)} ` }),
      'paid',
      sendAsPlanned,
    ),
  ];
  await settle();
  assert.equal(sent.length, 0);
  assert.deepEqual(
    ids.map((id) => [notifier.log.get(id)?.state, notifier.log.get(id)?.reason]),
    [
      ['not_sent', "index 3 names none of the account's 1 saved payment endpoint (0-based)"],
      ['not_sent', 'neither an http(s) URL nor an index of a saved payment endpoint'],
      [
        'not_sent',
        'host 192.0.2.1 is neither loopback nor allowed (startSandbox webhooks.allowHosts, --webhook-allow-host)',
      ],
      ['not_sent', 'the encryption key cannot encrypt: an encryption key is printable ASCII without spaces'],
    ],
  );
  await assert.rejects(notifier.redeliver(notifier.log.get(ids[2]!)!), /was never sendable/);
});

test('the planNotifications step decides what is sent: an override changes the notification', async (t) => {
  mockTimers(t);
  const { send, sent } = fakeSend([200]);
  const notifier = new Notifier(webhookSettings(), () => 0, send);
  const cheaper: PlanNotifications = (planned) =>
    planned.map((p) => ({
      ...p,
      format: 'json',
      notification: { ...p.notification, amountCents: p.notification.amountCents - 1 },
    }));
  const link = paidLink(hook);
  notifier.notify(link, 'paid', cheaper);
  notifier.notify(link, 'paid', sendAsPlanned);
  await settle();
  const read = sent.map(({ request }) => readNotification(request.contentType, request.body));
  assert.ok(read[0]?.ok && read[1]?.ok);
  assert.deepEqual([read[0].value.format, read[0].value.fields.amount], ['json', 19.98]);
  assert.deepEqual([read[1].value.format, read[1].value.fields.amount], ['form', '19.99']);
});

/** A send whose answers come on demand: `answer(n)` ends the n oldest calls under way with a 200. */
function heldSend() {
  const held: ((status: number) => void)[] = [];
  let calls = 0;
  const send: SendNotification = (_url, _request, { signal }) => {
    calls++;
    return new Promise((resolve) => {
      const answer = (status: number | undefined, error?: string) => resolve({ status, latencyMs: 1, error });
      held.push((status) => answer(status));
      signal.addEventListener('abort', () => answer(undefined, 'closed'), { once: true });
    });
  };
  const answer = (n: number) => {
    for (const end of held.splice(0, n)) end(200);
  };
  return { send, answer, underWay: () => held.length, calls: () => calls };
}

const endpointsFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, n) => `http://127.0.0.1:${first + n}/`).join(',');

test(`at most ${maxAttemptsInFlight} attempts are under way at once; the others wait their turn, in order`, async () => {
  const { send, answer, underWay, calls } = heldSend();
  const notifier = new Notifier(webhookSettings({ retries: 0 }), () => 0, send);
  const ids = [1000, 2000, 3000].flatMap((first) =>
    notifier.notify(paidLink(hook, endpointsFrom(first, 20)), 'paid', sendAsPlanned),
  );
  await settle();
  assert.equal(ids.length, 60);
  assert.equal(calls(), maxAttemptsInFlight);
  assert.equal(underWay(), maxAttemptsInFlight);
  assert.ok(ids.every((id) => notifier.log.get(id)?.state === 'pending'));
  answer(5);
  await settle();
  assert.equal(calls(), maxAttemptsInFlight + 5, 'each answer lets one waiting attempt go');
  assert.equal(underWay(), maxAttemptsInFlight);
  const started = ids.map((id) => notifier.log.get(id)!.started);
  assert.deepEqual(
    started,
    [...Array(maxAttemptsInFlight + 5).fill(1), ...Array(23).fill(0)],
    'first come first served',
  );
  notifier.close();
  await settle();
  assert.equal(calls(), maxAttemptsInFlight + 5, 'close() sends none of the waiting ones');
  const reasons = ids.map((id) => [notifier.log.get(id)?.state, notifier.log.get(id)?.reason]);
  assert.deepEqual(reasons, [
    ...Array(5).fill(['delivered', undefined]),
    ...Array(maxAttemptsInFlight).fill(['failed', '1 attempt, the last had no answer: closed']),
    ...Array(23).fill(['failed', 'never attempted: the sandbox closed first']),
  ]);
});

test('the deliveries keep the order of the items, those not sent in their place', async () => {
  const { send } = fakeSend([200]);
  const notifier = new Notifier(webhookSettings(), () => 0, send);
  const ids = notifier.notify(paidLink(hook, '0,,x,http://127.0.0.1:2/,0'), 'paid', sendAsPlanned);
  await settle();
  assert.deepEqual(
    ids.map((id) => [notifier.log.get(id)?.url, notifier.log.get(id)?.state]),
    [
      ['http://127.0.0.1:1/hook', 'delivered'],
      ['', 'not_sent'],
      ['x', 'not_sent'],
      ['http://127.0.0.1:2/', 'delivered'],
      ['http://127.0.0.1:1/hook', 'not_sent'],
    ],
  );
});

test('a URL with a password is not sent, and the log holds no password, wherever it is named', async () => {
  const { send, sent } = fakeSend([200]);
  const notifier = new Notifier(webhookSettings(), () => 0, send);
  const url = 'http://u:secret@127.0.0.1:2/';
  const ids = notifier.notify(
    paidLink(hook, `${url},${url},ftp://u:secret@127.0.0.1/`),
    'paid',
    sendAsPlanned,
  );
  await settle();
  assert.equal(sent.length, 0);
  const logged = ids.map((id) => notifier.log.get(id)!);
  assert.deepEqual(
    logged.map((d) => [d.url, d.state]),
    [
      ['http://«redacted»@127.0.0.1:2/', 'not_sent'],
      ['http://«redacted»@127.0.0.1:2/', 'not_sent'],
      ['ftp://«redacted»@127.0.0.1/', 'not_sent'],
    ],
  );
  assert.ok(!JSON.stringify(logged).includes('secret'));
});
