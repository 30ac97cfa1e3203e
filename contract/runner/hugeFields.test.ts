/**
 * A whole contract run against a server whose every answer is a body the cap keeps whole but whose
 * fields are 60 KB each and which carries 60,000 keys the spec does not know: the run ends as a
 * failed run with every report (exit 1), each failure named by its check with the values it quotes
 * cut short, the drift listed to its bound, and the private directory, reports and console small.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonReply } from '../../client/recordingServer.ts';
import { moreDrift } from '../checks/boundedVerdict.ts';
import type { BodyReport } from '../reporting/bodies.ts';
import { assertEveryReportSmall, hostileTarget } from '../selftest/hostileRun.ts';
import { defaultRecordBudgetBytes } from './runContract.ts';

const MiB = 1024 * 1024;
const keys = { SECPAID_TOKEN: 'FieldKeyA-0123456789abcdef', SECPAID_TOKEN_B: 'FieldKeyB-0123456789abcdef' };

/** The envelope, a link and a total whose every value is 60 KB, and 60,000 unknown keys: 1.3 MB. */
function hostileBody(): string {
  const field = 'x'.repeat(60_000);
  const link = { id: field, linktopay_id: field, pay_link: field, qr_img: field, recipient_note: field };
  const body: Record<string, unknown> = {
    ResponseCode: field,
    Result: field,
    error: field,
    ServerTime: field,
    totalRecords: field,
    data: [link],
  };
  for (let i = 0; i < 60_000; i++) body[`u${String(i).padStart(5, '0')}`] = 0;
  return JSON.stringify(body);
}

// No control API: the run uses the keys from the environment, and every API call gets the body.
const target = hostileTarget(() => {
  const body = hostileBody();
  return (request) =>
    request.url.startsWith('/sandbox/')
      ? jsonReply(404, {})
      : { status: 200, body, headers: { 'content-type': 'application/json' } };
});

test('60 KB fields and 60,000 unknown keys in every answer: exit 1, failures named, everything small', {
  timeout: 240_000,
}, async () => {
  const run = await target.run(['--generate', '1', '--max-body-bytes', String(4 * MiB)], keys);
  const { reportsDir } = run;
  assert.equal(run.code, 1, run.stdout.slice(-3000) + run.stderr.slice(-3000));
  assert.ok(run.stdout.length < 256 * 1024, `console: ${run.stdout.length} characters`);

  const reports = assertEveryReportSmall(reportsDir);

  const bodies = (
    JSON.parse(readFileSync(join(reportsDir, 'summary.json'), 'utf8')) as { bodies: BodyReport }
  ).bodies;
  assert.ok(target.server().received.length > 50, `only ${target.server().received.length} requests`);
  assert.equal(bodies.cut, 0, 'every body was kept whole: the checks read it');
  assert.equal(bodies.observationsWithoutDetails, 0, 'the observations stayed within their budget');
  assert.ok(
    bodies.privateDirBytes < defaultRecordBudgetBytes + 4 * MiB,
    `private directory ${bodies.privateDirBytes} bytes`,
  );

  const junit = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  for (const check of [
    'statusAsIntended',
    'responseSchemaConformance',
    'envelopeStatusAgreement',
    'linkConsistency',
    'clockConformance',
    'stateOracle',
    'statusAsDocumented',
  ])
    assert.match(junit, new RegExp(`${check}: `), `${check} is named`);
  assert.match(
    junit,
    /envelopeStatusAgreement: received HTTP 200 with ResponseCode &quot;x{79}… \(60002 chars\)/,
  );
  assert.doesNotMatch(junit, /x{1000}/, 'no value is quoted whole');

  const drift = readFileSync(join(reportsDir, 'drift.md'), 'utf8');
  assert.ok(drift.includes(moreDrift));
  assert.match(drift, /`u00000`/);
  assert.doesNotMatch(drift, /`u59999`/);
  const rows = drift.split('\n').filter((line) => line.startsWith('| getMyUnusedLinks | 200 |'));
  assert.ok(rows.length > 0 && rows.length <= 51, `${rows.length} drift rows for one status`);
  for (const name of reports) {
    const text = readFileSync(join(reportsDir, name), 'utf8');
    for (const key of Object.values(keys)) assert.ok(!text.includes(key), `${name} holds no key`);
  }
});
