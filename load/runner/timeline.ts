/**
 * The run over time, for the HTML charts: per time bucket the target rate, requests started,
 * answered and failed per second, and corrected latency percentiles of the answers in the bucket,
 * read from the recorder's buckets (fixed in number, whatever the run's length).
 */
import { LatencyHistogram } from './latencyHistogram.ts';
import type { Bucket, RunRecorder } from './recorder.ts';
import type { Segment } from './schedule.ts';

export interface TimelinePoint {
  /** Bucket start, seconds from the run's start (time 0 is the warm-up's start). */
  t: number;
  /** Seconds the bucket covers: the bucket width, except for the last one. */
  span: number;
  /** The last bucket, when it covers less (or more) than a bucket width: its rates are over its own span. */
  partial: boolean;
  /** The bucket starts within the warm-up (its answers are not judged). */
  warmUp: boolean;
  targetRate: number;
  sentRate: number;
  doneRate: number;
  failedRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  rawP95: number | null;
}

/** Charts show at most this many points (unless capacity windows need finer buckets); the recorder's buckets are sized from it. */
export const maxTimelinePoints = 600;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Width of a time bucket: whole seconds, wide enough that the planned run gives at most
 * maxTimelinePoints. When the run judges capacity, the buckets must tile its windows (whole
 * `windowS`-second windows from the measured start `originS`, as k6 cuts them): the width is then the
 * smallest divisor of both that is wide enough, or their greatest common divisor when none is (the
 * chart gets more points rather than windows of another length than k6's).
 */
export function bucketWidthS(plannedS: number, capacity?: { windowS: number; originS: number }): number {
  const wanted = Math.max(1, Math.ceil(plannedS / maxTimelinePoints));
  if (!capacity) return wanted;
  const { windowS, originS } = capacity;
  if (!Number.isInteger(windowS) || !Number.isInteger(originS) || windowS < 1 || originS < 0)
    throw new RangeError(`capacity windows need whole seconds, not ${windowS} s from ${originS} s`);
  const common = gcd(windowS, originS);
  for (let width = wanted; width < common; width++) if (common % width === 0) return width;
  return common;
}

function targetAt(segments: readonly Segment[], t: number): number {
  const segment = segments.find((s) => t >= s.start && t < s.start + s.duration);
  return segment ? segment.rate : 0;
}

interface Merged {
  sent: number;
  done: number;
  failed: number;
  latency: LatencyHistogram;
  raw: LatencyHistogram;
}

function mergeInto(into: Merged, bucket: Bucket | undefined): void {
  if (!bucket) return;
  into.sent += bucket.sent;
  into.done += bucket.done;
  into.failed += bucket.failed;
  if (bucket.latency) into.latency.add(bucket.latency);
  if (bucket.raw) into.raw.add(bucket.raw);
}

export function timeline(
  recorder: RunRecorder,
  segments: readonly Segment[],
  durationS: number,
  warmUpS = 0,
): TimelinePoint[] {
  const width = recorder.plan.bucketS;
  // A trailing sliver shorter than half a bucket joins the bucket before it: a 0.03 s last bucket
  // would read as a collapse of throughput to zero at the end of every run.
  const count = Math.max(1, Math.round(durationS / width));
  const span = (b: number) => (b === count - 1 ? Math.max(durationS - b * width, width / 2) : width);
  const rate = (n: number, seconds: number) => Math.round((n / seconds) * 100) / 100;
  const ms = (v: number | undefined) =>
    v === undefined || Number.isNaN(v) ? null : Math.round(v * 100) / 100;
  return Array.from({ length: count }, (_, b) => {
    const merged: Merged = {
      sent: 0,
      done: 0,
      failed: 0,
      latency: new LatencyHistogram(2),
      raw: new LatencyHistogram(2),
    };
    // The last point holds every later bucket too (answers of the grace period).
    const last = b === count - 1 ? Math.max(recorder.bucketCount, count) : b + 1;
    for (let i = b; i < last; i++) mergeInto(merged, recorder.bucket(i));
    const [p50, p95, p99] = merged.latency.percentiles([50, 95, 99]);
    const seconds = span(b);
    return {
      t: b * width,
      span: Math.round(seconds * 1000) / 1000,
      partial: b === count - 1 && Math.abs(seconds - width) > 1e-6,
      warmUp: b * width < warmUpS,
      targetRate: targetAt(segments, b * width + Math.min(width, seconds) / 2),
      sentRate: rate(merged.sent, seconds),
      doneRate: rate(merged.done, seconds),
      failedRate: rate(merged.failed, seconds),
      p50: ms(p50),
      p95: ms(p95),
      p99: ms(p99),
      rawP95: ms(merged.raw.percentiles([95])[0]),
    };
  });
}
