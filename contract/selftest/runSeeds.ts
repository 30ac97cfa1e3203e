/**
 * Runs the generated phase alone against the correct embedded sandbox once per seed given, one after
 * another, printing one JSON line per run: whether it passed, what failed, and where its reports are.
 * A separate process because node's test runner refuses to start a run from inside a test file.
 * Usage: tsx contract/selftest/runSeeds.ts REPORTS_DIR SEED ...
 */
import { join } from 'node:path';
import { runContract } from '../runner/runContract.ts';

export interface SeedOutcome {
  seed: number;
  run: number;
  ok: boolean;
  ran: number;
  failed: { test: string; message: string }[];
  reportsDir: string;
}

const [reportsRoot = '', ...seeds] = process.argv.slice(2);
if (!reportsRoot || seeds.length === 0) {
  console.error('usage: runSeeds.ts REPORTS_DIR SEED ...');
  // An entry script still leaves the exit to Node: nothing below runs on an empty list.
  process.exitCode = 2;
}
for (const [run, text] of seeds.entries()) {
  const seed = Number(text);
  const reportsDir = join(reportsRoot, `${run}-seed-${seed}`);
  const result = await runContract({
    target: { kind: 'embedded' },
    handWritten: false,
    generate: { seed, examples: 10 },
    reportsDir,
    print: () => {},
  });
  const outcome: SeedOutcome = {
    seed,
    run,
    ok: result.ok,
    ran: result.results.filter((r) => r.outcome !== 'skipped').length,
    failed: result.failures.map((f) => ({ test: f.name, message: f.message ?? '' })),
    reportsDir,
  };
  console.log(JSON.stringify(outcome));
}
