/**
 * The report model from recorded observations and exchanges: each failed answer is a failure with
 * its exchange (request as sent, response, curl), its checks located in the spec with the decision
 * behind them; a failure while preparing another operation's test is that operation's
 * prerequisite; a test that failed on its own assertion gets its last exchange; findings group the
 * same difference across operations and pair a missing field with its renamed look-alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from './buildReport.ts';
import { computeCoverage } from './coverage.ts';
import { curlOfRecord } from './curl.ts';
import { testFailureDetail } from './failureText.ts';
import { junitXml } from './junit.ts';
import type { Observation, RequestRecord } from './observations.ts';

const record = (
  id: string,
  suite: string,
  testTitle: string,
  path: string,
  status: number,
  body: unknown,
): RequestRecord => ({
  id,
  at: '2026-12-02T10:00:00.000Z',
  suite,
  test: testTitle,
  method: 'POST',
  url: `http://127.0.0.1:4010/api/v2/${path}`,
  requestHeaders: {
    token: '«redacted»',
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': '13',
  },
  requestBody: 'amount=12.34&recipient_note=n',
  status,
  responseHeaders: { 'content-type': 'application/json' },
  responseBody: JSON.stringify(body),
  responseBodySize: { keptBytes: 40, seenBytes: 40 },
  ms: 7,
});

const missingId = {
  check: 'responseSchemaConformance',
  message: 'createLink 200 schema: data/id: received nothing / documented: required',
  signature: 'data/id: missing / documented: required',
  schemaPath: '#/allOf/1/properties/data/required',
};
const missingError = (op: string, status: number) => ({
  check: 'responseSchemaConformance',
  message: `${op} ${status} schema: error: received nothing / documented: required`,
  signature: 'error: missing / documented: required',
  schemaPath: '#/required',
});

const observations: Observation[] = [
  // createLink's own test: the answer lacks data.id and carries data.linktopay_id instead.
  {
    kind: 'response',
    operationId: 'createLink',
    status: 200,
    expectedStatus: 200,
    suite: 'createLink',
    test: '200 creates',
    exchangeId: 'x1.1',
    failures: [missingId],
    drift: ['data.linktopay_id'],
  },
  {
    kind: 'testFailed',
    operationId: 'createLink',
    status: 200,
    test: '200 creates',
    message: 'createLink answered HTTP 200, not as documented:',
    exchangeId: 'x1.1',
  },
  // deleteLink's test failed while creating its link: deleteLink was never called.
  {
    kind: 'response',
    operationId: 'createLink',
    status: 200,
    expectedStatus: 200,
    suite: 'deleteLink',
    test: '200 deletes',
    exchangeId: 'x2.1',
    failures: [missingId],
    drift: ['data.linktopay_id'],
  },
  {
    kind: 'testFailed',
    operationId: 'deleteLink',
    status: 200,
    test: '200 deletes',
    message: 'createLink answered HTTP 200, not as documented:',
    exchangeId: 'x2.1',
  },
  // The same error-body difference on two operations and two statuses: one finding.
  {
    kind: 'response',
    operationId: 'deleteLink',
    status: 404,
    expectedStatus: 404,
    suite: 'deleteLink',
    test: '404 gone',
    exchangeId: 'x2.2',
    failures: [missingError('deleteLink', 404)],
    drift: [],
  },
  {
    kind: 'testFailed',
    operationId: 'deleteLink',
    status: 404,
    test: '404 gone',
    message: 'deleteLink answered HTTP 404, not as documented:',
    exchangeId: 'x2.2',
  },
  {
    kind: 'response',
    operationId: 'createLink',
    status: 400,
    expectedStatus: 400,
    suite: 'createLink',
    test: '400 bad',
    exchangeId: 'x1.2',
    failures: [missingError('createLink', 400)],
    drift: [],
  },
  {
    kind: 'testFailed',
    operationId: 'createLink',
    status: 400,
    test: '400 bad',
    message: 'createLink answered HTTP 400, not as documented:',
    exchangeId: 'x1.2',
  },
  // A test whose answer conformed but whose own assertion failed.
  {
    kind: 'response',
    operationId: 'getMyUnusedLinks',
    status: 200,
    expectedStatus: 200,
    suite: 'getMyUnusedLinks',
    test: '200 lists',
    exchangeId: 'x3.1',
    failures: [],
    drift: [],
  },
  {
    kind: 'testFailed',
    operationId: 'getMyUnusedLinks',
    status: 200,
    test: '200 lists',
    message: 'the new link is not listed',
    detail: 'the new link is not listed\n+ actual - expected',
    exchangeId: 'x3.1',
  },
];
const requests = [
  record('x1.1', 'createLink', '200 creates', 'createLink', 200, {
    ResponseCode: 1,
    data: { linktopay_id: 7, amount: '12.34' },
  }),
  record('x2.1', 'deleteLink', '200 deletes', 'createLink', 200, {
    ResponseCode: 1,
    data: { linktopay_id: 8 },
  }),
  record('x2.2', 'deleteLink', '404 gone', 'deleteLink', 404, { ResponseCode: 0 }),
  record('x1.2', 'createLink', '400 bad', 'createLink', 400, { ResponseCode: 0 }),
  record('x3.1', 'getMyUnusedLinks', '200 lists', 'getMyUnusedLinks', 200, { ResponseCode: 1, data: [] }),
];
const suiteFile = (op: string) => `/x/contract/suites/${op}.contract.test.ts`;
const results = [
  {
    file: suiteFile('createLink'),
    name: '200 creates',
    durationMs: 1,
    outcome: 'failed' as const,
    message: 'createLink answered HTTP 200',
  },
  {
    file: suiteFile('createLink'),
    name: '400 bad',
    durationMs: 1,
    outcome: 'failed' as const,
    message: 'createLink answered HTTP 400',
  },
  {
    file: suiteFile('deleteLink'),
    name: '200 deletes',
    durationMs: 1,
    outcome: 'failed' as const,
    message: 'createLink answered HTTP 200',
  },
  {
    file: suiteFile('deleteLink'),
    name: '404 gone',
    durationMs: 1,
    outcome: 'failed' as const,
    message: 'deleteLink answered HTTP 404',
  },
  {
    file: suiteFile('getMyUnusedLinks'),
    name: '200 lists',
    durationMs: 1,
    outcome: 'failed' as const,
    message: 'the new link is not listed',
  },
];

function report() {
  const selected = ['createLink', 'deleteLink', 'getMyUnusedLinks'] as const;
  return buildReport({
    ok: false,
    reasons: ['5 of 5 tests failed'],
    metadata: {
      runId: 'r1',
      target: 'http://127.0.0.1:4010',
      readOnly: false,
      operations: [...selected],
      startedAt: '2026-12-02T10:00:00.000Z',
      finishedAt: '2026-12-02T10:00:01.000Z',
      durationMs: 1000,
      versions: { harness: '0', spec: '0', node: process.version },
    },
    observations,
    requests,
    results,
    coverage: computeCoverage([...selected], observations),
    drift: [
      { operationId: 'createLink', status: 200, path: 'data.linktopay_id', count: 2, example: '200 creates' },
      { operationId: 'createLink', status: 200, path: 'data.debug', count: 1, example: '200 creates' },
    ],
  });
}

test('every failed answer is a failure with its exchange, its checks located, the decision behind them', () => {
  const { failures } = report();
  const own = failures.find((f) => f.id === 'x1.1')!;
  assert.equal(own.operationId, 'createLink');
  assert.equal(own.exchange?.request.url, 'http://127.0.0.1:4010/api/v2/createLink');
  assert.equal(own.exchange?.request.contentType, 'application/x-www-form-urlencoded');
  assert.equal(own.exchange?.request.body, 'amount=12.34&recipient_note=n');
  assert.equal(own.exchange?.response?.status, 200);
  assert.match(own.exchange?.response?.body ?? '', /linktopay_id/);
  assert.equal(
    own.exchange?.curl,
    `curl -sS -X POST 'http://127.0.0.1:4010/api/v2/createLink' -H "token: $SECPAID_TOKEN" -H 'content-type: application/x-www-form-urlencoded' --data-binary 'amount=12.34&recipient_note=n'`,
  );
  assert.equal(
    own.checks[0]!.specPointer,
    '/paths/~1api~1v2~1createLink/post/responses/200/content/application~1json/schema/allOf/1/properties/data/required',
  );
  assert.equal(own.checks[0]!.decision?.id, 'D-LINK');
  const error = failures.find((f) => f.id === 'x2.2')!;
  assert.equal(error.checks[0]!.decision?.id, 'D-ERRORS');
});

test('a failure while preparing a test is the prerequisite’s, and says which operation it kept from being checked', () => {
  const { failures, tests } = report();
  const prep = failures.find((f) => f.id === 'x2.1')!;
  assert.equal(prep.operationId, 'createLink');
  assert.equal(prep.prerequisiteOf, 'deleteLink');
  const deletes = tests.find((t) => t.test === '200 deletes')!;
  assert.match(
    deletes.reason,
    /^not checked: prerequisite failed: createLink answered HTTP 200: responseSchemaConformance/,
  );
  assert.deepEqual(deletes.failures, ['x2.1']);
  assert.equal(failures.find((f) => f.id === 'x1.1')!.prerequisiteOf, undefined);
});

test('a test that failed on its own assertion is a failure with its last exchange and whole message', () => {
  const { failures, tests } = report();
  const lists = tests.find((t) => t.test === '200 lists')!;
  const failure = failures.find((f) => f.id === lists.failures[0])!;
  assert.equal(failure.checks[0]!.check, 'testAssertion');
  assert.equal(failure.checks[0]!.message, 'the new link is not listed\n+ actual - expected');
  assert.equal(failure.exchange?.id, 'x3.1');
  assert.equal(lists.reason, 'testAssertion: the new link is not listed');
});

test('findings: one per difference across operations and statuses, with counts, and renamed fields paired', () => {
  const { findings, failures } = report();
  const missingIdFinding = findings.find((f) => f.title.startsWith('`data.id`'))!;
  assert.equal(missingIdFinding.count, 2);
  assert.deepEqual(missingIdFinding.renamed, [{ documented: 'data.id', received: 'data.linktopay_id' }]);
  assert.equal(missingIdFinding.decision?.id, 'D-LINK');
  const drift = report().drift;
  assert.equal(drift.find((d) => d.path === 'data.linktopay_id')?.probablyRenamedFrom, 'data.id');
  assert.equal(drift.find((d) => d.path === 'data.debug')?.probablyRenamedFrom, undefined);
  const errorFinding = findings.find((f) => f.title.startsWith('`error`'))!;
  assert.equal(errorFinding.count, 2);
  assert.deepEqual(errorFinding.operations.sort(), ['createLink', 'deleteLink']);
  assert.deepEqual(errorFinding.statuses, [400, 404]);
  assert.equal(findings.length, 3, findings.map((f) => f.title).join('\n'));
  for (const failure of failures)
    assert.ok(failure.findings.length > 0, `${failure.id} belongs to a finding`);
});

test('junit: a failed test’s message is its first reason, its body every failure with request, response and curl', () => {
  const model = report();
  const xml = junitXml(results, 'run', (r) => testFailureDetail(model, r));
  assert.match(
    xml,
    /<failure message="not checked: prerequisite failed: createLink answered HTTP 200: responseSchemaConformance: createLink 200 schema: data\/id: received nothing \/ documented: required">/,
  );
  const body = xml.slice(xml.indexOf('name="200 deletes"'));
  assert.match(body, /request: POST http:\/\/127\.0\.0\.1:4010\/api\/v2\/createLink/);
  assert.match(body, /response: HTTP 200 \(7 ms, 40 bytes of body\)/);
  assert.match(body, /curl: curl -sS -X POST/);
  assert.match(body, /spec: generated\/openapi\.json#\/paths\/~1api~1v2~1createLink/);
  assert.match(body, /decision: spec\/DECISIONS\.md D-LINK/);
});

test('a curl line replays a redacted recipient token from $SECPAID_RECIPIENT_TOKEN, and a made-up key as sent', () => {
  const line = curlOfRecord({
    method: 'POST',
    url: 'http://127.0.0.1:4010/api/v2/createSplitLink',
    requestHeaders: { token: 'madeUpKey0123456789' },
    requestBody: 'amount=80&recipients=%5B%7B%22token%22%3A%22«redacted»%22%2C%22share%22%3A50%7D%5D',
  });
  assert.equal(
    line,
    `curl -sS -X POST 'http://127.0.0.1:4010/api/v2/createSplitLink' -H 'token: madeUpKey0123456789' -H 'content-type:' --data-binary 'amount=80&recipients=%5B%7B%22token%22%3A%22'"$SECPAID_RECIPIENT_TOKEN"'%22%2C%22share%22%3A50%7D%5D'`,
  );
});
