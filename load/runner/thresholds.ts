/**
 * Evaluates the SLO thresholds of profiles/slos.ts on the runner's measurements: the same list k6
 * evaluates, with latency corrected for coordinated omission. An operation without any request
 * fails its thresholds: a scenario that never called it did not show that it meets them.
 */
import type { Threshold } from '../profiles/slos.ts';
import type { OperationStats } from './stats.ts';

export interface ThresholdResult {
  id: string;
  kind: Threshold['kind'];
  operation?: string;
  limit: number;
  abortOnFail: boolean;
  k6Metric: string;
  k6Expression: string;
  /** Null when there was nothing to measure. */
  actual: number | null;
  ok: boolean;
  /** False when the load generator saturated and this figure includes its own delays (saturation.ts). */
  trusted?: boolean;
  message: string;
}

function measure(t: Threshold, stats: OperationStats | undefined, dropped: number): number | null {
  if (t.kind === 'dropped') return dropped;
  if (!stats || stats.requests === 0) return null;
  switch (t.kind) {
    case 'p95':
      return stats.latency.count ? stats.latency.p95 : null;
    case 'p99':
      return stats.latency.count ? stats.latency.p99 : null;
    case 'errorRate':
      return stats.errorRate;
    case 'checkRate':
      return stats.checks ? stats.checkRate : null;
  }
}

function passes(t: Threshold, actual: number): boolean {
  // k6's expressions are strict: p(95)<250, rate<0.01, rate>0.99, count<N.
  return t.kind === 'checkRate' ? actual > t.limit : actual < t.limit;
}

function describe(t: Threshold, actual: number | null): string {
  if (actual === null) return `${t.id}: no requests measured`;
  const shown =
    t.kind === 'p95' || t.kind === 'p99'
      ? `${actual.toFixed(1)} ms`
      : String(Math.round(actual * 10000) / 10000);
  return `${t.id}: measured ${shown}`;
}

export function evaluateThresholds(
  thresholds: readonly Threshold[],
  operations: readonly OperationStats[],
  dropped: number,
): ThresholdResult[] {
  return thresholds.map((t) => {
    const actual = measure(
      t,
      operations.find((o) => o.operation === t.operation),
      dropped,
    );
    return { ...t, actual, ok: actual !== null && passes(t, actual), message: describe(t, actual) };
  });
}
