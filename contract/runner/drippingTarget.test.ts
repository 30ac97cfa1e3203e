/**
 * A whole contract run against a server that drips every answer, a byte every 100 ms, for ever:
 * each answer is cut at the request's time limit, and after five in a row the suite process stops
 * sending to the target, so its remaining tests fail at once with the reason instead of each
 * waiting out the limit. The run ends as a failed run with every report (exit 1) and says why.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { drippingReply } from '../../client/hostileBodies.ts';
import { hostileTarget } from '../selftest/hostileRun.ts';
import { reportNames } from './writeReports.ts';

const keys = { SECPAID_TOKEN: 'DripKeyA-0123456789abcdef', SECPAID_TOKEN_B: 'DripKeyB-0123456789abcdef' };
const reason =
  /the target's last 5 answers (were cut as too slow|had no response head in time)[^:]*: the run stops sending to it/;

const target = hostileTarget(drippingReply);

test('every answer dripping: the suite stops sending after five, and the run ends in exit 1 saying why', {
  timeout: 240_000,
}, async () => {
  const run = await target.run(['--generate', '0', '--request-timeout', '1'], keys);
  const { reportsDir } = run;
  assert.equal(run.code, 1, run.stdout.slice(-3000) + run.stderr.slice(-3000));
  assert.deepEqual(readdirSync(reportsDir).sort(), [...reportNames].sort());

  // The reason, on the console, in summary.json, and as the failure of the tests it stopped.
  assert.match(
    run.stdout,
    /Stopped sending to the target \(1 suite process\):\n {2}the target's last 5 answers/,
  );
  assert.match(run.stdout, reason);
  const summary = JSON.parse(readFileSync(join(reportsDir, 'summary.json'), 'utf8')) as {
    ok: boolean;
    cutOff: string[];
    counts: { passed: number; failed: number };
  };
  assert.equal(summary.ok, false);
  assert.equal(summary.cutOff.length, 1);
  assert.match(summary.cutOff[0]!, reason);
  const junit = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  const stopped = junit.match(new RegExp(`TargetCutOff|${reason.source}`, 'g')) ?? [];
  assert.ok(stopped.length > 10, `only ${stopped.length} tests name the reason`);

  // What was sent: the five, what was already in flight beside them, and cleanup's own few.
  const api = target.server().received.filter((r) => r.url.startsWith('/api/'));
  assert.ok(
    api.length < summary.counts.failed,
    `${api.length} requests for ${summary.counts.failed} failed tests`,
  );
  assert.match(run.stdout, /cleanup problem: SECPAID_TOKEN: listing answered a body .*still arriving/);
  for (const name of readdirSync(reportsDir)) {
    const text = readFileSync(join(reportsDir, name), 'utf8');
    for (const key of Object.values(keys)) assert.ok(!text.includes(key), `${name} holds no key`);
  }
});
