/**
 * The measuring part of a run: starts the shards, gathers their samples and pulses (the generator's
 * health), shows progress, stops early when a threshold marked abortOnFail is breached (checked every
 * second once 10 s have passed, like k6's delayAbortEval), and enforces the time limit from this
 * thread, which runs no load: at the deadline it tells the shards to stop, and a shard that has not
 * ended 30 s later is terminated, the run keeping what it measured.
 */
import { performance } from 'node:perf_hooks';
import type { Threshold } from '../profiles/slos.ts';
import type { Scenario } from '../scenarios/types.ts';
import { type GeneratorHealth, HealthRecorder } from './generatorHealth.ts';
import { type PoolSpec, startPool } from './pool.ts';
import { Progress } from './progress.ts';
import { RunRecorder } from './recorder.ts';
import { warmUpSeconds } from './schedule.ts';
import type { ShardTotals } from './shard.ts';
import { evaluateThresholds } from './thresholds.ts';
import { bucketWidthS } from './timeline.ts';

export interface Measurement {
  /** What was measured, folded as it arrived (fixed memory, see recorder.ts). */
  recorder: RunRecorder;
  totals: ShardTotals;
  generator: GeneratorHealth;
  /** Absolute ms of the run's time 0, and its length in seconds. */
  epoch: number;
  durationS: number;
  aborted?: string;
  /** Seconds from time 0 at which a breach or an interruption stopped the run before its end. */
  stoppedAtS?: number;
}

/** The run was stopped from outside (the CLI's SIGINT/SIGTERM handler): no report, exit 130. */
export class LoadInterrupted extends Error {
  constructor(reason: unknown) {
    super(`interrupted${reason === undefined ? '' : ` by ${String(reason)}`}`);
  }
}

/** k6's delayAbortEval in profiles/slos.ts is 10 s too. */
export const defaultAbortDelayS = 10;
const abortEveryMs = 1_000;
/** After the deadline, shards get this long to wind down before the run is declared stuck. */
const stuckAfterMs = 30_000;
/** Workers that are not ready by then (a loader that hangs) are terminated and the run fails. */
const bootDeadlineMs = 120_000;

/** The first abortOnFail threshold breached so far; its cost is a pass over each operation's histograms. */
export function firstBreach(thresholds: readonly Threshold[], recorder: RunRecorder): string | undefined {
  const watched = thresholds.filter((t) => t.abortOnFail);
  if (watched.length === 0) return undefined;
  const stats = recorder.operationStats();
  const breached = evaluateThresholds(watched, stats, 0).find((r) => r.actual !== null && !r.ok);
  return breached ? `threshold breached (abortOnFail): ${breached.message}` : undefined;
}

export async function measure(
  spec: PoolSpec,
  scenario: Scenario<unknown>,
  thresholds: readonly Threshold[],
  options: {
    progress: boolean;
    label: string;
    abortDelayS?: number;
    signal?: AbortSignal;
    /** After the deadline, how long shards get to wind down before they are terminated (default 30 s). */
    stuckAfterMs?: number;
    /** Keep figures per operation per time bucket in buckets that tile these windows (profiles.ts capacityWindowS). */
    capacityWindowS?: number;
    /** The shard worker module (tests substitute one that misbehaves). */
    workerEntry?: URL;
  },
): Promise<Measurement> {
  const { signal } = options;
  const warmUpMs = warmUpSeconds(spec.segments) * 1000;
  const capacityWindowS = options.capacityWindowS;
  const bucketS = bucketWidthS(
    spec.durationMs / 1000,
    capacityWindowS === undefined ? undefined : { windowS: capacityWindowS, originS: warmUpMs / 1000 },
  );
  const windDownMs = options.stuckAfterMs ?? stuckAfterMs;
  const recorder = new RunRecorder({
    operations: scenario.operations,
    bucketS,
    maxBuckets: Math.ceil((spec.durationMs + spec.graceMs + windDownMs) / 1000 / bucketS) + 1,
    warmUpEndMs: warmUpMs,
    perOperation: capacityWindowS !== undefined,
  });
  let health: HealthRecorder | undefined;
  const pool = startPool(
    spec,
    { batch: (batch) => recorder.add(batch), pulse: (_shard, pulse) => health?.pulse(pulse.loop) },
    options.workerEntry,
  );
  // Stopping the pool ends every shard within a moment; the measurement then says it was interrupted.
  let stoppedAtMs: number | undefined;
  let elapsedMs = () => 0;
  const stopEarly = () => {
    stoppedAtMs ??= elapsedMs();
    pool.stop();
  };
  const interrupt = () => stopEarly();
  signal?.addEventListener('abort', interrupt, { once: true });
  if (signal?.aborted) pool.stop();
  // Workers load TypeScript first: seconds on a busy machine, never minutes.
  const boot = setTimeout(() => pool.kill(), bootDeadlineMs);
  let epoch: number;
  try {
    epoch = await pool.started;
  } catch (error) {
    signal?.removeEventListener('abort', interrupt);
    if (signal?.aborted) throw new LoadInterrupted(signal.reason);
    throw new Error(`the load generator did not start: ${(error as Error).message}`);
  } finally {
    clearTimeout(boot);
  }
  health = new HealthRecorder(epoch);
  elapsedMs = () => performance.timeOrigin + performance.now() - epoch;
  const progress = new Progress(options.label, spec.durationMs / 1000, {
    elapsedS: () => elapsedMs() / 1000,
    counts: () => recorder.progress,
  });
  if (options.progress) progress.start();
  let aborted: string | undefined;
  const watcher = setInterval(() => {
    health?.sampleCpu();
    // The delay counts from the measured run's start: the warm-up is never judged.
    if (aborted || elapsedMs() - warmUpMs < (options.abortDelayS ?? defaultAbortDelayS) * 1000) return;
    aborted = firstBreach(thresholds, recorder);
    if (aborted) stopEarly();
  }, abortEveryMs);
  // The shards keep the deadline themselves; these timers hold when a shard's own loop cannot.
  const deadlineMs = spec.durationMs + spec.graceMs;
  const deadline = setTimeout(() => pool.stop(), deadlineMs);
  let killed = false;
  const stuck = setTimeout(() => {
    killed = true;
    aborted = `the load generator did not stop within ${windDownMs / 1000} s of its deadline (its event loop was blocked): its shards were terminated`;
    pool.kill();
  }, deadlineMs + windDownMs);
  try {
    const { terminated: _, ...totals } = await pool.done;
    // What was measured until the interruption is still reported, marked as cut short.
    if (signal?.aborted) aborted = `interrupted by ${String(signal.reason)}`;
    return {
      recorder,
      totals,
      generator: health.summary(elapsedMs() / 1000, killed),
      epoch,
      durationS: elapsedMs() / 1000,
      ...(aborted ? { aborted } : {}),
      ...(stoppedAtMs === undefined ? {} : { stoppedAtS: stoppedAtMs / 1000 }),
    };
  } finally {
    signal?.removeEventListener('abort', interrupt);
    clearInterval(watcher);
    clearTimeout(deadline);
    clearTimeout(stuck);
    progress.stop();
  }
}
