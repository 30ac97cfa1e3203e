/**
 * Which parts of a run need a second account (SECPAID_TOKEN_B) when it acts on keys from the
 * environment: the hand-written isolation tests (another account's data never visible or
 * changeable) and the generated examples that send the second account's key or act on its link.
 * Without the key they would be skipped as not provokable, and a run meant to prove that accounts
 * are isolated would pass without having tried; so the run is refused unless `--single-account`
 * says that skipping them is intended. Only what would actually run counts: tests that also need
 * the control API are skipped on such a target anyway, and a read-only run skips what writes.
 */
import type { OperationId } from '../../core/spec.ts';
import {
  authExamples,
  boundaryExamples,
  negativeExamples,
  transportExamples,
} from '../generator/buildExamples.ts';
import type { Example } from '../generator/example.ts';
import { isOperationId, type SuiteId, suiteIds } from '../suites/suiteIds.ts';
import { suiteNeeds } from './suiteNeeds.ts';

export interface RunSelection {
  /** The suites selected: operations (whose generated examples run too), and webhooks. */
  operations: readonly SuiteId[];
  readOnly: boolean;
  /** false for `--generated-only`. */
  handWritten: boolean;
  /** The generated phase: off (`--generate 0`), or on, for the examples whose id starts with `example`. */
  generated: false | { example?: string };
}

/** A whole default run: every operation, the suites and the generated phase. */
export const defaultSelection: RunSelection = {
  operations: suiteIds,
  readOnly: false,
  handWritten: true,
  generated: {},
};

/** The operations the generated phase leaves out of a read-only run (generatedPhase.contract.test.ts). */
const changesState: ReadonlySet<OperationId> = new Set(['createLink', 'createSplitLink', 'deleteLink']);

/** Would a test with these needs run on keys from the environment only if a second key were given? */
function waitsForSecondAccount(needs: string[], readOnly: boolean): boolean {
  return (
    needs.includes('secondAccount') && !needs.includes('control') && !(readOnly && needs.includes('writes'))
  );
}

function usesGround(value: unknown, ground: string): boolean {
  if (Array.isArray(value)) return value.some((item) => usesGround(item, ground));
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.$ground === ground || Object.values(record).some((item) => usesGround(item, ground));
}

/** An example the generated phase sends with the second account's key, or about its link. */
function needsOtherAccount(example: Example): boolean {
  if (example.needsControl) return false;
  return (
    (example.token.kind === 'variant' && example.token.of === 'other') ||
    usesGround(example.body, 'otherAccountsLink')
  );
}

function generatedNeed(operationId: OperationId, prefix: string | undefined): boolean {
  // Random positives act as the caller only, so the deterministic passes are all that can need it.
  return [boundaryExamples, negativeExamples, authExamples, transportExamples].some((pass) =>
    pass(operationId).some(
      (example) => (prefix === undefined || example.id.startsWith(prefix)) && needsOtherAccount(example),
    ),
  );
}

/**
 * What of the run would be skipped without SECPAID_TOKEN_B, in words for the refusal ("the isolation
 * tests of createLink, deleteLink"); empty when nothing would.
 */
export function secondAccountUsers(selection: RunSelection): string[] {
  const users: string[] = [];
  if (selection.handWritten) {
    const suites = selection.operations.filter((id) =>
      suiteNeeds(id).some((needs) => waitsForSecondAccount(needs, selection.readOnly)),
    );
    if (suites.length > 0) users.push(`the isolation tests of ${suites.join(', ')}`);
  }
  const { generated } = selection;
  if (generated) {
    const phase = selection.operations
      .filter(isOperationId)
      .filter((id) => !(selection.readOnly && changesState.has(id)));
    if (phase.some((id) => generatedNeed(id, generated.example)))
      users.push("the generated examples with the second account's key or link");
  }
  return users;
}
