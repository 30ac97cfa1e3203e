/**
 * Every report a contract run writes (junit.xml, contract.json, contract.html, run.har,
 * requests.log, coverage, drift, summary) holds no key, and marks each one only with the marker of
 * core/redact.ts: the reports are written as the runner writes them (records redacted one by one,
 * then every file whole) from a failing run whose texts still carry raw keys.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultBodyLimits, pagingBodyLimits } from '../../core/boundedBody.ts';
import { makeRedactor, markerPattern, redactedMarker } from '../../core/redact.ts';
import { foreignMarkers } from '../../core/testing/redactionMarkers.ts';
import { reportNames, writeReports } from '../runner/writeReports.ts';
import { bodyReport } from './bodies.ts';
import { coverage, failedReport } from './contractReport.fixture.ts';
import { records } from './har.fixture.ts';
import type { TestResult } from './junit.ts';
import { redactRecord } from './redact.ts';
import type { ContractReport } from './reportModel.ts';

const key = 'Kq7Lm2Np9Rs4Tv6Wx8Yz1Ab3Cd5Ef0Gh';
const recipientToken = 'rcpt-Zy8Xw6Vu4Ts2Rq0Po9Nm7Lk5Ji3Hg';
const redact = makeRedactor([key, recipientToken]);

/** A fixture with the key where its marker stood, and the recipient token in a field and in free text. */
function withKeys<T>(value: T): T {
  const text = JSON.stringify(value).split(redactedMarker).join(key);
  return JSON.parse(text) as T;
}

test('every report marks a key only with the one marker, and holds no key', () => {
  const report: ContractReport = withKeys(failedReport);
  report.reasons.push(`the server echoed ${key} and ${recipientToken}`);
  const results: TestResult[] = report.tests.map((t) => ({
    file: `contract/suites/${t.suite}.contract.test.ts`,
    name: t.test,
    durationMs: 12,
    outcome: t.failures.length > 0 ? 'failed' : 'passed',
    message: `token ${key} was refused; recipient_token ${recipientToken}`,
  }));
  const requests = [
    ...withKeys(records),
    {
      ...records[0]!,
      requestHeaders: { token: key },
      responseBody: `{"recipient_token":"${recipientToken}"}`,
    },
  ].map((record) => redactRecord(record, redact));
  const dir = mkdtempSync(join(tmpdir(), 'redaction-'));
  try {
    const written = writeReports(
      dir,
      {
        heading: 'run r1 against a target',
        coverage,
        drift: report.drift,
        results,
        requests,
        bodies: bodyReport({
          requests,
          observations: [],
          limits: defaultBodyLimits,
          cleanupLimits: pagingBodyLimits,
          recordBudgetBytes: 1 << 20,
          privateDirBytes: 0,
        }),
        summary: { echoed: key },
        report,
      },
      redact,
    );
    assert.deepEqual(Object.keys(written).sort(), [...reportNames].sort());
    for (const name of reportNames) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.ok(!text.includes(key) && !text.includes(recipientToken), `${name} holds a key`);
      assert.deepEqual(foreignMarkers(text), [], `${name} marks a key otherwise`);
    }
    for (const name of ['junit.xml', 'contract.json', 'contract.html', 'requests.log', 'summary.json'])
      assert.match(readFileSync(join(dir, name), 'utf8'), markerPattern, `${name} shows no marker`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
