/**
 * How a run ends besides its verdict: an answer is redacted before it is cut to what reports show,
 * and SIGTERM mid-run stops the notifications, still writes the reports, and exits 130.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, test } from 'node:test';
import { makeRedactor } from '../../core/redact.ts';
import { exchange, receiverFetch, shownAnswerChars } from './exchange.ts';
import { testKey } from './keyNowhere.ts';
import { type RunningReceiver, runWebhooks, startReceiver, variantOf } from './testReceivers.ts';

const started: RunningReceiver[] = [];
after(() => Promise.all(started.map((r) => r.stop())));

test('a key the shown part of an answer would cut in two is still hidden', async () => {
  const before = 'x'.repeat(shownAnswerChars - 10);
  const echoing = await startReceiver((_request, _body, response) => response.end(`${before}${testKey}`));
  started.push(echoing);
  const request = { method: 'POST' as const, url: echoing.url, headers: {}, body: '' };
  const got = await exchange(
    receiverFetch(echoing.url, 30_000),
    request,
    new AbortController().signal,
    makeRedactor([testKey]),
  );
  const body = got.exchange.answer!.body;
  assert.equal(body, `${before}«redacted»`);
  assert.ok(!body.includes(testKey.slice(0, 10)));
  assert.equal(got.wholeBody, `${before}${testKey}`, 'the body as it came, for parsing');
});

test('SIGTERM mid-run: what was sent is kept unjudged, the rest is not run, the reports are written, exit 130', {
  timeout: 240_000,
}, async () => {
  let child: ChildProcess | undefined;
  let received = 0;
  // Answers the first two notifications, then holds the third and stops the run.
  const holding = await startReceiver((_request, _body, response) => {
    received += 1;
    if (received <= 2) response.end();
    else child!.kill('SIGTERM');
  });
  started.push(holding);
  const run = await runWebhooks(['--to', holding.url], {}, (spawned) => {
    child = spawned;
  });
  assert.equal(run.code, 130, run.stdout + run.stderr);
  assert.match(run.stderr, /^SIGTERM: stopping the notifications, then writing the reports/);
  assert.equal(variantOf(run, 'cancelled-form').verdict, 'passed');
  assert.equal(variantOf(run, 'paid-json').verdict, 'not run');
  // The held one was sent: it is kept, unjudged; what came after was never sent.
  assert.match(variantOf(run, 'paid-json').reason ?? '', /^interrupted after it was sent/);
  assert.equal(variantOf(run, 'paid-json').exchanges.length, 1);
  assert.equal(run.report!.variants[3]!.reason, 'interrupted');
  assert.ok(run.report!.variants.slice(2).every((v) => v.verdict === 'not run'));
  assert.equal(received, 3, 'nothing was sent after the interruption');
  assert.match(run.stdout, /\nINTERRUPTED\n/);
  assert.match(
    run.junit,
    /<testcase name="paid, JSON nested"[^>]*>\n\s*<skipped message="not run: interrupted after it was sent/,
  );
});
