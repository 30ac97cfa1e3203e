/**
 * Runs the contract suite in this process against embedded sandboxes: `correct` (the whole suite
 * and the generated phase, with a fixed seed) and/or broken modes, one after another, printing one
 * JSON line per run. A mode runs its listed suites; a mode the generated phase must catch runs the
 * phase alone, and `MODE:suites` runs its suites alone (which must miss it).
 * A separate process because node's test runner refuses to start a run from inside a test file.
 * Usage: tsx contract/selftest/runModes.ts REPORTS_DIR correct|MODE|MODE:suites ...
 */
import { join } from 'node:path';
import { brokenModes } from '../../sandbox/broken/modes.ts';
import { runContract } from '../runner/runContract.ts';

export interface ModeOutcome {
  mode: string;
  ok: boolean;
  ran: number;
  failed: { test: string; message: string }[];
  drift: string[];
  gate: { ok: boolean; missing: string[]; failed: string[] };
  durationMs: number;
}

const [reportsRoot = '', ...modes] = process.argv.slice(2);
if (!reportsRoot || modes.length === 0) {
  console.error('usage: runModes.ts REPORTS_DIR correct|MODE ...');
  // An entry script still leaves the exit to Node: nothing below runs on an empty list.
  process.exitCode = 2;
}
/** A fixed seed, so the self-test judges the same examples on every run. */
const seed = 20261201;

for (const mode of modes) {
  const [name, suitesOnly] = mode.endsWith(':suites')
    ? [mode.slice(0, -':suites'.length), true]
    : [mode, false];
  const fault = brokenModes.find((f) => f.name === name);
  if (name !== 'correct' && !fault) throw new Error(`unknown fault mode ${name}`);
  const phaseOnly = fault?.caughtBy === 'generated' && !suitesOnly;
  const result = await runContract({
    target: { kind: 'embedded', ...(fault ? { brokenMode: fault.name } : {}) },
    ...(fault ? { only: [...fault.suites] } : {}),
    generate: !fault ? { seed } : phaseOnly ? { examples: 5, seed } : { examples: 0 },
    ...(phaseOnly ? { handWritten: false } : {}),
    reportsDir: join(reportsRoot, mode.replace(':', '-')),
    print: () => {},
  });
  const outcome: ModeOutcome = {
    mode,
    ok: result.ok,
    ran: result.results.filter((r) => r.outcome !== 'skipped').length,
    failed: result.failures.map((f) => ({
      test: f.name,
      // Enough of the message to see which checks failed (the test asserts on check names).
      message: (f.message ?? '').split('\n').slice(0, 40).join('\n'),
    })),
    drift: result.drift.map((d) => `${d.operationId} ${d.status} ${d.path}`),
    gate: result.coverage.gate,
    durationMs: result.durationMs,
  };
  console.log(JSON.stringify(outcome));
}
