/**
 * README.md's example receiver, run as written, passes `npm run webhooks`: with the key every
 * variant passes and the notification delivered again is fulfilled once; without a key the
 * encrypted variants are not run and the run still passes. The key shows nowhere.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertKeyNowhere, testKey } from './keyNowhere.ts';
import { type RunningReceiver, runWebhooks, startReadmeReceiver, variantOf } from './testReceivers.ts';

let keyed: RunningReceiver;
let plain: RunningReceiver;

before(async () => {
  [keyed, plain] = await Promise.all([startReadmeReceiver(testKey), startReadmeReceiver(undefined)]);
});
after(async () => {
  await Promise.all([keyed?.stop(), plain?.stop()]);
});

test('with the key: every variant passes, the duplicate is fulfilled once, exit 0', {
  timeout: 240_000,
}, async () => {
  const run = await runWebhooks(['--to', keyed.url, '--fulfilments', keyed.fulfilments], {
    SECPAID_WEBHOOK_KEY: testKey,
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.stderr, '');
  const verdicts = run.report!.variants.map((v) => `${v.id}: ${v.verdict}`);
  assert.deepEqual(
    verdicts,
    run.report!.variants.map((v) => `${v.id}: passed`),
  );
  assert.equal(verdicts.length, 13);
  const again = variantOf(run, 'paid-form-again');
  assert.equal(again.exchanges.length, 2, 'the fulfilments were read after the duplicate');
  assert.deepEqual(JSON.parse(again.exchanges[1]!.answer!.body), { count: 1 });
  for (const id of ['form-without-pay-id', 'invalid-json', 'wrongly-encrypted', 'response-code-0'])
    assert.equal(variantOf(run, id).exchanges[0]!.answer!.status, 400, id);
  assert.match(run.stdout, /13 variants: 13 passed, 0 failed, 0 not run\n\nPASSED\n/);
  assert.match(
    run.junit,
    /<testsuites name="npm run webhooks" tests="13" failures="0" errors="0" skipped="0"/,
  );
  assertKeyNowhere(run);
});

test('the key given as --encryption-key works as the variable does, and shows nowhere either', {
  timeout: 240_000,
}, async () => {
  const run = await runWebhooks(['--to', keyed.url, '--encryption-key', testKey]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(variantOf(run, 'paid-encrypted').verdict, 'passed');
  assertKeyNowhere(run);
});

test('without a key: the encrypted variants are not run, with the reason, and the run passes', {
  timeout: 240_000,
}, async () => {
  const run = await runWebhooks(['--to', plain.url, '--fulfilments', plain.fulfilments]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  for (const id of ['paid-encrypted', 'cancelled-encrypted']) {
    const variant = variantOf(run, id);
    assert.equal(variant.verdict, 'not run', id);
    assert.match(variant.reason!, /no encryption key: give --encryption-key KEY or SECPAID_WEBHOOK_KEY/);
  }
  assert.match(run.stdout, /- paid, encrypted: not run: no encryption key/);
  assert.match(run.stdout, /13 variants: 11 passed, 0 failed, 2 not run\n\nPASSED\n/);
  assert.match(run.junit, /skipped="2"/);
  // A receiver without a key still refuses an encrypted body: it cannot read it.
  assert.equal(variantOf(run, 'wrongly-encrypted').verdict, 'passed');
});
