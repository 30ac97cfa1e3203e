import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notificationCells } from '../webhooks/notificationCells.ts';
import { computeCoverage } from './coverage.ts';
import { coverageMarkdown } from './coverageMarkdown.ts';
import type { Observation } from './observations.ts';

type NotificationObservation = Extract<Observation, { kind: 'notification' }>;

const judged = (
  cell: NotificationObservation['cell'],
  failures: NotificationObservation['failures'] = [],
): NotificationObservation => ({
  kind: 'notification',
  cell,
  test: `${cell}: t`,
  exchangeId: 'x1.1',
  failures,
});

const everyCellValid = (): Observation[] => notificationCells.map((cell) => judged(cell));

const rowOf = (coverage: ReturnType<typeof computeCoverage>) =>
  Object.fromEntries(coverage.notifications.map((c) => [c.cell, c]));

test('with the webhooks suite the matrix has a webhooks row, one cell per check; none is a missing one', () => {
  const coverage = computeCoverage(['webhooks'], [judged('paid'), judged('paid')]);
  assert.deepEqual(
    coverage.notifications.map((c) => c.cell),
    [...notificationCells],
  );
  assert.equal(coverage.cells.length, 0, 'no operation was selected');
  assert.equal(rowOf(coverage).paid?.state, 'valid');
  assert.equal(rowOf(coverage).paid?.valid, 2);
  assert.equal(coverage.gate.ok, false);
  assert.deepEqual(coverage.gate.missing, [
    'webhooks cancelled',
    'webhooks encrypted',
    'webhooks two endpoints',
    'webhooks exactly once',
    'webhooks none on delete',
    'webhooks none unpaid',
  ]);
  assert.deepEqual(computeCoverage(['deleteLink'], []).notifications, [], 'no row without the suite');
});

test('every check judged and held passes the gate, and coverage.md shows the row under its checks', () => {
  const coverage = computeCoverage(['webhooks'], everyCellValid());
  assert.deepEqual(coverage.gate, { ok: true, missing: [], failed: [], notChecked: [] });
  const markdown = coverageMarkdown(coverage, 'x');
  assert.match(
    markdown,
    /\| notifications \| paid \| cancelled \| encrypted \| two endpoints \| exactly once \| none on delete \| none unpaid \|/,
  );
  assert.match(markdown, /\| webhooks \| ✔ 1 \| ✔ 1 \| ✔ 1 \| ✔ 1 \| ✔ 1 \| ✔ 1 \| ✔ 1 \|/);
});

test('a target that cannot deliver to the receiver: every check not provokable, with the reason', () => {
  const reason = 'needs to pay and cancel links; the target offers no sandbox control API (/sandbox/*)';
  const coverage = computeCoverage(
    ['webhooks'],
    notificationCells.map((cell) => ({
      kind: 'notificationNotProvokable',
      cell,
      test: `${cell}: t`,
      reason,
    })),
  );
  assert.ok(coverage.notifications.every((c) => c.state === 'notProvokable'));
  assert.deepEqual(rowOf(coverage).paid?.reasons, [reason]);
  assert.equal(coverage.gate.ok, true, 'not provokable does not fail the gate');
  assert.match(
    coverageMarkdown(coverage, 'x'),
    /- every notification check of webhooks: needs to pay and cancel links/,
  );
});

test('a notification not as expected fails its cell and the gate, naming the check', () => {
  const wrongAmount = judged('paid', [
    {
      check: 'notificationAmount',
      message: "data.amount: received 25.12 / expected 25.50 (the link's whole amount)",
    },
  ]);
  const coverage = computeCoverage(['webhooks'], [...everyCellValid(), wrongAmount]);
  const paid = rowOf(coverage).paid!;
  assert.equal(paid.state, 'failed', 'one failure outweighs the valid ones');
  assert.deepEqual(paid.problems, [
    "paid: t: notificationAmount: data.amount: received 25.12 / expected 25.50 (the link's whole amount)",
  ]);
  assert.deepEqual(coverage.gate.failed, ['webhooks paid']);
  assert.match(coverageMarkdown(coverage, 'x'), /- webhooks paid: paid: t: notificationAmount/);
});

test('a test that failed after judging is its cell’s failure; one that failed before is not checked', () => {
  const duplicate = judged('exactlyOnce', [
    { check: 'notificationCount', message: 'received notification #2' },
  ]);
  const failedAfter: Observation = {
    kind: 'notificationTestFailed',
    cell: 'exactlyOnce',
    test: 'exactlyOnce: t',
    message: 'notificationCount: received notification #2',
  };
  // The encrypted test's link was never made: createLink's answer failed, no notification was judged.
  const createLinkFailed: Observation = {
    kind: 'response',
    operationId: 'createLink',
    status: 400,
    expectedStatus: 200,
    suite: 'webhooks',
    test: 'encrypted: t',
    failures: [{ check: 'statusAsIntended', message: 'received HTTP 400 / expected 200' }],
    drift: [],
  };
  const failedBefore: Observation = {
    kind: 'notificationTestFailed',
    cell: 'encrypted',
    test: 'encrypted: t',
    message: 'createLink answered HTTP 400, not as documented',
  };
  const observations = [
    ...everyCellValid().filter((o) => o.kind === 'notification' && o.cell !== 'encrypted'),
    duplicate,
    failedAfter,
    createLinkFailed,
    failedBefore,
  ];
  const coverage = computeCoverage(['webhooks', 'createLink'], observations);
  const row = rowOf(coverage);
  assert.equal(row.exactlyOnce?.state, 'failed');
  assert.equal(row.exactlyOnce?.problems.length, 1, 'the notification’s line says it; the test adds none');
  assert.equal(row.encrypted?.state, 'notChecked');
  assert.equal(row.encrypted?.failed, 0);
  assert.deepEqual(row.encrypted?.notChecked, [
    'encrypted: t: prerequisite failed (createLink not answered as documented)',
  ]);
  assert.equal(coverage.cells.find((c) => c.status === 200)?.state, 'failed', 'the failure is createLink’s');
  assert.deepEqual(coverage.gate.notChecked, ['webhooks encrypted']);
  assert.match(coverageMarkdown(coverage, 'x'), /\| webhooks \| ✔ 1 \| ✔ 1 \| NOT CHECKED \|/);
});
