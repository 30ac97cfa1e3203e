import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultBodyLimits, pagingBodyLimits } from '../../core/boundedBody.ts';
import { bodyReport, bodyReportLines } from './bodies.ts';
import type { Observation, RequestRecord } from './observations.ts';
import { requestsLogText } from './requestsLog.ts';

const base: RequestRecord = {
  at: '2025-01-01T00:00:00.000Z',
  method: 'POST',
  url: 'http://127.0.0.1/api/v2/createLink',
  requestHeaders: {},
  status: 200,
  ms: 1,
};
const records: RequestRecord[] = [
  { ...base, responseBody: '{}', responseBodySize: { keptBytes: 2, seenBytes: 2 } },
  {
    ...base,
    responseBody: 'x',
    responseBodySize: { keptBytes: 1_048_576, seenBytes: 52_428_800, cut: 'over the cap' },
    responseBodyCut: 'over the 1 MiB cap (52,428,800 bytes; 1,048,576 kept)',
  },
  {
    ...base,
    bodiesLeftOut: true,
    responseBodySize: { keptBytes: 1_048_576, seenBytes: 67_174_400, cut: 'endless' },
    responseBodyCut:
      'over the 1 MiB cap and still arriving past the 64 MiB drain bound (67,174,400 bytes or more; 1,048,576 kept; cut there)',
  },
  {
    ...base,
    responseBodySize: { keptBytes: 3, seenBytes: 3, cut: 'too slow', afterMs: 15_000 },
    responseBodyCut:
      "still arriving at the request's deadline, 15.0 s after the response head (3 bytes or more; 3 kept; cut then)",
  },
  { ...base, status: undefined, error: 'ECONNRESET' },
  {
    ...base,
    test: 'cleanup',
    responseBody: 'x',
    responseBodySize: { keptBytes: 16_777_216, seenBytes: 52_428_800, cut: 'over the cap' },
    responseBodyCut: 'over the 16 MiB cap (52,428,800 bytes; 16,777,216 kept)',
  },
];

const response = { kind: 'response', operationId: 'createLink', status: 200 } as const;
const observations: Observation[] = [
  { ...response, failures: [], drift: [] },
  {
    ...response,
    failures: [{ check: 'linkConsistency', message: '(not recorded)' }],
    drift: [],
    detailsLeftOut: { failures: 51, drift: 51 },
  },
];
const facts = {
  requests: records,
  observations,
  limits: defaultBodyLimits,
  cleanupLimits: pagingBodyLimits,
  recordBudgetBytes: 16 * 1024 * 1024,
  privateDirBytes: 17_000_000,
};

test('the report counts answers and cuts by reason, records written without bodies, observations without details', () => {
  const report = bodyReport(facts);
  assert.deepEqual(report, {
    capBytes: 1_048_576,
    drainBytes: 67_108_864,
    cleanupCapBytes: 16_777_216,
    answers: 5,
    cut: 4,
    byReason: { 'over the cap': 2, endless: 1, 'too slow': 1 },
    recordBudgetBytes: 16_777_216,
    recordsWithoutBodies: 1,
    observationsWithoutDetails: 1,
    leftOut: { failures: 51, drift: 51 },
    privateDirBytes: 17_000_000,
  });
  assert.deepEqual(bodyReportLines(report), [
    'Response bodies: at most 1 MiB kept of each (--max-body-bytes; cleanup keeps up to 16 MiB of its pages of links), at most 64 MiB read; 5 answers, 4 cut (2 over the cap, 1 endless, 1 too slow).',
    "Request records: 1 written without their bodies, past the run's 16 MiB budget for them (the private directory held 17,000,000 bytes at the end).",
    "Observations: 1 written with their essentials only (operation, status, the names of the failed checks), past the run's 16 MiB budget for them: 51 failure messages and 51 drift paths left out of coverage and drift reports (the private directory held 17,000,000 bytes at the end).",
  ]);
  const quiet = bodyReport({ ...facts, requests: records.slice(0, 1), observations: [] });
  assert.deepEqual(bodyReportLines(quiet), [
    'Response bodies: at most 1 MiB kept of each (--max-body-bytes; cleanup keeps up to 16 MiB of its pages of links), at most 64 MiB read; 1 answer, none cut.',
  ]);
});

test('requests.log opens with the report and marks each cut body, against the cap that applied to it', () => {
  const log = requestsLogText(records, (text) => text, ['Response bodies: …']);
  assert.ok(log.startsWith('Response bodies: …\n\n=== '));
  assert.match(log, /--> 200 \(1 ms\)\n/);
  assert.match(log, /--> 200 \(1 ms\) {2}\[body over the 1 MiB cap \(52,428,800 bytes; 1,048,576 kept\)\]\n/);
  assert.match(
    log,
    /\[body over the 1 MiB cap and still arriving past the 64 MiB drain bound \(67,174,400 bytes or more; 1,048,576 kept; cut there\)\] {2}\[bodies not recorded: the run’s budget for request records was spent\]/,
  );
  assert.match(log, /\[body still arriving at the request's deadline, 15\.0 s after the response head/);
  assert.match(
    log,
    /\[cleanup\]\nPOST .*\n\n?--> 200 \(1 ms\) {2}\[body over the 16 MiB cap \(52,428,800 bytes; 16,777,216 kept\)\]/,
  );
});
