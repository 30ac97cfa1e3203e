/**
 * The run over time, for the HTML charts: per time bucket the target rate, requests started,
 * answered and failed per second, and corrected latency percentiles of the answers in the bucket.
 */
import { Outcome, type SampleBatch } from './samples.ts';
import { correctedLatency, type Segment } from './schedule.ts';
import { isFailure, percentile } from './stats.ts';

export interface TimelinePoint {
  /** Bucket start, seconds from the run's start. */
  t: number;
  targetRate: number;
  sentRate: number;
  doneRate: number;
  failedRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  rawP95: number | null;
}

function targetAt(segments: readonly Segment[], t: number): number {
  const segment = segments.find((s) => t >= s.start && t < s.start + s.duration);
  return segment ? segment.rate : 0;
}

/** Buckets of whole seconds, wide enough that a run gives at most `maxPoints` points. */
export function timeline(
  samples: SampleBatch,
  segments: readonly Segment[],
  durationS: number,
  maxPoints = 600,
): TimelinePoint[] {
  const width = Math.max(1, Math.ceil(durationS / maxPoints));
  // A trailing sliver shorter than half a bucket joins the bucket before it: a 0.03 s last bucket
  // would read as a collapse of throughput to zero at the end of every run.
  const count = Math.max(1, Math.round(durationS / width));
  const span = (b: number) => (b === count - 1 ? Math.max(durationS - b * width, width / 2) : width);
  const sent = new Float64Array(count);
  const done = new Float64Array(count);
  const failed = new Float64Array(count);
  const corrected: number[][] = Array.from({ length: count }, () => []);
  const raw: number[][] = Array.from({ length: count }, () => []);
  const bucket = (ms: number) => Math.min(count - 1, Math.max(0, Math.floor(ms / 1000 / width)));
  for (let i = 0; i < samples.length; i++) {
    sent[bucket(samples.sent[i]!)]!++;
    if (samples.outcome[i] === Outcome.interrupted) continue;
    const end = samples.outcome[i] === Outcome.answered ? samples.done[i]! : samples.sent[i]!;
    const b = bucket(end);
    if (isFailure(samples, i)) failed[b]!++;
    if (samples.outcome[i] !== Outcome.answered) continue;
    done[b]!++;
    corrected[b]!.push(correctedLatency(samples.intended[i]!, samples.sent[i]!, samples.done[i]!));
    raw[b]!.push(samples.done[i]! - samples.sent[i]!);
  }
  const rate = (count: number, seconds: number) => Math.round((count / seconds) * 100) / 100;
  const pct = (values: number[], p: number) =>
    values.length ? Math.round(percentile(Float64Array.from(values).sort(), p) * 100) / 100 : null;
  return Array.from({ length: count }, (_, b) => ({
    t: b * width,
    targetRate: targetAt(segments, b * width + Math.min(width, span(b)) / 2),
    sentRate: rate(sent[b]!, span(b)),
    doneRate: rate(done[b]!, span(b)),
    failedRate: rate(failed[b]!, span(b)),
    p50: pct(corrected[b]!, 50),
    p95: pct(corrected[b]!, 95),
    p99: pct(corrected[b]!, 99),
    rawP95: pct(raw[b]!, 95),
  }));
}
