import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingLine, groupFindings, signatureOf } from './findings.ts';

test('a signature keeps what the difference is and drops the values of the one answer', () => {
  const same = [
    'received HTTP 401 / documented for this request: 201 (D-AUTH); body: {"ResponseCode":0}',
    'received HTTP 401 / documented for this request: 201 (D-AUTH); body: {"other":"body"}',
  ].map((message) => signatureOf({ check: 'statusAsDocumented', message }));
  assert.equal(same[0], same[1]);
  assert.equal(same[0], 'received HTTP 401 / documented for this request: 201 (D-AUTH)');
  assert.equal(
    signatureOf({ check: 'createdAsSent', message: 'received data.amount 12.5 / sent 12.50' }),
    'received data.amount # / sent #',
  );
  assert.equal(
    signatureOf({
      check: 'stateOracle',
      message: "received the unused list [151, 150, 149,… / the run's model of this account: []",
    }),
    "received the unused list […] / the run's model of this account: […]",
  );
  assert.equal(
    signatureOf({ check: 'x', message: 'received "a very long value"… (90001 chars) / documented "b"' }),
    'received "…" / documented "…"',
  );
  // Statuses name a difference: a 500 is not a 404.
  assert.notEqual(
    signatureOf({ check: 'statusAsIntended', message: 'received HTTP 500 / expected 404 for this request' }),
    signatureOf({ check: 'statusAsIntended', message: 'received HTTP 404 / expected 500 for this request' }),
  );
  // Each link's own pay_link and QR URL, and the list of documented statuses kept.
  const payLink = (id: string) =>
    signatureOf({
      check: 'linkConsistency',
      message: `data.pay_link: received https://sandbox/payment?link_id=${id} (link_id decodes to "x") / documented: base64 of the id 7`,
    });
  assert.equal(payLink('MTIz'), payLink('OTk5OQ=='));
  assert.equal(
    signatureOf({
      check: 'statusCodeConformance',
      message: 'received HTTP 418 / documented for createLink: 200, 201, 400',
    }),
    'received HTTP 418 / documented for createLink: 200, 201, 400',
  );
  assert.equal(
    signatureOf({
      check: 'stateOracle',
      message: "received totalRecords 151 / the run's model of this account: 150",
    }),
    "received totalRecords # / the run's model of this account: #",
  );
  // A check that knows its signature says it.
  assert.equal(
    signatureOf({ check: 'c', message: 'anything 1', signature: 'the signature' }),
    'the signature',
  );
});

test('findings: the same check and signature is one finding, largest first, every failure in one', () => {
  const failed = (
    failureId: string,
    operationId: 'createLink' | 'deleteLink',
    status: number,
    message: string,
  ) => ({
    failureId,
    operationId,
    status,
    failure: { check: 'statusAsIntended', message },
  });
  const { findings, ofFailure } = groupFindings([
    failed('a', 'createLink', 500, 'received HTTP 500 / expected 400 for this request'),
    failed('b', 'createLink', 401, 'received HTTP 401 / expected 201 for this request'),
    failed('c', 'deleteLink', 401, 'received HTTP 401 / expected 201 for this request'),
  ]);
  assert.deepEqual(
    findings.map((f) => [f.id, f.count, f.operations, f.statuses, f.failures]),
    [
      ['F1', 2, ['createLink', 'deleteLink'], [401], ['b', 'c']],
      ['F2', 1, ['createLink'], [500], ['a']],
    ],
  );
  assert.deepEqual(ofFailure.get('c'), ['F1']);
  assert.equal(
    findingLine(findings[0]!),
    'statusAsIntended: received HTTP 401 / documented for this request: 201 (2×: 2 operations; HTTP 401)',
  );
});

test('fields missing together from the same answers are one finding; both status checks are one', () => {
  const missing = (failureId: string, field: string) => ({
    failureId,
    operationId: 'deleteLink' as const,
    status: 404,
    failure: {
      check: 'responseSchemaConformance',
      message: `m ${field}`,
      signature: `${field}: missing / documented: required`,
    },
  });
  const status = (failureId: string, check: string, message: string) => ({
    failureId,
    operationId: 'createLink' as const,
    status: 401,
    failure: { check, message },
  });
  const { findings } = groupFindings([
    missing('a', 'error'),
    missing('a', 'errorMessage'),
    missing('b', 'error'),
    missing('b', 'errorMessage'),
    // Another field missing from another answer: a difference of its own.
    missing('c', 'data/id'),
    status('d', 'statusAsIntended', 'received HTTP 401 / expected 201 for this request'),
    status(
      'e',
      'statusAsDocumented',
      'received HTTP 401 / documented for this request: 201 (D-AUTH); body: {}',
    ),
  ]);
  assert.deepEqual(
    findings.map((f) => [f.title, f.count, f.check]),
    [
      ['`error`, `errorMessage`: missing / documented: required', 2, 'responseSchemaConformance'],
      [
        'statusAsIntended, statusAsDocumented: received HTTP 401 / documented for this request: 201',
        2,
        'statusAsIntended, statusAsDocumented',
      ],
      ['`data.id`: missing / documented: required', 1, 'responseSchemaConformance'],
    ],
  );
  // Missing from different answers: two differences, each its own finding.
  const apart = groupFindings([missing('a', 'error'), missing('a', 'errorMessage'), missing('b', 'error')]);
  assert.deepEqual(
    apart.findings.map((f) => f.title),
    ['`error`: missing / documented: required', '`errorMessage`: missing / documented: required'],
  );
});
