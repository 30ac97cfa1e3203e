/**
 * Runs the contract suite in this process against embedded sandboxes: `correct` (the whole suite)
 * and/or broken modes (their listed suites), one after another, printing one JSON line per run.
 * A separate process because node's test runner refuses to start a run from inside a test file.
 * Usage: tsx contract/selftest/runModes.ts REPORTS_DIR correct|MODE ...
 */
import { join } from 'node:path';
import { runContract } from '../runner/runContract.ts';
import { faultModes } from './faultModes.ts';

export interface ModeOutcome {
  mode: string;
  ok: boolean;
  ran: number;
  failed: { test: string; message: string }[];
  drift: string[];
  gate: { ok: boolean; missing: string[]; failed: string[] };
  durationMs: number;
}

const [reportsRoot, ...modes] = process.argv.slice(2);
if (!reportsRoot || modes.length === 0) {
  console.error('usage: runModes.ts REPORTS_DIR correct|MODE ...');
  process.exit(2);
}
for (const mode of modes) {
  const fault = faultModes.find((f) => f.name === mode);
  if (mode !== 'correct' && !fault) throw new Error(`unknown fault mode ${mode}`);
  // A mode the hand-written suites name is checked by them alone; one they do not name, by the
  // generated phase alone; the correct sandbox gets both, with a seed of its own.
  const generatedOnly = fault?.caughtBy === 'generated';
  const result = await runContract({
    target: { kind: 'embedded', ...(fault ? { brokenMode: fault.name } : {}) },
    ...(fault ? { only: fault.suites } : {}),
    ...(generatedOnly ? { handWritten: false, generate: { examples: 5 } } : {}),
    ...(fault && !generatedOnly ? { generate: { examples: 0 } } : {}),
    reportsDir: join(reportsRoot, mode),
    print: (text) => {
      if (text.startsWith('generated phase:')) console.error(`${mode}: ${text}`);
    },
  });
  const outcome: ModeOutcome = {
    mode,
    ok: result.ok,
    ran: result.results.filter((r) => r.outcome !== 'skipped').length,
    failed: result.failures.map((f) => ({
      test: f.name,
      message: (f.message ?? '').split('\n').slice(0, 3).join(' '),
    })),
    drift: result.drift.map((d) => `${d.operationId} ${d.status} ${d.path}`),
    gate: result.coverage.gate,
    durationMs: result.durationMs,
  };
  console.log(JSON.stringify(outcome));
}
