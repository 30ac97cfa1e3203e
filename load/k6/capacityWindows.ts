/**
 * The capacity a breakpoint run found, on the k6 side, from the same function the runner calls
 * (../shared/capacity.ts). k6's summary holds only whole-run figures, so each measured request of a
 * capacity-judging profile is tagged with its window of the ramp (`window:<n>`, n = whole windows
 * since the profile's scenario started, i.e. since the measured start, as the runner counts), and
 * each window's figures are named
 * with an empty threshold list, k6's way to get a submetric into the summary without judging it.
 * handleSummary() rebuilds the windows from those submetrics and states the capacity.
 */
import { type Profile, totalDuration } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import type { OperationName, ScenarioInfo } from '../scenarios/types.ts';
import { type Capacity, type CapacityWindow, capacityOf } from '../shared/capacity.ts';
import { measuredPhase, phaseTag } from './warmup.ts';

export const windowTag = 'window';

/**
 * The window a profile's capacity is judged over, as profiles.ts names it; undefined for profiles
 * that name none and so look for no capacity (the runner's rule too).
 */
export function capacityWindowOf(profile: Profile): number | undefined {
  return profile.capacityWindowS;
}

export const judgesCapacity = (profile: Profile) => capacityWindowOf(profile) !== undefined;

/** Whole windows of the profile's schedule; a last, shorter one is left out (too few answers to judge a rate by). */
export const windowCount = (profile: Profile) =>
  Math.floor(totalDuration(profile) / (capacityWindowOf(profile) ?? Number.POSITIVE_INFINITY));

/**
 * The window tag of a request started `elapsedMs` after the profile's scenario started: the
 * scenario starts at the measured run's start (profiles.ts measuredStartS, its startTime), the
 * origin the runner counts its windows from.
 */
export const windowOf = (elapsedMs: number, windowS: number) =>
  String(Math.floor(elapsedMs / 1000 / windowS));

const figures = {
  requests: 'http_reqs',
  latency: 'http_req_duration',
  failed: 'http_req_failed',
  checks: 'checks',
} as const;

function windowMetric(metric: string, operation: OperationName, window: number): string {
  return `${metric}{name:${operation},${phaseTag}:${measuredPhase},${windowTag}:${window}}`;
}

/** Empty threshold lists naming every window's figures, for a profile that judges capacity. */
export function windowThresholds(scenario: ScenarioInfo, profile: Profile): Record<string, never[]> {
  const named: Record<string, never[]> = {};
  if (!judgesCapacity(profile)) return named;
  for (let window = 0; window < windowCount(profile); window++)
    for (const operation of scenario.operations)
      for (const metric of Object.values(figures)) named[windowMetric(metric, operation, window)] = [];
  return named;
}

/** Requests per second the profile plans on average between `fromS` and `toS` (its rate is piecewise linear). */
export function plannedMeanRate(profile: Profile, fromS: number, toS: number): number {
  let area = 0;
  let start = 0;
  let rate = profile.startRate;
  for (const stage of profile.stages) {
    const end = start + stage.duration;
    const at = (t: number) => rate + ((stage.target - rate) * (t - start)) / stage.duration;
    const a = Math.max(fromS, start);
    const b = Math.min(toS, end);
    if (b > a) area += ((at(a) + at(b)) / 2) * (b - a);
    start = end;
    rate = stage.target;
  }
  return area / (toS - fromS);
}

type SummaryMetrics = Record<string, { values: Record<string, number> } | undefined>;

/** The capacity of a capacity-judging run from k6's summary metrics; undefined for other profiles. */
export function capacityFromSummary(
  scenario: ScenarioInfo,
  profile: Profile,
  metrics: SummaryMetrics,
): Capacity | undefined {
  const windowS = capacityWindowOf(profile);
  if (windowS === undefined) return undefined;
  const windows: CapacityWindow[] = [];
  for (let window = 0; window < windowCount(profile); window++) {
    const startS = window * windowS;
    const durationS = windowS;
    const value = (metric: string, operation: OperationName, key: string) =>
      metrics[windowMetric(metric, operation, window)]?.values[key];
    const operations = scenario.operations.map((operation) => {
      const requests = value(figures.requests, operation, 'count') ?? 0;
      const measured = (metric: string, key: string) =>
        requests > 0 ? (value(metric, operation, key) ?? null) : null;
      return {
        operation,
        requests,
        p95: measured(figures.latency, 'p(95)'),
        p99: measured(figures.latency, 'p(99)'),
        errorRate: measured(figures.failed, 'rate'),
        checkRate: measured(figures.checks, 'rate'),
      };
    });
    const planned = plannedMeanRate(profile, startS, startS + durationS) * durationS;
    // One request per iteration: the window's requests are its iterations that were not dropped.
    const started = operations.reduce((sum, o) => sum + o.requests, 0);
    windows.push({ startS, durationS, rate: Math.round(planned / durationS), planned, started, operations });
  }
  return capacityOf(windows, thresholdsFor(scenario.operations, profile), windowS);
}
