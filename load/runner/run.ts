/**
 * One load run, start to finish: check the target, the plan's size and the baseline, start the
 * embedded sandbox when no target is given, seed, measure, clean up (also when measuring failed or
 * was interrupted), evaluate the thresholds (and the baseline), write the reports. `runLoad` is what
 * the CLI, the tests and the benchmark call.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { prepareReportDir } from '../../core/reportDir.ts';
import { isProfileName, type Profile, peakRate, profiles, scaleProfile } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { type ScenarioName, scenarios } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { type ComparableReport, loadBaseline, type RunIdentity } from './baseline.ts';
import { connectionBudget, openFileLimit } from './connectionBudget.ts';
import { evaluateRun } from './evaluate.ts';
import { LoadInterrupted, type Measurement, measure } from './measure.ts';
import { type PlanLimits, planDefaults, runPlan } from './planDriver.ts';
import { exitCodeOf, type LoadReport, type WrittenReports, writeReports } from './report.ts';
import {
  checkBounds,
  checkHeaderValues,
  checkTarget,
  defaultBounds,
  graceSeconds,
  type RunBounds,
} from './safety.ts';
import { plannedDurationS, runSegments } from './schedule.ts';
import { startTarget, type Target } from './target.ts';

export interface LoadOptions {
  scenario: ScenarioName;
  /** A profile name, or a profile of one's own (the benchmark uses one). */
  profile: string | Profile;
  /** Without it, the embedded sandbox is started on a free loopback port. */
  baseUrl?: string;
  rateScale?: number;
  allowRemote?: boolean;
  maxRate?: number;
  bounds?: Partial<RunBounds>;
  /** Worker threads; by default as many as the peak rate needs (one per 5000 req/s), within the cores. */
  workers?: number;
  timeoutS?: number;
  /** Bytes of each answer's body kept for the checks (default 64 KiB); longer answers are cut and counted. */
  maxBodyBytes?: number;
  /** Seconds after the schedule's end that late answers may still arrive (default: timeoutS, within --max-duration). */
  graceS?: number;
  /** Seconds before abortOnFail thresholds are first checked (default 10, as k6's delayAbortEval). */
  abortDelayS?: number;
  baselineFile?: string;
  tolerance?: number;
  /** Where reports go; null writes none. */
  outDir?: string | null;
  progress?: boolean;
  cleanup?: boolean;
  /** Keys of an existing account instead of a fresh sandbox tenant (SECPAID_TOKEN, SECPAID_RECIPIENT_TOKENS). */
  token?: string;
  recipientTokens?: string[];
  /**
   * Aborting it (the CLI does on SIGINT/SIGTERM) stops the load, cleans up and reports what was
   * measured, marked `aborted: interrupted by ...`; before the load started it rejects with LoadInterrupted.
   */
  signal?: AbortSignal;
}

export interface LoadResult {
  report: LoadReport;
  exitCode: 0 | 1 | 2;
  files?: WrittenReports;
}

/** A run refused before it started (safety, size, setup): the CLI exits 2 on it. */
export class LoadRefused extends Error {}
export { LoadInterrupted };

const ratePerWorker = 5000;
/** Answers of the scenarios are a few KB at most; a bound keeps a misbehaving target from filling memory. */
export const defaultMaxBodyBytes = 64 * 1024;
/** Memory for bodies is connections × this at most: a megabyte each is already 20 GB at 20,000. */
export const maxLoadBodyBytes = 1024 * 1024;

function resolveProfile(options: LoadOptions): Profile {
  const base =
    typeof options.profile === 'string' ? profiles[checkedProfile(options.profile)] : options.profile;
  if (!options.rateScale || options.rateScale === 1) return base;
  try {
    return scaleProfile(base, options.rateScale);
  } catch (error) {
    throw new LoadRefused((error as Error).message);
  }
}

function checkedProfile(name: string) {
  if (!isProfileName(name))
    throw new LoadRefused(`unknown profile ${name} (${Object.keys(profiles).join(', ')})`);
  return name;
}

function checkedBaseline(file: string, identity: RunIdentity): ComparableReport {
  try {
    return loadBaseline(file, identity);
  } catch (error) {
    throw new LoadRefused((error as Error).message);
  }
}

/** Seeding and cleanup keep under --max-rate too. */
function planLimits(options: LoadOptions): PlanLimits {
  return options.maxRate ? { ...planDefaults, minIntervalMs: 1000 / options.maxRate } : planDefaults;
}

/**
 * Cleanup after the measurement, whether it ended well or not; undefined when it is not wanted. Each
 * planned request makes at most one link, and each takes one call to delete (plus a list call a
 * thousand): the call bound follows the run's size rather than a fixed number that a big run passes.
 */
