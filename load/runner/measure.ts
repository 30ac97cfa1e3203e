/**
 * The measuring part of a run: starts the shards, gathers their samples, shows progress, stops early
 * when a threshold marked abortOnFail is breached (checked every second once 10 s have passed, like
 * k6's delayAbortEval), and enforces the hard time limit.
 */
import { performance } from 'node:perf_hooks';
import type { Threshold } from '../profiles/slos.ts';
import type { Scenario } from '../scenarios/types.ts';
import { type PoolSpec, startPool } from './pool.ts';
import { Progress } from './progress.ts';
import { type SampleBatch, SampleColumns } from './samples.ts';
import type { ShardTotals } from './shard.ts';
import { operationStats } from './stats.ts';
import { evaluateThresholds } from './thresholds.ts';

export interface Measurement {
  samples: SampleBatch;
  totals: ShardTotals;
  /** Absolute ms of the run's time 0, and its length in seconds. */
  epoch: number;
  durationS: number;
  aborted?: string;
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

function firstBreach(
  thresholds: readonly Threshold[],
  scenario: Scenario<unknown>,
  samples: SampleBatch,
): string | undefined {
  const watched = thresholds.filter((t) => t.abortOnFail);
  if (watched.length === 0) return undefined;
  const stats = operationStats(samples, scenario.operations);
  const breached = evaluateThresholds(watched, stats, 0).find((r) => r.actual !== null && !r.ok);
  return breached ? `threshold breached (abortOnFail): ${breached.message}` : undefined;
}

export async function measure(
  spec: PoolSpec,
  scenario: Scenario<unknown>,
  thresholds: readonly Threshold[],
  options: { progress: boolean; label: string; abortDelayS?: number; signal?: AbortSignal },
): Promise<Measurement> {
  const { signal } = options;
  const store = new SampleColumns(64 * 1024);
  const pool = startPool(spec, scenario, (batch) => store.append(batch));
  // Stopping the pool ends every shard within a moment; the run then fails with LoadInterrupted.
  const interrupt = () => pool.stop();
  signal?.addEventListener('abort', interrupt, { once: true });
  if (signal?.aborted) pool.stop();
  const epoch = await pool.started;
  const elapsedMs = () => performance.timeOrigin + performance.now() - epoch;
  const progress = new Progress(options.label, spec.durationMs / 1000, {
    elapsedS: () => elapsedMs() / 1000,
    samples: () => store.view,
  });
  if (options.progress) progress.start();
  let aborted: string | undefined;
  const watcher = setInterval(() => {
    if (aborted || elapsedMs() < (options.abortDelayS ?? defaultAbortDelayS) * 1000) return;
    aborted = firstBreach(thresholds, scenario, store.view);
    if (aborted) pool.stop();
  }, abortEveryMs);
  let stuck: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    stuck = setTimeout(
      () => {
        pool.stop();
        reject(new Error('the load did not stop within 30 s of its deadline'));
      },
      spec.durationMs + spec.graceMs + stuckAfterMs,
    );
  });
  try {
    const totals = await Promise.race([pool.done, limit]);
    if (signal?.aborted) throw new LoadInterrupted(signal.reason);
    return {
      samples: store.view,
      totals,
      epoch,
      durationS: elapsedMs() / 1000,
      ...(aborted ? { aborted } : {}),
    };
  } finally {
    signal?.removeEventListener('abort', interrupt);
    clearInterval(watcher);
    clearTimeout(stuck);
    progress.stop();
  }
}
