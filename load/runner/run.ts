/**
 * One load run, start to finish: check the target and the plan's size, start the embedded sandbox
 * when no target is given, seed, measure, evaluate the thresholds (and the baseline), write the
 * reports, clean up. `runLoad` is what the CLI, the tests and the benchmark call.
 */
import { availableParallelism } from 'node:os';
import { isProfileName, type Profile, peakRate, profiles, scaleProfile } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { type ScenarioName, scenarios } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { evaluateRun } from './evaluate.ts';
import { measure } from './measure.ts';
import { runPlan } from './planDriver.ts';
import { type LoadReport, type WrittenReports, writeReports } from './report.ts';
import { checkBounds, checkHeaderValues, checkTarget, defaultBounds, type RunBounds } from './safety.ts';
import { plannedDurationS, segmentsOf } from './schedule.ts';
import { startTarget } from './target.ts';

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
  /** Seconds after the schedule's end that late answers may still arrive. */
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
}

export interface LoadResult {
  report: LoadReport;
  exitCode: 0 | 1;
  files?: WrittenReports;
}

/** A run refused before it started (safety, size, setup): the CLI exits 2 on it. */
export class LoadRefused extends Error {}

const ratePerWorker = 5000;

function resolveProfile(options: LoadOptions): Profile {
  const base =
    typeof options.profile === 'string' ? profiles[checkedProfile(options.profile)] : options.profile;
  return options.rateScale && options.rateScale !== 1 ? scaleProfile(base, options.rateScale) : base;
}

function checkedProfile(name: string) {
  if (!isProfileName(name))
    throw new LoadRefused(`unknown profile ${name} (${Object.keys(profiles).join(', ')})`);
  return name;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const scenario = scenarios[options.scenario] as unknown as Scenario<unknown>;
  if (!scenario) throw new LoadRefused(`unknown scenario ${options.scenario}`);
  const profile = resolveProfile(options);
  const segments = segmentsOf(profile);
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
  const badHeader = checkHeaderValues([options.token ?? '', ...(options.recipientTokens ?? [])]);
  if (badHeader) throw new LoadRefused(badHeader);

  const target = await startTarget(options.baseUrl);
  try {
    const runTag = `load-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const seed = await runPlan(
      scenario.seedPlan({ runTag, token: options.token, recipientTokens: options.recipientTokens }),
      target.url,
    ).catch((error: Error) => {
      throw new LoadRefused(`setup failed: ${error.message}`);
    });
    const cores = Math.max(1, availableParallelism() - (target.embedded ? 1 : 0));
    const workers = options.workers ?? Math.min(cores, Math.max(1, Math.ceil(plan.peakRate / ratePerWorker)));
    const thresholds = thresholdsFor(scenario.operations, profile);
    const timeoutS = options.timeoutS ?? 10;
    const startedAt = new Date().toISOString();
    const measured = await measure(
      {
        shards: workers,
        baseUrl: target.url,
        scenario: scenario.name,
        seed,
        segments,
        connections: { initial: profile.preAllocatedVUs, max: profile.maxVUs },
        timeoutS,
        durationMs: plan.durationS * 1000,
        graceMs: (options.graceS ?? Math.min(timeoutS, 10)) * 1000,
      },
      scenario,
      thresholds,
      {
        progress: options.progress ?? true,
        label: `${scenario.name}/${profile.name}`,
        abortDelayS: options.abortDelayS,
      },
    );
    const cleanup =
      options.cleanup === false
        ? undefined
        : await runPlan(scenario.cleanupPlan(seed), target.url).then(
            (deletedLinks) => ({ deletedLinks }),
            (error: Error) => ({ error: error.message }),
          );
    const report = evaluateRun({
      scenario,
      profile,
      plan: { ...plan, segments, rateScale: options.rateScale ?? 1 },
      target: { origin: new URL(target.url).origin, embedded: target.embedded },
      engine: { workers, timeoutS },
      startedAt,
      measured,
      thresholds,
      baseline: options.baselineFile
        ? { file: options.baselineFile, tolerance: options.tolerance ?? 0.2 }
        : undefined,
      cleanup,
    });
    const files = options.outDir === null ? undefined : writeReports(report, options.outDir ?? 'reports');
    return { report, exitCode: report.ok ? 0 : 1, ...(files ? { files } : {}) };
  } finally {
    await target.close();
  }
}
