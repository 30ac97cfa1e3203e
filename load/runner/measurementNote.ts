/**
 * How the figures were measured, stated in the report: the histograms and their precision, the
 * percentile definition, and whether the latency figures are the target's at all (a load generator
 * whose event loop stalled charges its own delays to the target, as k6 warns when it runs out of VUs).
 */
import type { GeneratorHealth } from './generatorHealth.ts';
import { relativePrecision, resolutionMs } from './latencyHistogram.ts';
import type { RunRecorder } from './recorder.ts';

export interface MeasurementNote {
  histogram: string;
  percentiles: string;
  /** Relative precision of the percentiles per operation and of the timeline's (and capacity windows'). */
  precision: { operations: number; buckets: number; resolutionMs: number };
  bucketS: number;
  /** False when the generator stalled beyond its bound (generatorHealth.ts): latency includes its delays. */
  latencyTrustworthy: boolean;
  message: string;
}

export function measurementNote(recorder: RunRecorder, generator: GeneratorHealth): MeasurementNote {
  const precision = { operations: relativePrecision[3], buckets: relativePrecision[2], resolutionMs };
  const delay = `event-loop delay p99 ${generator.loopDelayMs.p99} ms, max ${generator.loopDelayMs.max} ms`;
  return {
    histogram:
      "HDR histograms of microseconds (HdrHistogram's layout): fixed memory, whatever the run length",
    percentiles: "k6's: linear interpolation between the neighbouring ranks",
    precision,
    bucketS: recorder.plan.bucketS,
    latencyTrustworthy: !generator.saturated,
    message: generator.saturated
      ? `latency figures are not trustworthy: the load generator stalled (${generator.reason}; ${delay}), and its own delays are in them`
      : `the load generator kept its schedule (${delay}): latency figures are the target's, within ${precision.operations * 100} % (per operation) and ${precision.buckets * 100} % (over time)`,
  };
}
