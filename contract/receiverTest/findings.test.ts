/**
 * `npm run webhooks` against receivers that each break one rule of the docs: every break is a
 * finding (exit 1) naming the variant, what was sent, what was answered and what the docs ask, and
 * the key a receiver echoes is hidden in every output.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import { assertKeyNowhere, testKey } from './keyNowhere.ts';
import { type RunningReceiver, runWebhooks, startReceiver, variantOf } from './testReceivers.ts';

const started: RunningReceiver[] = [];
after(() => Promise.all(started.map((r) => r.stop())));

async function receiver(...args: Parameters<typeof startReceiver>) {
  const running = await startReceiver(...args);
  started.push(running);
  return running;
}

const refused = ['form-without-pay-id', 'invalid-json', 'wrongly-encrypted', 'response-code-0'];

test('a receiver answering 500: a finding on every variant, naming it and the 5xx, exit 1', {
  timeout: 240_000,
}, async () => {
  const broken = await receiver((_request, _body, response) => response.writeHead(500).end('it broke'));
  const run = await runWebhooks(['--to', broken.url]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /✗ paid, form: answered 500, a 5xx; expected 2xx\n/);
  assert.match(run.stdout, /✗ malformed: invalid JSON: answered 500, a 5xx; expected 4xx\n/);
  // The finding's evidence: the body sent, the answer, the docs.
  assert.match(
    run.stdout,
    /paid, form: answered 500, a 5xx; expected 2xx\nsent:\n {2}POST http:\/\/127\.0\.0\.1:\d+\/hook\n/,
  );
  assert.match(
    run.stdout,
    /\n {2}ResponseCode=1&data%5Bpay_id%5D=1001&.*data%5Bstatus%5D=success\nanswered:\n {2}500\n {2}it broke\n/,
  );
  assert.match(run.stdout, /the docs: .*never 5xx.*spec\/DECISIONS\.md D-WEBHOOK/);
  assert.match(run.stdout, /FAILED\n/);
  const failed = run.report!.variants.filter((v) => v.verdict === 'failed').length;
  assert.equal(failed, 11, 'every variant that ran (the encrypted ones need a key)');
  assert.match(run.junit, /<failure message="answered 500, a 5xx; expected 2xx" type="ReceiverFinding">/);
});

test('a receiver accepting everything: findings on the malformed and wrongly encrypted variants only', {
  timeout: 240_000,
}, async () => {
  const lenient = await receiver((_request, _body, response) => response.writeHead(200).end('ok'));
  const run = await runWebhooks(['--to', lenient.url], { SECPAID_WEBHOOK_KEY: testKey });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const failed = run.report!.variants.filter((v) => v.verdict === 'failed').map((v) => v.id);
  assert.deepEqual(failed, refused);
  const wrong = variantOf(run, 'wrongly-encrypted');
  assert.match(wrong.findings[0]!.problem, /^accepted it with 200: .*expected 4xx$/);
  assert.match(wrong.findings[0]!.docs, /cannot read or decrypt is answered 4xx/);
  assert.match(run.stdout, /✗ wrongly encrypted: under another key: accepted it with 200/);
  // The encrypted body is shown as it was sent.
  assert.match(
    run.stdout,
    /wrongly encrypted: under another key: accepted[^\n]*\nsent:\n(?: {2}[^\n]*\n)+ {2}\{"data":"[A-Za-z0-9+/=]+"\}\n/,
  );
  assertKeyNowhere(run);
});

test('a redirect is a finding and is not followed', { timeout: 240_000 }, async () => {
  let followed = 0;
  const redirecting = await receiver((request, _body, response) => {
    if (request.url === '/elsewhere') {
      followed += 1;
      response.writeHead(200).end();
    } else response.writeHead(307, { location: '/elsewhere' }).end();
  });
  const run = await runWebhooks(['--to', redirecting.url]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /✗ paid, form: answered 307, a redirect to \/elsewhere \(not followed\); expected 2xx\n/,
  );
  assert.equal(followed, 0, 'the redirect was followed');
});

test('a receiver fulfilling a notification delivered again: a finding on that variant', {
  timeout: 240_000,
}, async () => {
  let fulfilments = 0;
  // Reads every encoding correctly, but fulfils each paid notification, however often it comes.
  const forgetful = await receiver((request, body, response) => {
    if (request.method === 'GET') return response.writeHead(200).end(JSON.stringify({ count: fulfilments }));
    const read = readNotification(request.headers['content-type'], body, testKey);
    const fields = read.ok ? read.value.fields : undefined;
    if (!fields || String(fields.responseCode) !== '1' || fields.payId === undefined)
      return response.writeHead(400).end();
    if (String(fields.status).toLowerCase() === 'success') fulfilments += 1;
    response.writeHead(200).end();
  });
  const run = await runWebhooks(['--to', forgetful.url, '--fulfilments', forgetful.fulfilments], {
    SECPAID_WEBHOOK_KEY: testKey,
  });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const failed = run.report!.variants.filter((v) => v.verdict === 'failed').map((v) => v.id);
  assert.deepEqual(failed, ['paid-form-again']);
  assert.match(run.stdout, /✗ paid, form, delivered again: the order was fulfilled 5 times/);
  assert.match(run.stdout, /GET http:\/\/127\.0\.0\.1:\d+\/fulfilments\?pay_id=1001\n/);
  assert.match(run.stdout, /\nthe docs: no delivery id or dedup key is documented[^\n]*D-WEBHOOK\)\n/);
});

test('no answer within --timeout-ms: a finding with the error, not a hang', {
  timeout: 240_000,
}, async () => {
  const silent = await receiver(() => {});
  const run = await runWebhooks(['--to', silent.url, '--timeout-ms', '200']);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /✗ paid, form: no answer: TimeoutError \(no response head within 200 ms\)\n/);
  assert.equal(variantOf(run, 'paid-form').exchanges[0]!.error!.code, 'TimeoutError');
});

test('a receiver echoing the key and its IV (half the key): both are hidden in the console and both reports', {
  timeout: 240_000,
}, async () => {
  const echoing = await receiver((_request, body, response) =>
    response
      .writeHead(500)
      .end(
        `key ${testKey} (${encodeURIComponent(testKey)}) iv ${testKey.slice(0, 16)} could not read ${body}`,
      ),
  );
  const run = await runWebhooks(['--to', echoing.url], { SECPAID_WEBHOOK_KEY: testKey });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.json, /key «redacted» \(«redacted»\) iv «redacted» could not read/);
  assert.match(run.stdout, /key «redacted» \(«redacted»\) iv «redacted» could not read/);
  assertKeyNowhere(run);
});
