/**
 * k6 thresholds: `http_req_duration{name:createLink}: ['p(95)<250']`. k6 checks them when the test
 * starts (a metric that does not exist, a bad tag selector, an aggregation the metric's type has
 * not: the run is refused) and evaluates them on the samples of the metric, or of its sub-metric
 * (samples whose tags match every `tag:value` of the selector). Since k6 0.38 every threshold is
 * evaluated, also on a (sub-)metric without samples, on its empty values: `count>0` fails then,
 * while `p(95)<250` passes (an empty trend's percentiles are 0).
 */
import {
  aggregate,
  aggregationAllowed,
  type MetricDef,
  metricValues,
  type Sample,
  type Tags,
} from './metrics.ts';

export interface ThresholdSpec {
  /** The key as written: `http_req_duration{name:createLink}`. */
  key: string;
  metric: string;
  selector: Tags;
  def: MetricDef;
  expressions: {
    source: string;
    aggregation: string;
    operator: string;
    bound: number;
    abortOnFail: boolean;
  }[];
}

const operators: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function parseKey(key: string): { metric: string; selector: Tags } {
  const match = /^([A-Za-z0-9_.:-]+?)(?:\{(.*)\})?$/.exec(key.trim());
  if (!match) throw new Error(`invalid threshold key ${key}`);
  const selector: Tags = {};
  for (const part of (match[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw new Error(`invalid threshold key ${key}: tag selector ${part} has no name:value`);
    selector[part.slice(0, colon).trim()] = part
      .slice(colon + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { metric: match[1]!, selector };
}

/** Reads and checks `options.thresholds` the way k6 does at start; throws on what k6 refuses. */
export function parseThresholds(
  thresholds: Record<string, unknown> | undefined,
  metrics: ReadonlyMap<string, MetricDef>,
): ThresholdSpec[] {
  return Object.entries(thresholds ?? {}).map(([key, list]) => {
    const { metric, selector } = parseKey(key);
    const def = metrics.get(metric);
    if (!def) throw new Error(`invalid threshold defined on ${key}: no metric name "${metric}" found`);
    if (!Array.isArray(list))
      throw new Error(`invalid threshold defined on ${key}: expected a list of thresholds`);
    const expressions = list.map((entry: unknown) => {
      const object =
        typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
      const source = String(object ? object.threshold : entry);
      const parsed =
        /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(source);
      if (!parsed) throw new Error(`invalid threshold defined on ${key}: cannot parse "${source}"`);
      const [, aggregation, operator, bound] = parsed as unknown as [string, string, string, string];
      if (!aggregationAllowed(def.type, aggregation)) {
        throw new Error(
          `invalid threshold defined on ${key}: "${aggregation}" is not an aggregation of a ${def.type} metric ("${source}")`,
        );
      }
      return {
        source,
        aggregation,
        operator,
        bound: Number(bound),
        abortOnFail: object?.abortOnFail === true,
      };
    });
    return { key, metric, selector, def, expressions };
  });
}

const matches = (tags: Tags, selector: Tags) =>
  Object.entries(selector).every(([name, value]) => tags[name] === value);

export interface SummaryMetric {
  type: string;
  contains: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

/** The `metrics` of k6's summary data: every metric with samples, plus every metric or sub-metric a threshold names. */
export function summaryMetrics(
  samples: readonly Sample[],
  metrics: ReadonlyMap<string, MetricDef>,
  thresholds: readonly ThresholdSpec[],
  trendStats: readonly string[],
  durationS: number,
): Record<string, SummaryMetric> {
  const byMetric = new Map<string, Sample[]>();
  for (const sample of samples) {
    const list = byMetric.get(sample.metric) ?? [];
    list.push(sample);
    byMetric.set(sample.metric, list);
  }
  const out: Record<string, SummaryMetric> = {};
  for (const [name, list] of byMetric) {
    const def = metrics.get(name)!;
    const values = list.map((s) => s.value);
    out[name] = {
      type: def.type,
      contains: def.contains,
      values: metricValues(def, values, trendStats, durationS),
    };
  }
  for (const t of thresholds) {
    const values = (byMetric.get(t.metric) ?? [])
      .filter((s) => matches(s.tags, t.selector))
      .map((s) => s.value);
    const entry = out[t.key] ?? {
      type: t.def.type,
      contains: t.def.contains,
      values: metricValues(t.def, values, trendStats, durationS),
    };
    out[t.key] = entry;
    entry.thresholds = {};
    for (const e of t.expressions) {
      const ok = operators[e.operator]!(aggregate(t.def, values, e.aggregation, durationS), e.bound);
      entry.thresholds[e.source] = { ok };
    }
  }
  return out;
}
