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
import { buildReport } from '../reporting/buildReport.ts';
import { computeCoverage } from '../reporting/coverage.ts';
import { failureText } from '../reporting/failureText.ts';
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
const reportOf = (observed: Observation[], requests: RequestRecord[]) =>
  buildReport({
    ok: false,
    reasons: [],
    metadata: {
      runId: 'feedbeef',
      target: context.baseUrl,
      readOnly: false,
      operations: [],
      startedAt: new Date(0).toISOString(),
      finishedAt: new Date(0).toISOString(),
      durationMs: 0,
      versions: { harness: '0', spec: '0', node: process.version },
    },
    observations: observed,
    requests,
    results: [],
    coverage: computeCoverage(['webhooks'], observed),
    drift: [],
  });
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

/** The steps of a test that make a server notify `endpoint`, as the API and control clients record them. */
function recordCreatedAndPaid(endpoint: Endpoint): void {
  recordRequest({
    at: new Date(0).toISOString(),
    method: 'POST',
    url: 'http://127.0.0.1:9/api/v2/createLink',
    requestHeaders: { token: '«redacted»', 'content-type': 'application/x-www-form-urlencoded' },
    requestBody: new URLSearchParams({ amount: '25.5', payment_endpoint: endpoint.url }).toString(),
    status: 200,
    responseBody: JSON.stringify({ data: { id: paid.payId } }),
    ms: 1,
  });
  recordRequest({
    at: new Date(0).toISOString(),
    method: 'POST',
    url: `http://127.0.0.1:9/sandbox/links/${paid.payId}/pay`,
    requestHeaders: {},
    status: 200,
    responseBody: '{}',
    ms: 1,
  });
}

test('a second notification for one event fails the count, citing the second as evidence', async () => {
  await asTest('paid: twice', async () => {
    const endpoint = anEndpoint();
    recordCreatedAndPaid(endpoint);
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
    // The report replays it by the steps that make the server send it, never to the receiver.
    const failure = reportOf(observations(), records()).failures.find((f) => f.id === second?.id);
    assert.equal(failure?.exchange?.received, true);
    assert.equal(failure?.exchange?.request.url, endpoint.url, 'the evidence is what the server sent');
    const curl = failure?.exchange?.curl ?? '';
    assert.deepEqual(
      curl.split('\n').map((line) => line.split(' ').slice(0, 5).join(' ')),
      [
        '# 1 create the link',
        "curl -sS -X POST 'http://127.0.0.1:9/api/v2/createLink'",
        '# 2 pay it (control',
        `curl -sS -X POST 'http://127.0.0.1:9/sandbox/links/${paid.payId}/pay'`,
      ],
    );
    assert.ok(curl.includes(`payment_endpoint=${encodeURIComponent(endpoint.url)}`), curl);
    assert.ok(curl.includes('"token: $SECPAID_TOKEN"'), curl);
    assert.ok(!curl.includes(`'${endpoint.url}'`), 'no curl sends it to the receiver');
    assert.match(failureText(failure!).join('\n'), /\n {6}# 2 pay it \(control API\)\n {6}curl -sS/);
    const judged = observations().filter((o) => o.kind === 'notification' && o.test === 'paid: twice');
    assert.deepEqual(
      judged.map((o) => (o.kind === 'notification' ? o.failures.map((f) => f.check) : [])),
      [[], ['notificationCount']],
      'the first is judged valid, the second is the failure',
    );
  });
});

test('a notification whose steps are not on record says so instead of replaying it to the receiver', async () => {
  await asTest('paid: unprompted', async () => {
    const endpoint = anEndpoint();
    await notify(endpoint, paid);
    await notify(endpoint, paid);
    await assert.rejects(expectNotified('paid', [endpoint], { ...paid }, 'x0.1'));
    const second = records().filter((r) => r.url.endsWith(endpoint.path))[1];
    const curl = reportOf(observations(), records()).failures.find((f) => f.id === second?.id)?.exchange
      ?.curl;
    assert.deepEqual(
      curl?.split('\n').map((line) => line.slice(0, 30)),
      ['# 1 create the link: not in th', '# 2 pay or cancel it: not in t'],
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
