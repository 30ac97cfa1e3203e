/**
 * The suite files of a run: one per suite, `contract/suites/<suite>.contract.test.ts` (an
 * operation's, or webhooks), and the generated phase, which covers the run's operations itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SuiteId } from '../suites/suiteIds.ts';

export function suiteFile(suite: SuiteId): string {
  return fileURLToPath(new URL(`../suites/${suite}.contract.test.ts`, import.meta.url));
}

export function suiteFiles(suites: readonly SuiteId[]): string[] {
  return suites.map((id) => {
    const file = suiteFile(id);
    if (!existsSync(file)) throw new Error(`no contract suite for ${id}: expected ${file}`);
    return file;
  });
}

export const generatedPhaseFile = fileURLToPath(
  new URL('../generator/generatedPhase.contract.test.ts', import.meta.url),
);
