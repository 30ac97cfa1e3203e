/**
 * Summaries of the measurements per operation: latency (HDR histograms, see latencyHistogram.ts),
 * error and check rates, and counts by status. A tally folds in one request at a time and keeps
 * fixed memory however many it sees (load/shared/percentile.ts is the exact figure k6 computes).
 */
import type { OperationName } from '../scenarios/types.ts';
import { type Digits, LatencyHistogram, type LatencyStats } from './latencyHistogram.ts';
import { Outcome, type SampleBatch } from './samples.ts';
import { correctedLatency } from './schedule.ts';

export type { LatencyStats };

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

export function isFailure(samples: SampleBatch, i: number): boolean {
  return (
    samples.outcome[i] === Outcome.noAnswer ||
    (samples.outcome[i] === Outcome.answered && samples.status[i] !== 200)
  );
}

/** One operation's (or one phase's) requests, folded in one at a time. */
export class OperationTally {
  requests = 0;
  failed = 0;
  interrupted = 0;
  checksPassed = 0;
  checks = 0;
  /** Requests by HTTP status (0 without an answer); keyed by number, since the run's thread counts each answer. */
  private readonly statuses = new Map<number, number>();
  readonly latency: LatencyHistogram;
  /** Kept for a run's figures; a time bucket's tally leaves it out. */
  readonly raw: LatencyHistogram | undefined;

  constructor(digits: Digits = 3, withRaw = true) {
    this.latency = new LatencyHistogram(digits);
    this.raw = withRaw ? new LatencyHistogram(digits) : undefined;
  }

  add(samples: SampleBatch, i: number): void {
    if (samples.outcome[i] === Outcome.interrupted) {
      this.interrupted++;
      return;
    }
    this.requests++;
    if (isFailure(samples, i)) this.failed++;
    this.checksPassed += samples.checksPassed[i]!;
    this.checks += samples.checks[i]!;
    const status = samples.status[i]!;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (samples.outcome[i] !== Outcome.answered) return;
    this.latency.record(correctedLatency(samples.intended[i]!, samples.sent[i]!, samples.done[i]!));
    this.raw?.record(samples.done[i]! - samples.sent[i]!);
  }

  /** Folds another tally in (time buckets into a window). */
  merge(other: OperationTally): void {
    this.requests += other.requests;
    this.failed += other.failed;
    this.interrupted += other.interrupted;
    this.checksPassed += other.checksPassed;
    this.checks += other.checks;
    for (const [status, n] of other.statuses) this.statuses.set(status, (this.statuses.get(status) ?? 0) + n);
    this.latency.add(other.latency);
    if (other.raw) this.raw?.add(other.raw);
  }

  get errorRate(): number {
    return this.requests ? this.failed / this.requests : Number.NaN;
  }

  get checkRate(): number {
    return this.checks ? this.checksPassed / this.checks : Number.NaN;
  }

  stats(operation: OperationName): OperationStats {
    const latency = this.latency.stats();
    return {
      operation,
      requests: this.requests,
      failed: this.failed,
      errorRate: this.errorRate,
      interrupted: this.interrupted,
      checksPassed: this.checksPassed,
      checks: this.checks,
      checkRate: this.checkRate,
      latency,
      rawLatency: this.raw ? this.raw.stats() : latency,
      statuses: Object.fromEntries(this.statuses),
    };
  }
}

/** Figures per operation of a set of samples (the recorder folds them in as they arrive instead). */
export function operationStats(samples: SampleBatch, operations: readonly OperationName[]): OperationStats[] {
  const tallies = operations.map(() => new OperationTally());
  for (let i = 0; i < samples.length; i++) tallies[samples.op[i]!]?.add(samples, i);
  return operations.map((operation, op) => tallies[op]!.stats(operation));
}
