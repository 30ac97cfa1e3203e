/**
 * Runs every `*.test.ts` of the project with node's test runner: one process per file, as many at
 * a time as the machine runs in parallel (at least two: most files wait on servers and children
 * more than they compute). Contract suites (`contract/suites/`) are not unit tests: they need
 * a target and run through `npm run contract` (and the contract self-test runs that).
 * Usage: tsx scripts/run-tests.ts [path-fragment ...]  (only files whose path contains a fragment)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const skipDirs = new Set(['node_modules', 'generated', 'reports', '.git']);

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name)) found.push(...findTests(path));
    } else if (entry.name.endsWith('.test.ts') && !entry.name.endsWith('.contract.test.ts')) {
      found.push(relative(root, path));
    }
  }
  return found.sort();
}

const filters = process.argv.slice(2);
const files = findTests(root).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ')}`);
  process.exit(1);
}
const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
