/**
 * The webhooks suite's harness without a server under test: notifications posted here to the
 * receiver's endpoints are recorded as the exchanges of the test that owns the endpoint, and the
 * expectations record what they judged (valid, or the failure with the notification as evidence).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultBodyLimits } from '../../core/boundedBody.ts';
import { encodeNotification, type PaymentNotification } from '../../core/webhooks/notification.ts';
import { type Observation, privateFiles, type RequestRecord } from '../reporting/observations.ts';
import { encryptionKeyMarker } from '../reporting/redact.ts';
import { type ContractContext, contextEnvVar } from './context.ts';
import { currentTest } from './currentTest.ts';
import {
  anEndpoint,
  type Endpoint,
  expectNone,
  expectNotified,
  NotificationsNotAsExpected,
  startNotificationReceiver,
} from './notifications.ts';
import { recordEncryptionKey, recordRequest } from './recorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'notifications-test-'));
const context: ContractContext = {
  runId: 'feedbeef',
  baseUrl: 'http://127.0.0.1:9',
  targetDescription: 'none',
  control: true,
  readOnly: false,
  tokens: {},
  privateDir: dir,
  operations: [],
  bodyLimits: { ...defaultBodyLimits },
  recordBudgetBytes: 16 * 1024 * 1024,
};
writeFileSync(join(dir, 'context.json'), JSON.stringify(context));
process.env[contextEnvVar] = join(dir, 'context.json');
after(() => rmSync(dir, { recursive: true, force: true }));
await startNotificationReceiver();

const paid: PaymentNotification = {
  event: 'paid',
  payId: 100001,
  userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  amountCents: 2550,
  note: '[run:feedbeef] webhooks m1',
};

async function notify(endpoint: Endpoint, n: PaymentNotification, headers: Record<string, string> = {}) {
  const { contentType, body } = encodeNotification(n, { format: 'form' });
  const answer = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  assert.equal(answer.status, 200);
}

const lines = <T>(file: string): T[] => {
  try {
    return readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as T);
  } catch {
    return [];
  }
};
const records = () => lines<RequestRecord>(privateFiles.requests(process.pid));
const observations = () => lines<Observation>(privateFiles.observations(process.pid));
const asTest = <T>(title: string, fn: () => Promise<T>) =>
  currentTest.run({ title, operationId: 'webhooks' }, fn);

test('a notification is its endpoint’s test’s exchange, as received, secrets left out', async () => {
  await asTest('paid: one', async () => {
    const endpoint = anEndpoint();
    await notify(endpoint, paid, { Authorization: 'Basic c2VjcmV0', 'X-Trace': 't1' });
    await expectNotified('paid', [endpoint], { ...paid }, 'x0.1');
    const record = records().find((r) => r.url.endsWith(endpoint.path));
    assert.ok(record, 'the notification was recorded');
    assert.equal(record.suite, 'webhooks');
    assert.equal(record.test, 'paid: one');
    assert.equal(record.received, true);
    assert.equal(record.method, 'POST');
    assert.equal(record.requestHeaders.Authorization, '«redacted»');
    assert.equal(record.requestHeaders['X-Trace'], 't1');
    assert.match(record.requestBody ?? '', /data%5Bpay_id%5D=100001/);
    const judged = observations().filter((o) => o.kind === 'notification' && o.test === 'paid: one');
    assert.deepEqual(judged, [
      {
        kind: 'notification',
        cell: 'paid',
        test: 'paid: one',
        exchangeId: record.id,
        mediaType: 'application/x-www-form-urlencoded',
        failures: [],
      },
    ]);
  });
});

test('a second notification for one event fails the count, citing the second as evidence', async () => {
  await asTest('paid: twice', async () => {
    const endpoint = anEndpoint();
    await notify(endpoint, paid);
    await notify(endpoint, paid);
    const error = await expectNotified('paid', [endpoint], { ...paid }, 'x0.1').catch((e: unknown) => e);
    assert.ok(error instanceof NotificationsNotAsExpected, String(error));
    const second = records().filter((r) => r.url.endsWith(endpoint.path))[1];
    assert.equal(error.exchangeId, second?.id);
    assert.match(
      error.message,
      /^notificationCount: received notification #2 on http:\/\/127\.0\.0\.1:\d+\/notify\//,
    );
    const judged = observations().filter((o) => o.kind === 'notification' && o.test === 'paid: twice');
    assert.deepEqual(
      judged.map((o) => (o.kind === 'notification' ? o.failures.map((f) => f.check) : [])),
      [[], ['notificationCount']],
      'the first is judged valid, the second is the failure',
    );
  });
});

test('a notification where none is due fails, and none arriving is a valid expectation', async () => {
  await asTest('none on delete: t', async () => {
    const quiet = anEndpoint();
    await expectNone('noneOnDelete', quiet, paid.payId, 'deleting a link notifies nobody', 'x0.2');
    const loud = anEndpoint();
    await notify(loud, { ...paid, event: 'cancelled' });
    await assert.rejects(
      expectNone('noneOnDelete', loud, paid.payId, 'deleting a link notifies nobody', 'x0.3'),
      /notificationUnexpected: received a notification on .* \/ expected none \(deleting a link notifies nobody\)/,
    );
    const judged = observations().filter((o) => o.kind === 'notification' && o.test === 'none on delete: t');
    assert.deepEqual(
      judged.map((o) => (o.kind === 'notification' ? [o.exchangeId, o.failures.length] : [])),
      [
        ['x0.2', 0],
        [records().find((r) => r.url.endsWith(loud.path))?.id, 1],
      ],
    );
  });
});

test('a link’s encryption key never reaches a record: its variable stands in', () => {
  const key = 'Ab0-Cd1_Ef2-Gh3_Ij4-Kl5_Mn6-Op7_';
  recordEncryptionKey(key);
  recordRequest({
    at: new Date(0).toISOString(),
    method: 'POST',
    url: 'http://127.0.0.1:9/api/v2/createLink',
    requestHeaders: {},
    requestBody: `amount=1&is_encryption=true&encryption_key=${key}`,
    ms: 1,
  });
  const text = readFileSync(join(dir, privateFiles.requests(process.pid)), 'utf8');
  assert.ok(!text.includes(key));
  assert.ok(text.includes(`encryption_key=${encryptionKeyMarker}`));
});
