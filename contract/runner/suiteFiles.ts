/**
 * The suite files of a run: one per operation, `contract/suites/<operationId>.contract.test.ts`, and
 * the generated phase, which covers the run's operations itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OperationId } from '../../core/spec.ts';

export function suiteFile(operationId: OperationId): string {
  return fileURLToPath(new URL(`../suites/${operationId}.contract.test.ts`, import.meta.url));
}

export function suiteFiles(operationIds: readonly OperationId[]): string[] {
  return operationIds.map((id) => {
    const file = suiteFile(id);
    if (!existsSync(file)) throw new Error(`no contract suite for ${id}: expected ${file}`);
    return file;
  });
}

export const generatedPhaseFile = fileURLToPath(
  new URL('../generator/generatedPhase.contract.test.ts', import.meta.url),
);
