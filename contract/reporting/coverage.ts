/**
 * The coverage gate: operation × documented status. A cell is `valid` when some response provoked
 * on purpose was seen and conformed, `failed` when any provoked response (or test) for it failed,
 * `notChecked` when its tests failed before they called the operation (a prerequisite, such as
 * the link a deleteLink test creates first, was not answered as documented: that failure belongs
 * to the prerequisite's own cell), `notProvokable` when the target cannot produce it (with the
 * reasons the skipped tests gave), and `missing` when nothing exercised it. A missing or unchecked
 * cell fails the run: a documented status that was never seen is a status nobody checked. When the
 * webhooks suite runs, its notification checks are one more row, gated alike (notificationCoverage.ts).
 */
import { type OperationId, operations } from '../../core/spec.ts';
import { isOperationId, type SuiteId, webhooksSuite } from '../suites/suiteIds.ts';
import {
  addProblem,
  type CellTally,
  callsByTest,
  emptyTally,
  prerequisiteFailure,
  settledState,
  testKey,
} from './coverageCell.ts';
import { computeFieldCoverage, type FieldCoverageRow, fieldGateProblems } from './fieldCoverage.ts';
import {
  type NotificationCoverageCell,
  notificationCellName,
  notificationCoverage,
} from './notificationCoverage.ts';
import type { Observation } from './observations.ts';

export type { CellState } from './coverageCell.ts';

export interface CoverageCell extends CellTally {
  operationId: OperationId;
  status: number;
}

export interface Coverage {
  cells: CoverageCell[];
  /** The `webhooks` row: one cell per notification check; empty when the webhooks suite did not run. */
  notifications: NotificationCoverageCell[];
  /** Statuses received that the operation does not document (each also failed a check). */
  undocumented: { operationId: OperationId; status: number; count: number }[];
  /** Request fields exercised by the generated phase; empty when it did not run. */
  fields: FieldCoverageRow[];
  /** Generated examples the --max-requests cap left unsent. */
  capLeftOut: number;
  gate: { ok: boolean; missing: string[]; failed: string[]; notChecked: string[] };
}

/**
 * `requireEveryStatus: false` (the generated phase run alone) still fails on a failed cell but not
 * on a missing one: provoking every status is the hand-written suites' job.
 */
export function computeCoverage(
  selected: readonly SuiteId[],
  observations: Observation[],
  options: { requireEveryStatus: boolean; generatedPhase?: boolean } = { requireEveryStatus: true },
): Coverage {
  const cells = new Map<string, CoverageCell>();
  const operationIds = selected.filter(isOperationId);
  for (const operationId of operationIds) {
    for (const status of operations[operationId].statuses) {
      cells.set(`${operationId} ${status}`, { operationId, status, ...emptyTally() });
    }
  }
  const undocumented = new Map<string, { operationId: OperationId; status: number; count: number }>();
  const calls = callsByTest(observations);
  for (const o of observations) {
    if (o.kind !== 'response' && o.kind !== 'notProvokable' && o.kind !== 'testFailed') continue;
    const status = o.kind === 'response' ? (o.expectedStatus ?? o.status) : o.status;
    const cell = cells.get(`${o.operationId} ${status}`);
    if (o.kind === 'response' && !operations[o.operationId].statuses.includes(o.status)) {
      const key = `${o.operationId} ${o.status}`;
      const entry = undocumented.get(key) ?? { operationId: o.operationId, status: o.status, count: 0 };
      entry.count += 1;
      undocumented.set(key, entry);
    }
    if (!cell) continue;
    if (o.kind === 'notProvokable') {
      if (!cell.reasons.includes(o.reason)) cell.reasons.push(o.reason);
    } else if (o.kind === 'testFailed') {
      const prerequisite = prerequisiteFailure(o, calls);
      if (prerequisite) cell.notChecked.push(`${o.test}: ${prerequisite}`);
      else {
        cell.failed += 1;
        // A test that failed on its own operation's answer: that answer's line says why already.
        const own = calls.get(testKey(o.operationId, o.test)) ?? [];
        if (!own.some((c) => c.operationId === o.operationId && c.failed))
          addProblem(cell, `${o.test}: ${o.message.split('\n')[0]}`);
      }
    } else if (o.failures.length > 0) {
      cell.failed += 1;
      const first = o.failures[0]!;
      addProblem(cell, `${o.test ?? '(setup)'}: ${first.check}: ${first.message}`);
    } else {
      cell.valid += 1;
    }
  }
  for (const cell of cells.values()) cell.state = settledState(cell);
  const list = [...cells.values()];
  const notifications = selected.includes(webhooksSuite) ? notificationCoverage(observations, calls) : [];
  // The gate names an operation's cell `createLink 400`, a notification check's `webhooks paid`.
  const named = [
    ...list.map((c) => ({ state: c.state, name: `${c.operationId} ${c.status}` })),
    ...notifications.map((c) => ({ state: c.state, name: notificationCellName(c.cell) })),
  ];
  const inState = (state: CellTally['state']) => named.filter((c) => c.state === state).map((c) => c.name);
  const fields = options.generatedPhase ? computeFieldCoverage(operationIds, observations) : [];
  const missing = [...(options.requireEveryStatus ? inState('missing') : []), ...fieldGateProblems(fields)];
  const failed = inState('failed');
  const notChecked = inState('notChecked');
  return {
    cells: list,
    notifications,
    undocumented: [...undocumented.values()],
    fields,
    capLeftOut: observations.reduce((sum, o) => sum + (o.kind === 'capReached' ? o.leftOut : 0), 0),
    gate: {
      ok: missing.length === 0 && failed.length === 0 && notChecked.length === 0,
      missing,
      failed,
      notChecked,
    },
  };
}
