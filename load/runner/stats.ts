/**
 * Summaries of the measurements: latency percentiles (linear interpolation between ranks, as k6
 * computes them), error and check rates per operation, and counts by status.
 */
import type { OperationName } from '../scenarios/types.ts';
import { Outcome, type SampleBatch } from './samples.ts';
import { correctedLatency } from './schedule.ts';

export interface LatencyStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface OperationStats {
  operation: OperationName;
  /** Requests that were answered or given up on (interrupted ones are not counted, as in k6). */
  requests: number;
  failed: number;
  errorRate: number;
  interrupted: number;
  checksPassed: number;
  checks: number;
  checkRate: number;
  /** Corrected for coordinated omission: from the intended start. */
  latency: LatencyStats;
  /** From the actual send, what the connection saw. */
  rawLatency: LatencyStats;
  statuses: Record<string, number>;
}

/** Percentile `p` (0..100) of ascending `sorted`, interpolated between neighbouring ranks. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function latencyStats(values: Float64Array): LatencyStats {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    count: sorted.length,
    min: round(sorted[0] ?? Number.NaN),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export function isFailure(samples: SampleBatch, i: number): boolean {
  return (
    samples.outcome[i] === Outcome.noAnswer ||
    (samples.outcome[i] === Outcome.answered && samples.status[i] !== 200)
  );
}

export function operationStats(samples: SampleBatch, operations: readonly OperationName[]): OperationStats[] {
  return operations.map((operation, op) => {
    const corrected: number[] = [];
    const raw: number[] = [];
    const statuses: Record<string, number> = {};
    let requests = 0;
    let failed = 0;
    let interrupted = 0;
    let checksPassed = 0;
    let checks = 0;
    for (let i = 0; i < samples.length; i++) {
      if (samples.op[i] !== op) continue;
      if (samples.outcome[i] === Outcome.interrupted) {
        interrupted++;
        continue;
      }
      requests++;
      if (isFailure(samples, i)) failed++;
      checksPassed += samples.checksPassed[i]!;
      checks += samples.checks[i]!;
      const status = String(samples.status[i]);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (samples.outcome[i] === Outcome.answered) {
        corrected.push(correctedLatency(samples.intended[i]!, samples.sent[i]!, samples.done[i]!));
        raw.push(samples.done[i]! - samples.sent[i]!);
      }
    }
    return {
      operation,
      requests,
      failed,
      errorRate: requests ? failed / requests : Number.NaN,
      interrupted,
      checksPassed,
      checks,
      checkRate: checks ? checksPassed / checks : Number.NaN,
      latency: latencyStats(Float64Array.from(corrected)),
      rawLatency: latencyStats(Float64Array.from(raw)),
      statuses,
    };
  });
}
