/**
 * A whole contract run against a server that answers every request (the control API probe, the
 * suites, cleanup) with 50 MB of valid JSON: the run ends as a failed run with every report (exit 1),
 * each answer's body cut at the cap that applied to it (the run's 1 MiB, cleanup's own 16 MiB) and
 * said so, the private directory within its budget and the reports small.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hugeReply } from '../../client/hostileBodies.ts';
import type { BodyReport } from '../reporting/bodies.ts';
import { assertEveryReportSmall, hostileTarget } from '../selftest/hostileRun.ts';
import { defaultRecordBudgetBytes } from './runContract.ts';

const MiB = 1024 * 1024;
const keys = { SECPAID_TOKEN: 'HugeKeyA-0123456789abcdef', SECPAID_TOKEN_B: 'HugeKeyB-0123456789abcdef' };

const target = hostileTarget(hugeReply);

test('50 MB answers to every request: exit 1 with every report, the cap stated, everything small', {
  timeout: 180_000,
}, async () => {
  const run = await target.run(['--generate', '0'], keys);
  const { reportsDir } = run;
  assert.equal(run.code, 1, run.stdout.slice(-3000) + run.stderr);

  const reports = assertEveryReportSmall(reportsDir);

  const bodies = (
    JSON.parse(readFileSync(join(reportsDir, 'summary.json'), 'utf8')) as { bodies: BodyReport }
  ).bodies;
  // Every answer was huge (suites and cleanup alike), and every one was cut at the cap: drained to its
  // end within the request's time limit ("over the cap"), or, on a machine too busy for that, cut then.
  assert.equal(bodies.capBytes, MiB);
  assert.ok(bodies.answers > 20, `only ${bodies.answers} answers`);
  assert.equal(bodies.cut, bodies.answers);
  assert.equal(bodies.byReason.endless, 0, '50 MB is within the 64 MiB drain bound');
  assert.ok(bodies.byReason['over the cap'] > 0);
  // The request records kept bodies up to their budget, then went on without them.
  assert.ok(bodies.recordsWithoutBodies > 0);
  assert.ok(
    bodies.privateDirBytes < defaultRecordBudgetBytes + 4 * MiB,
    `private directory ${bodies.privateDirBytes} bytes`,
  );

  const junit = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  assert.match(
    junit,
    /responseBodyBounded: received a response body over the 1 MiB cap \(52,428,800 bytes; 1,048,576 kept\): not checked against the schema/,
  );
  assert.doesNotMatch(junit, /not JSON/, 'a cut body is stated as cut, never as a parse error');
  const log = readFileSync(join(reportsDir, 'requests.log'), 'utf8');
  assert.ok(
    log.startsWith(
      'Response bodies: at most 1 MiB kept of each (--max-body-bytes; cleanup keeps up to 16 MiB of its pages of links), at most 64 MiB read;',
    ),
  );
  assert.match(log, /\[body over the 1 MiB cap \(52,428,800 bytes; 1,048,576 kept\)\]/);
  assert.match(
    log,
    /\[cleanup\]\nPOST .*\n(.*\n)*?--> 200 \(\d+ ms\) {2}\[body over the 16 MiB cap \(52,428,800 bytes; 16,777,216 kept\)\]/,
  );
  assert.doesNotMatch(
    log,
    /over the 1 MiB cap \(52,428,800 bytes; 16,777,216 kept\)/,
    "no cleanup record is described against the run's cap",
  );
  assert.match(log, /\[bodies not recorded: the run’s budget for request records was spent\]/);
  assert.match(
    run.stdout,
    /Response bodies: .*; \d+ answers, \d+ cut \(\d+ over the cap, 0 endless, \d+ too slow\)\./,
  );
  assert.match(run.stdout, /Request records: \d+ written without their bodies, past the run's 16 MiB budget/);
  assert.match(
    run.stdout,
    /cleanup problem: SECPAID_TOKEN: listing answered a body over the 16 MiB cap \(52,428,800 bytes; 16,777,216 kept\)/,
  );
  for (const name of reports) {
    const text = readFileSync(join(reportsDir, name), 'utf8');
    for (const key of Object.values(keys)) assert.ok(!text.includes(key), `${name} holds no key`);
  }
});
