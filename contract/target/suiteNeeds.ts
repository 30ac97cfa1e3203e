/**
 * What the hand-written tests of a suite need from the target, read from the suite's source.
 * A suite file registers its tests with node:test as it is imported, so the runner cannot import it
 * to ask; but every test states its needs as a literal list (`{ needs: ['writes', 'secondAccount'] }`,
 * harness/contractSuite.ts), which the source shows as written. The families every suite shares
 * (status matrix, bad inputs) are read too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suiteFile } from '../runner/suiteFiles.ts';
import { isOperationId, type SuiteId } from '../suites/suiteIds.ts';

const familiesDir = fileURLToPath(new URL('../harness/families/', import.meta.url));

/** Every `needs: [...]` list in a source text, as the quoted names it holds (spreads are left out). */
export function declaredNeeds(source: string): string[][] {
  return [...source.matchAll(/\bneeds:\s*\[([^\]]*)\]/g)].map((list) =>
    [...list[1]!.matchAll(/['"](\w+)['"]/g)].map((name) => name[1]!),
  );
}

/** The need lists of a suite and, for an operation's, of the families it shares with the others. */
export function suiteNeeds(suite: SuiteId): string[][] {
  if (!isOperationId(suite)) return declaredNeeds(readFileSync(suiteFile(suite), 'utf8'));
  const families = readdirSync(familiesDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => readFileSync(`${familiesDir}${name}`, 'utf8'));
  return [readFileSync(suiteFile(suite), 'utf8'), ...families].flatMap(declaredNeeds);
}
