/**
 * The SLO thresholds of profiles/slos.ts as k6 evaluates them: on the measured phase only (warm-up
 * answers are checked but not judged, see warmup.ts), plus what k6 does not do by itself:
 * - k6 passes a threshold that got no samples, so an operation that received no requests would pass
 *   its latency, error and check thresholds; each operation gets `http_reqs{...}: count>0`, which fails;
 * - k6 shows a tagged submetric in the summary only when a threshold names it, so the warm-up's
 *   figures are named with an empty list of thresholds (k6's way to observe without judging).
 */
import type { Profile } from '../profiles/profiles.ts';
import { k6Thresholds, type Threshold, thresholdsFor } from '../profiles/slos.ts';
import type { OperationName, ScenarioInfo } from '../scenarios/types.ts';
import { measuredPhase, phaseTag, warmupPhase } from './warmup.ts';

type K6ThresholdEntry = { threshold: string; abortOnFail: boolean; delayAbortEval?: string };

/** `metric{a:b}` with one more tag: `metric{a:b,phase:measured}`. */
function withTag(k6Metric: string, tag: string): string {
  return k6Metric.endsWith('}') ? `${k6Metric.slice(0, -1)},${tag}}` : `${k6Metric}{${tag}}`;
}

/**
 * The thresholds k6 evaluates, in slos.ts's order and with its names. Per-operation metrics select
 * `phase:measured` (the profile scenario's tag, which k6 puts on every sample of its iterations);
 * dropped iterations carry no scenario tags in k6, only the scenario's name, so they select that.
 */
export function k6ThresholdList(scenario: ScenarioInfo, profile: Profile): Threshold[] {
  return thresholdsFor(scenario.operations, profile).map((t) => ({
    ...t,
    k6Metric:
      t.kind === 'dropped'
        ? withTag(t.k6Metric, `scenario:${scenario.name}`)
        : withTag(t.k6Metric, `${phaseTag}:${measuredPhase}`),
  }));
}

/** The measured requests of one operation (k6's http_reqs counter, selected by name and phase). */
export function requestCountMetric(operation: OperationName): string {
  return `http_reqs{name:${operation},${phaseTag}:${measuredPhase}}`;
}

/** Submetrics of the warm-up shown in the summary, never judged. */
export const warmupMetrics = {
  requests: `http_reqs{${phaseTag}:${warmupPhase}}`,
  failed: `http_req_failed{${phaseTag}:${warmupPhase}}`,
  checks: `checks{${phaseTag}:${warmupPhase}}`,
} as const;

/** `options.thresholds` for k6. */
export function k6ThresholdOptions(
  scenario: ScenarioInfo,
  profile: Profile,
): Record<string, K6ThresholdEntry[]> {
  const thresholds: Record<string, K6ThresholdEntry[]> = k6Thresholds(k6ThresholdList(scenario, profile));
  for (const operation of scenario.operations) {
    // Never abortOnFail: the count is 0 until the first answer, only the end of the run decides.
    thresholds[requestCountMetric(operation)] = [{ threshold: 'count>0', abortOnFail: false }];
  }
  for (const metric of Object.values(warmupMetrics)) thresholds[metric] = [];
  return thresholds;
}
