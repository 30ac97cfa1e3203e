/**
 * The coverage gate: operation × documented status. A cell is `valid` when some response provoked
 * on purpose was seen and conformed, `failed` when any provoked response (or test) for it failed,
 * `notChecked` when its tests failed before they called the operation (a prerequisite, such as
 * the link a deleteLink test creates first, was not answered as documented: that failure belongs
 * to the prerequisite's own cell), `notProvokable` when the target cannot produce it (with the
 * reasons the skipped tests gave), and `missing` when nothing exercised it. A missing or unchecked
 * cell fails the run: a documented status that was never seen is a status nobody checked.
 */
import { type OperationId, operations } from '../../core/spec.ts';
import { computeFieldCoverage, type FieldCoverageRow, fieldGateProblems } from './fieldCoverage.ts';
import type { Observation } from './observations.ts';

export type CellState = 'valid' | 'failed' | 'notChecked' | 'notProvokable' | 'missing';

export interface CoverageCell {
  operationId: OperationId;
  status: number;
  state: CellState;
  valid: number;
  failed: number;
  reasons: string[];
  /** The first `maxProblems` "test: message" lines of what failed; `problemsLeftOut` counts the rest. */
  problems: string[];
  problemsLeftOut: number;
  /** "test: prerequisite failed (createLink)" for each test that failed before calling the operation. */
  notChecked: string[];
}

export interface Coverage {
  cells: CoverageCell[];
  /** Statuses received that the operation does not document (each also failed a check). */
  undocumented: { operationId: OperationId; status: number; count: number }[];
  /** Request fields exercised by the generated phase; empty when it did not run. */
  fields: FieldCoverageRow[];
  /** Generated examples the --max-requests cap left unsent. */
  capLeftOut: number;
  gate: { ok: boolean; missing: string[]; failed: string[]; notChecked: string[] };
}

/** Lines of what failed kept per cell; the reports say how many more there were. */
export const maxProblems = 20;

/** One call a test made: which operation, and whether its answer failed (or never came). */
export interface Call {
  operationId: OperationId;
  failed: boolean;
}

export const testKey = (suite: string, test: string) => `${suite}\u0000${test}`;

/**
 * The operations each test called, by suite and title (testKey): a failed test that never called
 * its own operation was not checking it. A request that got no answer was a call all the same.
 */
export function callsByTest(observations: readonly Observation[]): Map<string, Call[]> {
  const calls = new Map<string, Call[]>();
  for (const o of observations) {
    if ((o.kind !== 'response' && o.kind !== 'noAnswer') || o.test === undefined) continue;
    const key = testKey(o.suite ?? o.operationId, o.test);
    const failed = o.kind === 'noAnswer' || o.failures.length > 0;
    calls.set(key, [...(calls.get(key) ?? []), { operationId: o.operationId, failed }]);
  }
  return calls;
}

/** Why a failed test did not check its own operation, or undefined when it called it. */
export function prerequisiteFailure(
  failed: { operationId: OperationId; test: string },
  calls: Map<string, Call[]>,
): string | undefined {
  const made = calls.get(testKey(failed.operationId, failed.test)) ?? [];
  if (made.some((c) => c.operationId === failed.operationId)) return undefined;
  const broken = [...new Set(made.filter((c) => c.failed).map((c) => c.operationId))];
  return broken.length > 0
    ? `prerequisite failed (${broken.join(', ')} not answered as documented)`
    : 'prerequisite failed before the operation was called';
}

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
        problemsLeftOut: 0,
        notChecked: [],
      });
    }
  }
  const undocumented = new Map<string, { operationId: OperationId; status: number; count: number }>();
  const calls = callsByTest(observations);
  const problem = (cell: CoverageCell, line: string) => {
    if (cell.problems.length < maxProblems) cell.problems.push(line);
    else cell.problemsLeftOut += 1;
  };
  for (const o of observations) {
    if (
      o.kind === 'fieldNotProvokable' ||
      o.kind === 'capReached' ||
      o.kind === 'cutOff' ||
      o.kind === 'noAnswer'
    )
      continue;
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
          problem(cell, `${o.test}: ${o.message.split('\n')[0]}`);
      }
    } else if (o.failures.length > 0) {
      cell.failed += 1;
      const first = o.failures[0]!;
      problem(cell, `${o.test ?? '(setup)'}: ${first.check}: ${first.message}`);
    } else {
      cell.valid += 1;
    }
  }
  for (const cell of cells.values()) {
    cell.state =
      cell.failed > 0
        ? 'failed'
        : cell.notChecked.length > 0
          ? 'notChecked'
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
  const notChecked = list.filter((c) => c.state === 'notChecked').map(name);
  return {
    cells: list,
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
