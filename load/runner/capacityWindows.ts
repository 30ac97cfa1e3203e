/**
 * The breakpoint run's capacity, from the recorder's time buckets: consecutive windows of the
 * measured run (after the warm-up), each with its planned arrival rate and its figures per operation,
 * judged by load/shared/capacity.ts (the function k6's handleSummary shares).
 */
import type { Threshold } from '../profiles/slos.ts';
import { type Capacity, type CapacityWindow, capacityOf } from '../shared/capacity.ts';
import type { RunRecorder } from './recorder.ts';
import type { Segment } from './schedule.ts';
import { OperationTally } from './stats.ts';

/** Mean planned rate over [from, to) seconds: the requests the segments plan there, per second. */
export function plannedRate(segments: readonly Segment[], from: number, to: number): number {
  let requests = 0;
  for (const s of segments) {
    const overlap = Math.min(to, s.start + s.duration) - Math.max(from, s.start);
    if (overlap > 0) requests += (s.quota / s.duration) * overlap;
  }
  return Math.round(requests / (to - from));
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Windows of `windowS` (rounded to whole buckets) from the warm-up's end to the run's end; a last
 * window shorter than the others is left out (too few answers to judge a rate by).
 */
export function capacityWindows(
  recorder: RunRecorder,
  segments: readonly Segment[],
  windowS: number,
  warmUpS: number,
  durationS: number,
): { windowS: number; windows: CapacityWindow[] } {
  const bucketS = recorder.plan.bucketS;
  const perWindow = Math.max(1, Math.round(windowS / bucketS));
  const width = perWindow * bucketS;
  const first = Math.ceil(warmUpS / bucketS);
  const windows: CapacityWindow[] = [];
  for (let b = first; (b + perWindow) * bucketS <= durationS + 1e-9; b += perWindow) {
    const tallies = recorder.plan.operations.map(() => new OperationTally(2, false));
    for (let i = b; i < b + perWindow; i++) {
      const bucket = recorder.bucket(i);
      bucket?.ops.forEach((tally, op) => {
        if (tally) tallies[op]!.merge(tally);
      });
    }
    const startS = b * bucketS;
    windows.push({
      startS: startS - warmUpS,
      durationS: width,
      rate: plannedRate(segments, startS, startS + width),
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
    });
  }
  return { windowS: width, windows };
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
