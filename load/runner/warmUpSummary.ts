/**
 * What the warm-up did, for the report: its requests were started and checked like the others, and
 * are stated here, apart from the figures the thresholds judge.
 */
import type { LatencyStats } from './latencyHistogram.ts';
import type { RunRecorder } from './recorder.ts';
import type { Segment } from './schedule.ts';

export interface WarmUpSummary {
  durationS: number;
  rate: number;
  planned: number;
  started: number;
  answered: number;
  failed: number;
  checksPassed: number;
  checks: number;
  /** Latency from the intended start, as for the measured requests. */
  latency: LatencyStats;
}

export function warmUpSummary(
  recorder: RunRecorder,
  segments: readonly Segment[],
  planned: number,
): WarmUpSummary | undefined {
  const warm = segments.filter((s) => s.warmUp);
  if (warm.length === 0) return undefined;
  const t = recorder.warmUp;
  return {
    durationS: warm.reduce((end, s) => Math.max(end, s.start + s.duration), 0),
    rate: Math.max(...warm.map((s) => s.rate)),
    planned,
    started: recorder.warmUpSamples,
    answered: t.latency.count,
    failed: t.failed,
    checksPassed: t.checksPassed,
    checks: t.checks,
    latency: t.latency.stats(),
  };
}
