/**
 * The coverage gate: operation × documented status. A cell is `valid` when some response provoked
 * on purpose was seen and conformed, `failed` when any provoked response (or test) for it failed,
 * `notProvokable` when the target cannot produce it (with the reasons the skipped tests gave), and
 * `missing` when nothing exercised it: then the run fails, because a documented status that was
 * never seen is a status nobody checked.
 */
import { type OperationId, operations } from '../../core/spec.ts';
import { computeFieldCoverage, type FieldCoverageRow, fieldGateProblems } from './fieldCoverage.ts';
import type { Observation } from './observations.ts';

export type CellState = 'valid' | 'failed' | 'notProvokable' | 'missing';

export interface CoverageCell {
  operationId: OperationId;
  status: number;
  state: CellState;
  valid: number;
  failed: number;
  reasons: string[];
  /** Up to five "test: message" lines of what failed. */
  problems: string[];
}

export interface Coverage {
  cells: CoverageCell[];
  /** Statuses received that the operation does not document (each also failed a check). */
  undocumented: { operationId: OperationId; status: number; count: number }[];
  /** Request fields exercised by the generated phase; empty when it did not run. */
  fields: FieldCoverageRow[];
  /** Generated examples the --max-requests cap left unsent. */
  capLeftOut: number;
  gate: { ok: boolean; missing: string[]; failed: string[] };
}

const maxProblems = 5;

/**
 * `requireEveryStatus: false` (the generated phase run alone) still fails on a failed cell but not
 * on a missing one: provoking every status is the hand-written suites' job.
 */
export function computeCoverage(
  selected: readonly OperationId[],
  observations: Observation[],
  options: { requireEveryStatus: boolean; generatedPhase?: boolean } = { requireEveryStatus: true },
): Coverage {
  const cells = new Map<string, CoverageCell>();
  for (const operationId of selected) {
    for (const status of operations[operationId].statuses) {
      cells.set(`${operationId} ${status}`, {
        operationId,
        status,
        state: 'missing',
        valid: 0,
        failed: 0,
        reasons: [],
        problems: [],
      });
    }
  }
  const undocumented = new Map<string, { operationId: OperationId; status: number; count: number }>();
  for (const o of observations) {
    if (o.kind === 'fieldNotProvokable' || o.kind === 'capReached' || o.kind === 'cutOff') continue;
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
      cell.failed += 1;
      if (cell.problems.length < maxProblems) cell.problems.push(`${o.test}: ${o.message.split('\n')[0]}`);
    } else if (o.failures.length > 0) {
      cell.failed += 1;
      const first = o.failures[0]!;
      if (cell.problems.length < maxProblems)
        cell.problems.push(`${o.test ?? '(setup)'}: ${first.check}: ${first.message}`);
    } else {
      cell.valid += 1;
    }
  }
  for (const cell of cells.values()) {
    cell.state =
      cell.failed > 0
        ? 'failed'
        : cell.valid > 0
          ? 'valid'
          : cell.reasons.length > 0
            ? 'notProvokable'
            : 'missing';
  }
  const list = [...cells.values()];
  const name = (c: CoverageCell) => `${c.operationId} ${c.status}`;
  const fields = options.generatedPhase ? computeFieldCoverage(selected, observations) : [];
  const missing = [
    ...(options.requireEveryStatus ? list.filter((c) => c.state === 'missing').map(name) : []),
    ...fieldGateProblems(fields),
  ];
  const failed = list.filter((c) => c.state === 'failed').map(name);
  return {
    cells: list,
    undocumented: [...undocumented.values()],
    fields,
    capLeftOut: observations.reduce((sum, o) => sum + (o.kind === 'capReached' ? o.leftOut : 0), 0),
    gate: { ok: missing.length === 0 && failed.length === 0, missing, failed },
  };
}
