/**
 * A k6 run of one script, emulated: init (once for the options, once for the VU of setup/teardown,
 * once per iteration VU), `setup()`, a bounded number of iterations of every scenario (in
 * `startTime` order, round-robin over the VUs, each given setup's data as k6 gives it: a JSON
 * copy), `teardown()`, then `handleSummary()` with k6's summary data, whose files are written as k6
 * writes them (relative to the working directory, into directories that must exist). The thresholds
 * and scenarios are checked at start as k6 checks them. An iteration that throws is counted and
 * the run goes on, as in k6; any other phase that throws ends the run with its error.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isAbort } from './k6Modules.ts';
import { builtinMetrics } from './metrics.ts';
import { planScenarios } from './scenarios.ts';
import type { Phase, RunState, VuState } from './state.ts';
import { record, vuTags } from './state.ts';
import { summaryData } from './summaryData.ts';
import { SyncHttp } from './syncHttp.ts';
import { parseThresholds } from './thresholds.ts';
import { type LoadedVu, startVu } from './vu.ts';

export interface RunSpec {
  /** The entry script (`load/k6/createLinks.ts`). */
  script: string;
  /** `-e NAME=value`: all of `__ENV` (the process environment is not passed, as with `--include-system-env-vars=false`). */
  env: Record<string, string>;
  /** Iterations of each scenario. */
  iterations: number;
  vus: number;
  /** Where handleSummary's relative paths land. */
  cwd: string;
  /**
   * `k6 run archive.tar` of an archive made with other `-e` values: the options are those of an
   * init under `archivedEnv` (k6 keeps them in the archive), every VU's `__ENV` is `env`.
   */
  archivedEnv?: Record<string, string>;
}

export interface RunResult {
  /** The phases that ran to their end, in order; `init` once per VU. */
  phases: Phase[];
  iterations: Record<string, number>;
  iterationErrors: string[];
  /** Why the run stopped early (a phase threw, the options were refused). */
  error?: string;
  aborted?: string;
  checks: { passes: number; fails: number; failed: string[] };
  thresholds: { metric: string; expression: string; ok: boolean }[];
  /** Files handleSummary returned, as written (absolute paths). */
  files: string[];
  stdout: string;
  log: string[];
}

/** An error's stack (which names the module and line), whatever realm it was made in. */
const describe = (error: unknown) =>
  typeof error === 'object' && error !== null && 'stack' in error ? String(error.stack) : String(error);

export async function runScript(spec: RunSpec): Promise<RunResult> {
  const script = resolve(spec.script);
  const run: RunState = {
    env: spec.env,
    options: {},
    metrics: new Map(Object.entries(builtinMetrics)),
    samples: [],
    http: new SyncHttp(),
    log: [],
    started: Date.now(),
    scriptDir: dirname(script),
  };
  const result: RunResult = {
    phases: [],
    iterations: {},
    iterationErrors: [],
    checks: { passes: 0, fails: 0, failed: [] },
    thresholds: [],
    files: [],
    stdout: '',
    log: run.log,
  };
  const newVu = (id: number): VuState => ({
    id,
    phase: 'init',
    iterationInInstance: 0,
    tags: {},
    expected: (s) => s >= 200 && s < 400,
  });
  const start = async (vu: VuState): Promise<LoadedVu> => {
    const loaded = await startVu(run, vu, script);
    result.phases.push('init');
    return loaded;
  };
  const phase = async (vu: VuState, loaded: LoadedVu, name: Phase, arg: unknown) => {
    vu.phase = name;
    const fn = loaded.exports[name];
    if (typeof fn !== 'function') return undefined;
    const value = await (fn as (data: unknown) => unknown)(
      arg === undefined ? undefined : loaded.realm.copy(arg),
    );
    result.phases.push(name);
    return value;
  };
  try {
    run.env = spec.archivedEnv ?? spec.env;
    const first = await start(newVu(0));
    run.env = spec.env;
    run.options = JSON.parse(JSON.stringify(first.exports.options ?? {}));
    const thresholds = parseThresholds(run.options.thresholds as Record<string, unknown>, run.metrics);
    const scenarios = planScenarios(run.options, first.exports);

    const control = newVu(0);
    const controlVu = await start(control);
    let data: unknown;
    try {
      data = JSON.parse(JSON.stringify((await phase(control, controlVu, 'setup', undefined)) ?? null));
    } catch (error) {
      if (!isAbort(error)) throw error;
      run.aborted = error.message;
    }
    const vus: { state: VuState; loaded: LoadedVu }[] = [];
    for (let id = 1; id <= spec.vus; id++) {
      const state = newVu(id);
      vus.push({ state, loaded: await start(state) });
    }
    for (const scenario of scenarios) {
      result.iterations[scenario.name] = 0;
      const perVu = new Map<number, number>();
      for (let n = 0; n < spec.iterations && !run.aborted; n++) {
        const { state, loaded } = vus[n % vus.length]!;
        const inScenario = perVu.get(state.id) ?? 0;
        perVu.set(state.id, inScenario + 1);
        state.phase = 'iteration';
        state.scenario = {
          name: scenario.name,
          executor: scenario.executor,
          tags: scenario.tags,
          iterationInTest: n,
          iterationInScenario: inScenario,
          startedAt: Date.now(),
        };
        const began = performance.now();
        try {
          await (loaded.exports[scenario.exec] as (data: unknown) => unknown)(loaded.realm.copy(data));
        } catch (error) {
          if (isAbort(error)) run.aborted = error.message;
          else
            result.iterationErrors.push(
              `${scenario.name} iteration ${n} (VU ${state.id}): ${describe(error)}`,
            );
        }
        record(run, 'iterations', 1, vuTags(run, state));
        record(run, 'iteration_duration', performance.now() - began, vuTags(run, state));
        state.iterationInInstance++;
        result.iterations[scenario.name]!++;
        state.scenario = undefined;
      }
    }
    await phase(control, controlVu, 'teardown', data);

    const summary = summaryData(run, thresholds, data);
    result.thresholds = summary.verdicts;
    result.checks = summary.checks;
    const files = (await phase(control, controlVu, 'handleSummary', summary.data)) as
      | Record<string, unknown>
      | undefined;
    for (const [name, content] of Object.entries(files ?? {})) {
      if (typeof content !== 'string') throw new Error(`handleSummary: the value of ${name} is not a string`);
      if (name === 'stdout' || name === 'stderr') result.stdout += content;
      else {
        // k6 creates no directories: a path into a missing one fails, here too.
        const path = resolve(spec.cwd, name);
        writeFileSync(path, content);
        result.files.push(path);
      }
    }
  } catch (error) {
    result.error = describe(error);
  } finally {
    await run.http.close();
  }
  result.aborted = run.aborted;
  return result;
}