async function cleanUp(
  scenario: Scenario<unknown>,
  seed: unknown,
  target: Target,
  options: LoadOptions,
  plannedRequests: number,
): Promise<LoadReport['cleanup']> {
  if (options.cleanup === false) return undefined;
  // Interrupted from a terminal, the embedded sandbox got the same signal and is gone with its data.
  if (options.signal?.aborted && target.embedded) return undefined;
  let said = performance.now();
  const limits = {
    ...planLimits(options),
    maxCalls: Math.ceil(plannedRequests * 1.01) + 10_000,
    // A big run's cleanup takes minutes: say it is going, every 5 s, unless told to be quiet.
    onProgress: (calls: number) => {
      if (options.progress === false || performance.now() - said < 5_000) return;
      said = performance.now();
      console.error(`cleaning up: ${calls} calls so far`);
    },
  };
  return runPlan(scenario.cleanupPlan(seed), target.url, limits).then(
    (deletedLinks) => ({ deletedLinks }),
    (error: Error) => ({ error: error.message }),
  );
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const scenario = scenarios[options.scenario] as unknown as Scenario<unknown>;
  if (!scenario) throw new LoadRefused(`unknown scenario ${options.scenario}`);
  const profile = resolveProfile(options);
  const segments = runSegments(profile);
  const plan = {
    peakRate: peakRate(profile),
    requests: segments.reduce((sum, s) => sum + s.quota, 0),
    durationS: plannedDurationS(segments),
  };
  if (options.baseUrl !== undefined) {
    const verdict = checkTarget(options.baseUrl, {
      allowRemote: options.allowRemote === true,
      maxRate: options.maxRate,
    });
    if ('refused' in verdict) throw new LoadRefused(verdict.refused);
  }
  const bounds = { ...defaultBounds, ...options.bounds };
  const tooBig = checkBounds(plan, bounds, options.maxRate);
  if (tooBig) throw new LoadRefused(tooBig);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes >= 1 && maxBodyBytes <= maxLoadBodyBytes))
    throw new LoadRefused(`maxBodyBytes must be a whole number from 1 to ${maxLoadBodyBytes}`);
  const budget = connectionBudget(profile.maxVUs, openFileLimit());
  if ('refused' in budget) throw new LoadRefused(budget.refused);
  if (budget.lowered) console.error(`warning: ${budget.lowered}`);
  const badHeader = checkHeaderValues([options.token ?? '', ...(options.recipientTokens ?? [])]);
  if (badHeader) throw new LoadRefused(badHeader);
  const rateScale = options.rateScale ?? 1;
  const embedded = options.baseUrl === undefined;
  const baseline = options.baselineFile
    ? {
        file: options.baselineFile,
        tolerance: options.tolerance ?? 0.2,
        report: checkedBaseline(options.baselineFile, {
          scenario: scenario.name,
          profile: profile.name,
          plan: { rateScale, peakRate: plan.peakRate },
          embeddedSandbox: embedded,
        }),
      }
    : undefined;
  // Checked before anything is sent: a run of hours must not end in "cannot write the reports".
  if (options.outDir !== null) {
    try {
      prepareReportDir(options.outDir ?? 'reports');
    } catch (error) {
      throw new LoadRefused((error as Error).message);
    }
  }
  const timeoutS = options.timeoutS ?? 10;
  const graceS = graceSeconds(timeoutS, plan.durationS, bounds.maxDurationS, options.graceS);
  const { signal } = options;
  if (signal?.aborted) throw new LoadInterrupted(signal.reason);

  // The embedded sandbox must accept every connection the run may open, and its own few besides.
  const target = await startTarget(options.baseUrl, { maxConnections: budget.connections + 64 });
  try {
    const runTag = `load-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const seed = await runPlan(
      scenario.seedPlan({ runTag, token: options.token, recipientTokens: options.recipientTokens }),
      target.url,
      planLimits(options),
      signal,
    ).catch((error: Error) => {
      if (signal?.aborted) throw new LoadInterrupted(signal.reason);
      throw new LoadRefused(`setup failed: ${error.message}`);
    });
    const cores = Math.max(1, availableParallelism() - (target.embedded ? 1 : 0));
    // Each shard needs a connection of its own: never more shards than the budget has connections.
    const workers = Math.min(
      budget.connections,
      options.workers ?? Math.min(cores, Math.max(1, Math.ceil(plan.peakRate / ratePerWorker))),
    );
    const thresholds = thresholdsFor(scenario.operations, profile);
    const startedAt = new Date().toISOString();
    let measured: Measurement;
    try {
      measured = await measure(
        {
          shards: workers,
          baseUrl: target.url,
          scenario: scenario.name,
          seed,
          segments,
          connections: {
            initial: Math.min(profile.preAllocatedVUs, budget.connections),
            max: budget.connections,
          },
          maxBodyBytes,
          timeoutS,
          durationMs: plan.durationS * 1000,
          graceMs: graceS * 1000,
        },
        scenario,
        thresholds,
        {
          progress: options.progress ?? true,
          label: `${scenario.name}/${profile.name}`,
          abortDelayS: options.abortDelayS,
          ...(profile.capacityWindowS === undefined ? {} : { capacityWindowS: profile.capacityWindowS }),
          signal,
        },
      );
    } catch (error) {
      // The run failed or was interrupted, but the links it created are still there.
      const done = await cleanUp(scenario, seed, target, options, plan.requests);
      const what = `cleanup after the ${signal?.aborted ? 'interrupted' : 'failed'} run`;
      if (done && 'error' in done) console.error(`${what} failed: ${done.error}`);
      else if (done) console.error(`${what}: deleted ${done.deletedLinks} links`);
      throw error;
    }
    const cleanup = await cleanUp(scenario, seed, target, options, plan.requests);
    const report = evaluateRun({
      scenario,
      profile,
      plan: { ...plan, segments, rateScale },
      target: { origin: new URL(target.url).origin, embedded: target.embedded },
      engine: {
        workers,
        timeoutS,
        graceS,
        maxBodyBytes,
        connectionBudget: budget.connections,
        ...(budget.lowered ? { connectionBudgetLowered: budget.lowered } : {}),
      },
      startedAt,
      measured,
      thresholds,
      baseline,
      cleanup,
    });
    const files = options.outDir === null ? undefined : writeReports(report, options.outDir ?? 'reports');
    return { report, exitCode: exitCodeOf(report), ...(files ? { files } : {}) };
  } finally {
    await target.close();
  }
}
