import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCoverage } from './coverage.ts';
import { coverageMarkdown } from './coverageMarkdown.ts';
import type { Observation } from './observations.ts';

const ok = (
  status: number,
  expectedStatus: number | undefined = status,
): Extract<Observation, { kind: 'response' }> => ({
  kind: 'response',
  operationId: 'deleteLink',
  status,
  expectedStatus,
  test: `${expectedStatus} t`,
  failures: [],
  drift: [],
});
const cellOf = (coverage: ReturnType<typeof computeCoverage>, status: number) =>
  coverage.cells.find((c) => c.status === status)!;

test('every documented status of the selected operations is a cell; unexercised ones fail the gate', () => {
  const coverage = computeCoverage(['deleteLink'], [ok(200), ok(404)]);
  assert.deepEqual(
    coverage.cells.map((c) => c.status),
    [200, 201, 400, 401, 403, 404, 429, 500],
  );
  assert.equal(cellOf(coverage, 200).state, 'valid');
  assert.equal(coverage.gate.ok, false);
  assert.deepEqual(coverage.gate.missing, [
    'deleteLink 201',
    'deleteLink 400',
    'deleteLink 401',
    'deleteLink 403',
    'deleteLink 429',
    'deleteLink 500',
  ]);
});

test('a status the target cannot provoke passes the gate with its reason; a failure anywhere fails it', () => {
  const observations: Observation[] = [200, 201, 400, 401, 404].map((s) => ok(s));
  for (const status of [403, 429, 500]) {
    observations.push({
      kind: 'notProvokable',
      operationId: 'deleteLink',
      status,
      test: `${status} x`,
      reason: 'no control API',
    });
  }
  const passing = computeCoverage(['deleteLink'], observations);
  assert.deepEqual(passing.gate, { ok: true, missing: [], failed: [], notChecked: [] });
  assert.deepEqual(cellOf(passing, 500).reasons, ['no control API']);
  assert.match(coverageMarkdown(passing, 'x'), /500 on deleteLink: no control API/);

  const failing = computeCoverage(
    ['deleteLink'],
    [
      ...observations,
      {
        ...ok(200, 400),
        failures: [{ check: 'statusAsIntended', message: 'received HTTP 200 / expected 400' }],
      },
    ],
  );
  assert.equal(cellOf(failing, 400).state, 'failed', 'a failure is charged to the status the test provoked');
  assert.deepEqual(failing.gate.failed, ['deleteLink 400']);
  assert.match(cellOf(failing, 400).problems[0]!, /statusAsIntended: received HTTP 200/);
});

test('a failed test marks its status failed even when every response conformed', () => {
  const coverage = computeCoverage(
    ['deleteLink'],
    [
      { ...ok(200), test: '200 gone' },
      {
        kind: 'testFailed',
        operationId: 'deleteLink',
        status: 200,
        test: '200 gone',
        message: 'still listed',
      },
    ],
  );
  assert.equal(cellOf(coverage, 200).state, 'failed');
  assert.deepEqual(cellOf(coverage, 200).problems, ['200 gone: still listed']);
});

test('a test that failed before calling its operation leaves the cell not checked, never failed', () => {
  // deleteLink's test made the link it deletes first; createLink's answer failed its checks.
  const prerequisite: Observation = {
    kind: 'response',
    operationId: 'createLink',
    status: 200,
    expectedStatus: 200,
    suite: 'deleteLink',
    test: '200 deletes',
    failures: [
      { check: 'responseSchemaConformance', message: 'createLink 200 schema: data/id: received nothing' },
    ],
    drift: ['data.linktopay_id'],
  };
  const failedTest: Observation = {
    kind: 'testFailed',
    operationId: 'deleteLink',
    status: 200,
    test: '200 deletes',
    message: 'createLink answered HTTP 200, not as documented:',
  };
  const coverage = computeCoverage(['deleteLink', 'createLink'], [prerequisite, failedTest]);
  const deleted = coverage.cells.find((c) => c.operationId === 'deleteLink' && c.status === 200)!;
  const created = coverage.cells.find((c) => c.operationId === 'createLink' && c.status === 200)!;
  assert.equal(deleted.state, 'notChecked');
  assert.equal(deleted.failed, 0);
  assert.deepEqual(deleted.notChecked, [
    '200 deletes: prerequisite failed (createLink not answered as documented)',
  ]);
  assert.equal(created.state, 'failed', 'the failure is the prerequisite operation’s');
  assert.ok(coverage.gate.notChecked.includes('deleteLink 200'));
  assert.ok(!coverage.gate.failed.includes('deleteLink 200'));
  assert.equal(coverage.gate.ok, false, 'an unchecked status is not a checked one');
  assert.match(coverageMarkdown(coverage, 'x'), /\| deleteLink \| NOT CHECKED \|/);

  // Once the test does call deleteLink, a failure is deleteLink's again.
  const called: Observation = {
    ...(prerequisite as Extract<Observation, { kind: 'response' }>),
    operationId: 'deleteLink',
    failures: [],
  };
  const again = computeCoverage(['deleteLink'], [called, failedTest]);
  assert.equal(again.cells.find((c) => c.status === 200)!.state, 'failed');
});

test('coverage.md lists every failure of a cell up to its bound, then says how many it left out', () => {
  const failures = Array.from({ length: 25 }, (_, n) => ({
    ...ok(400),
    test: `400 bad ${n}`,
    failures: [{ check: 'responseSchemaConformance', message: `failure ${n}` }],
  }));
  const coverage = computeCoverage(['deleteLink'], failures);
  const cell = cellOf(coverage, 400);
  assert.equal(cell.problems.length, 20);
  assert.equal(cell.problemsLeftOut, 5);
  assert.match(coverageMarkdown(coverage, 'x'), /deleteLink 400: … and 5 more failures, not listed here/);
});

test('undocumented statuses received are listed apart', () => {
  const coverage = computeCoverage(['deleteLink'], [ok(418, undefined)]);
  assert.deepEqual(coverage.undocumented, [{ operationId: 'deleteLink', status: 418, count: 1 }]);
});
