/**
 * k6's metric model, for the few dozen iterations of an emulated run: every sample is kept, so
 * the figures are exact (k6 keeps every trend sample too). A metric without samples has k6's empty
 * values (counts, rates and trend statistics 0). Metric types and their values, the
 * built-in metrics k6 defines, and trend percentiles as k6 computes them (linear interpolation
 * between the closest ranks of the sorted samples).
 */
import { exactPercentile } from '../shared/percentile.ts';

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
export type Tags = Record<string, string>;

export interface MetricDef {
  type: MetricType;
  contains: 'default' | 'time' | 'data';
}

/** k6 1.x's built-in metrics: thresholds may name these, or custom metrics made in the init context. */
export const builtinMetrics: Record<string, MetricDef> = {
  vus: { type: 'gauge', contains: 'default' },
  vus_max: { type: 'gauge', contains: 'default' },
  iterations: { type: 'counter', contains: 'default' },
  iteration_duration: { type: 'trend', contains: 'time' },
  dropped_iterations: { type: 'counter', contains: 'default' },
  data_received: { type: 'counter', contains: 'data' },
  data_sent: { type: 'counter', contains: 'data' },
  checks: { type: 'rate', contains: 'default' },
  group_duration: { type: 'trend', contains: 'time' },
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_failed: { type: 'rate', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time' },
  http_req_blocked: { type: 'trend', contains: 'time' },
  http_req_connecting: { type: 'trend', contains: 'time' },
  http_req_tls_handshaking: { type: 'trend', contains: 'time' },
  http_req_sending: { type: 'trend', contains: 'time' },
  http_req_waiting: { type: 'trend', contains: 'time' },
  http_req_receiving: { type: 'trend', contains: 'time' },
};

export interface Sample {
  metric: string;
  value: number;
  tags: Tags;
}

/** k6's trend percentile, `p` in 0..100: the exact one, and 0 for a trend without samples (as k6 since 0.38). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : exactPercentile(sorted, p);
}

/** The aggregations a threshold may use on each metric type (k6 refuses any other at start). */
export function aggregationAllowed(type: MetricType, aggregation: string): boolean {
  if (type === 'trend') return /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/.test(aggregation);
  if (type === 'rate') return aggregation === 'rate';
  if (type === 'counter') return aggregation === 'count' || aggregation === 'rate';
  return aggregation === 'value';
}

/** One aggregation of a metric's samples; `stat` is a summaryTrendStats entry or a threshold's aggregation. */
function trendValue(sorted: readonly number[], stat: string): number {
  if (stat === 'avg') return sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  if (stat === 'min') return sorted[0] ?? 0;
  if (stat === 'max') return sorted[sorted.length - 1] ?? 0;
  if (stat === 'med') return percentile(sorted, 50);
  if (stat === 'count') return sorted.length;
  const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
  if (p) return percentile(sorted, Number(p[1]));
  throw new Error(`summaryTrendStats: unknown stat ${stat}`);
}

/** The `values` of a metric in k6's summary data. */
export function metricValues(
  def: MetricDef,
  values: readonly number[],
  trendStats: readonly string[],
  durationS: number,
): Record<string, number> {
  if (def.type === 'counter') {
    const count = values.reduce((a, b) => a + b, 0);
    return { count, rate: count / Math.max(durationS, 1e-9) };
  }
  if (def.type === 'rate') {
    const passes = values.filter((v) => v !== 0).length;
    return { rate: values.length === 0 ? 0 : passes / values.length, passes, fails: values.length - passes };
  }
  if (def.type === 'gauge') {
    if (values.length === 0) return { value: 0, min: 0, max: 0 };
    return { value: values[values.length - 1]!, min: Math.min(...values), max: Math.max(...values) };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const stat of trendStats) out[stat] = trendValue(sorted, stat);
  return out;
}

/** A threshold's aggregation of a metric's samples (`p(95)`, `rate`, `count`, `value`, ...). */
export function aggregate(
  def: MetricDef,
  values: readonly number[],
  aggregation: string,
  durationS: number,
): number {
  if (def.type === 'trend')
    return trendValue(
      [...values].sort((a, b) => a - b),
      aggregation,
    );
  return metricValues(def, values, [], durationS)[aggregation] ?? Number.NaN;
}
