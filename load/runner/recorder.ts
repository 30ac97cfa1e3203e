/**
 * What a run measured, in memory that does not grow with its length: the shards' samples are folded
 * in as they arrive (then dropped) into one tally per operation (HDR histograms at 3 digits) and, per
 * time bucket of the run, the counts and latency the timeline, the capacity windows and the progress
 * line read (histograms at 2 digits). Requests meant to start before the warm-up's end are tallied
 * apart: checked and reported, never judged against the thresholds.
 */
import type { OperationName } from '../scenarios/types.ts';
import { LatencyHistogram } from './latencyHistogram.ts';
import { Outcome, type SampleBatch } from './samples.ts';
import { correctedLatency } from './schedule.ts';
import { isFailure, type OperationStats, OperationTally } from './stats.ts';

export interface RecorderPlan {
  operations: readonly OperationName[];
  /** Seconds per time bucket. */
  bucketS: number;
  /** Buckets kept; anything later (a run past its deadline) goes into the last. */
  maxBuckets: number;
  /** ms from the run's time 0 at which the measured part starts: requests meant earlier are the warm-up. */
  warmUpEndMs: number;
  /**
   * Keep each operation's figures per bucket too (what capacity windows judge). Off, a bucket holds
   * two histograms whatever the scenario: the timeline needs no more.
   */
  perOperation?: boolean;
}

export interface Bucket {
  /** Requests started in the bucket. */
  sent: number;
  /**
   * Measured requests meant to start in the bucket that did start (by their intended time; a
   * dropped request leaves no sample): what a capacity window compares with its plan.
   */
  started: number;
  /** Answers, and failures (by the time they ended), in the bucket. */
  done: number;
  failed: number;
  /** Measured requests that ended in the bucket, by operation (plan.perOperation only; latency at 2 digits). */
  ops: (OperationTally | undefined)[];
  /** Latency of every answer in the bucket (warm-up too): from the intended start, and from the send. */
  latency: LatencyHistogram | undefined;
  raw: LatencyHistogram | undefined;
}

export class RunRecorder {
  /** Measured requests per operation, in the scenario's order. */
  readonly tallies: OperationTally[];
  readonly warmUp = new OperationTally();
  /** Outcomes of the measured requests (those of an unknown operation too). */
  readonly outcomes = { answered: 0, failed: 0, interrupted: 0 };
  /** Samples of the warm-up: every request started gives one, so this is also what it started. */
  warmUpSamples = 0;
  /** Over the whole run, for the progress line. */
  readonly progress = { answered: 0, failed: 0, maxLatencyMs: 0 };
  private readonly buckets: (Bucket | undefined)[] = [];

  constructor(readonly plan: RecorderPlan) {
    this.tallies = plan.operations.map(() => new OperationTally());
  }

  get bucketCount(): number {
    return this.buckets.length;
  }

  bucket(index: number): Bucket | undefined {
    return this.buckets[index];
  }

  private bucketAt(ms: number): Bucket {
    const index = Math.min(this.plan.maxBuckets - 1, Math.max(0, Math.floor(ms / 1000 / this.plan.bucketS)));
    while (this.buckets.length <= index) this.buckets.push(undefined);
    let bucket = this.buckets[index];
    if (!bucket) {
      bucket = { sent: 0, started: 0, done: 0, failed: 0, ops: [], latency: undefined, raw: undefined };
      this.buckets[index] = bucket;
    }
    return bucket;
  }

  add(s: SampleBatch): void {
    for (let i = 0; i < s.length; i++) this.addOne(s, i);
  }

  private addOne(s: SampleBatch, i: number): void {
    const outcome = s.outcome[i];
    const warm = s.intended[i]! < this.plan.warmUpEndMs;
    const failure = isFailure(s, i);
    if (warm) {
      this.warmUpSamples++;
      this.warmUp.add(s, i);
    } else {
      this.tallies[s.op[i]!]?.add(s, i);
      if (outcome === Outcome.answered) this.outcomes.answered++;
      else if (outcome === Outcome.interrupted) this.outcomes.interrupted++;
      if (failure) this.outcomes.failed++;
      this.bucketAt(s.intended[i]!).started++;
    }
    this.bucketAt(s.sent[i]!).sent++;
    if (outcome === Outcome.interrupted) return;
    if (failure) this.progress.failed++;
    const end = outcome === Outcome.answered ? s.done[i]! : s.sent[i]!;
    const bucket = this.bucketAt(end);
    if (failure) bucket.failed++;
    const op = s.op[i]!;
    if (!warm && this.plan.perOperation && op < this.tallies.length) {
      bucket.ops[op] ??= new OperationTally(2, false);
      bucket.ops[op]!.add(s, i);
    }
    if (outcome !== Outcome.answered) return;
    bucket.done++;
    this.progress.answered++;
    const latency = correctedLatency(s.intended[i]!, s.sent[i]!, s.done[i]!);
    bucket.latency ??= new LatencyHistogram(2);
    bucket.latency.record(latency);
    bucket.raw ??= new LatencyHistogram(2);
    bucket.raw.record(s.done[i]! - s.sent[i]!);
    if (latency > this.progress.maxLatencyMs) this.progress.maxLatencyMs = latency;
  }

  operationStats(): OperationStats[] {
    return this.plan.operations.map((operation, op) => this.tallies[op]!.stats(operation));
  }

  /** Bytes held by histograms (the rest is a few counters per bucket): the figure the benchmark tracks. */
  footprintBytes(): number {
    let bytes = 0;
    for (const t of [...this.tallies, this.warmUp])
      bytes += t.latency.footprintBytes + (t.raw?.footprintBytes ?? 0);
    for (const b of this.buckets) {
      if (!b) continue;
      bytes += (b.latency?.footprintBytes ?? 0) + (b.raw?.footprintBytes ?? 0);
      for (const t of b.ops) bytes += t?.latency.footprintBytes ?? 0;
    }
    return bytes;
  }
}
