/**
 * What every cell of the coverage matrix is made of, an operation's status (coverage.ts) or a
 * notification check of the `webhooks` row (notificationCoverage.ts): its tally and state, and the
 * calls each test made, which tell a test that failed on what it checks from one whose prerequisite
 * failed first.
 */
import type { SuiteId } from '../suites/suiteIds.ts';
import { webhooksSuite } from '../suites/suiteIds.ts';
import type { Observation } from './observations.ts';

export type CellState = 'valid' | 'failed' | 'notChecked' | 'notProvokable' | 'missing';

export interface CellTally {
  state: CellState;
  valid: number;
  failed: number;
  reasons: string[];
  /** The first `maxProblems` "test: message" lines of what failed; `problemsLeftOut` counts the rest. */
  problems: string[];
  problemsLeftOut: number;
  /** "test: prerequisite failed (createLink)" for each test that failed before calling what it checks. */
  notChecked: string[];
}

/** Lines of what failed kept per cell; the reports say how many more there were. */
const maxProblems = 20;

export function emptyTally(): CellTally {
  return {
    state: 'missing',
    valid: 0,
    failed: 0,
    reasons: [],
    problems: [],
    problemsLeftOut: 0,
    notChecked: [],
  };
}

export function addProblem(cell: CellTally, line: string): void {
  if (cell.problems.length < maxProblems) cell.problems.push(line);
  else cell.problemsLeftOut += 1;
}

/** A cell's state once every observation is counted: a failure outweighs everything else. */
export function settledState(cell: CellTally): CellState {
  if (cell.failed > 0) return 'failed';
  if (cell.notChecked.length > 0) return 'notChecked';
  if (cell.valid > 0) return 'valid';
  return cell.reasons.length > 0 ? 'notProvokable' : 'missing';
}

/**
 * One call a test made: which operation, and whether its answer failed (or never came); a
 * notification the webhooks suite judged is a call of `webhooks`.
 */
export interface Call {
  operationId: SuiteId;
  failed: boolean;
}

export const testKey = (suite: string, test: string) => `${suite}\u0000${test}`;

/**
 * The calls each test made, by suite and title (testKey): a failed test that never called its own
 * operation (never judged a notification) was not checking it. A request that got no answer was a
 * call all the same.
 */
export function callsByTest(observations: readonly Observation[]): Map<string, Call[]> {
  const calls = new Map<string, Call[]>();
  const add = (key: string, call: Call) => calls.set(key, [...(calls.get(key) ?? []), call]);
  for (const o of observations) {
    if (o.kind === 'notification')
      add(testKey(webhooksSuite, o.test), { operationId: webhooksSuite, failed: o.failures.length > 0 });
    if ((o.kind !== 'response' && o.kind !== 'noAnswer') || o.test === undefined) continue;
    const failed = o.kind === 'noAnswer' || o.failures.length > 0;
    add(testKey(o.suite ?? o.operationId, o.test), { operationId: o.operationId, failed });
  }
  return calls;
}

/** Why a failed test did not check its own operation (or notifications), or undefined when it did. */
export function prerequisiteFailure(
  failed: { operationId: SuiteId; test: string },
  calls: Map<string, Call[]>,
): string | undefined {
  const made = calls.get(testKey(failed.operationId, failed.test)) ?? [];
  if (made.some((c) => c.operationId === failed.operationId)) return undefined;
  const broken = [...new Set(made.filter((c) => c.failed).map((c) => c.operationId))];
  return broken.length > 0
    ? `prerequisite failed (${broken.join(', ')} not answered as documented)`
    : `prerequisite failed before ${failed.operationId === webhooksSuite ? 'any notification was judged' : 'the operation was called'}`;
}
