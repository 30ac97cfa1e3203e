/**
 * The breakpoint run's capacity, from the recorder's time buckets: consecutive windows of the
 * measured run (after the warm-up and its pause), each with its planned arrival rate, the requests it
 * planned and started, and its figures per operation,
 * judged by load/shared/capacity.ts (the function k6's handleSummary shares).
 */
import type { Threshold } from '../profiles/slos.ts';
import { type Capacity, type CapacityWindow, capacityOf } from '../shared/capacity.ts';
import type { RunRecorder } from './recorder.ts';
import type { Segment } from './schedule.ts';
import { OperationTally } from './stats.ts';

/** Requests the segments plan to start within [from, to) seconds (a share of a segment's quota by overlap). */
export function plannedRequests(segments: readonly Segment[], from: number, to: number): number {
  let requests = 0;
  for (const s of segments) {
    const overlap = Math.min(to, s.start + s.duration) - Math.max(from, s.start);
    if (overlap > 0) requests += (s.quota / s.duration) * overlap;
  }
  return requests;
}

/** Mean planned rate over [from, to) seconds: the requests the segments plan there, per second. */
export function plannedRate(segments: readonly Segment[], from: number, to: number): number {
  return Math.round(plannedRequests(segments, from, to) / (to - from));
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Start times (seconds from the run's start) of the capacity windows: whole windows of `windowS`
 * from the measured run's start (`originS`, after the warm-up and its pause) to `durationS`, k6's
 * windows too (load/k6/capacityWindows.ts); a last, shorter window is left out (too few answers to
 * judge a rate by). The recorder's buckets must tile them (timeline.ts bucketWidthS aligns them).
 */
export function capacityWindowStarts(
  windowS: number,
  originS: number,
  durationS: number,
  bucketS: number,
): number[] {
  const whole = (n: number) => Math.abs(n - Math.round(n)) < 1e-9;
  if (!whole(windowS / bucketS) || !whole(originS / bucketS))
    throw new RangeError(
      `time buckets of ${bucketS} s cannot cut ${windowS} s capacity windows from ${originS} s: the bucket width must divide both`,
    );
  const starts: number[] = [];
  for (let start = originS; start + windowS <= durationS + 1e-9; start += windowS) starts.push(start);
  return starts;
}

export function capacityWindows(
  recorder: RunRecorder,
  segments: readonly Segment[],
  windowS: number,
  warmUpS: number,
  durationS: number,
): { windowS: number; windows: CapacityWindow[] } {
  const bucketS = recorder.plan.bucketS;
  const perWindow = Math.round(windowS / bucketS);
  const windows = capacityWindowStarts(windowS, warmUpS, durationS, bucketS).map((startS) => {
    const tallies = recorder.plan.operations.map(() => new OperationTally(2, false));
    let started = 0;
    const first = Math.round(startS / bucketS);
    for (let i = first; i < first + perWindow; i++) {
      const bucket = recorder.bucket(i);
      started += bucket?.started ?? 0;
      bucket?.ops.forEach((tally, op) => {
        if (tally) tallies[op]!.merge(tally);
      });
    }
    const planned = plannedRequests(segments, startS, startS + windowS);
    return {
      startS: startS - warmUpS,
      durationS: windowS,
      rate: Math.round(planned / windowS),
      planned,
      started,
      operations: tallies.map((t, op) => {
        const [p95, p99] = t.latency.percentiles([95, 99]);
        return {
          operation: recorder.plan.operations[op]!,
          requests: t.requests,
          p95: orNull(p95!),
          p99: orNull(p99!),
          errorRate: orNull(t.errorRate),
          checkRate: orNull(t.checkRate),
        };
      }),
    };
  });
  return { windowS, windows };
}

export function runCapacity(
  recorder: RunRecorder,
  segments: readonly Segment[],
  thresholds: readonly Threshold[],
  run: { windowS: number; warmUpS: number; durationS: number },
): Capacity {
  const { windowS, windows } = capacityWindows(recorder, segments, run.windowS, run.warmUpS, run.durationS);
  return capacityOf(windows, thresholds, windowS);
}
