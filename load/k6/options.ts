/**
 * k6 `options` for a scenario under a profile: a warm-up scenario, then the profile's schedule as an
 * arrival-rate scenario tagged with the profile, the thresholds of thresholds.ts, and for the
 * breakpoint the per-window figures its capacity is found from (capacityWindows.ts). No k6 module is
 * imported here (types only), so tests check these options in Node.
 */
import type { ConstantArrivalRateScenario, Options, RampingArrivalRateScenario } from 'k6/options';
import { isConstant, measuredStartS, type Profile, totalDuration } from '../profiles/profiles.ts';
import type { ScenarioInfo } from '../scenarios/types.ts';
import { productionHosts } from '../shared/productionHost.ts';
import { windowThresholds } from './capacityWindows.ts';
import { k6ThresholdOptions } from './thresholds.ts';
import { measuredPhase, phaseTag, warmupScenario, warmupScenarioName } from './warmup.ts';

/** The production host is never a load target: BASE_URL is checked in common.ts, and k6's blockHostnames stops any request. */
const blockedHosts = productionHosts.flatMap((host) => [host, `*.${host}`]);

export function profileScenario(profile: Profile): ConstantArrivalRateScenario | RampingArrivalRateScenario {
  const common = {
    timeUnit: '1s',
    preAllocatedVUs: profile.preAllocatedVUs,
    maxVUs: profile.maxVUs,
    gracefulStop: '30s',
    startTime: `${measuredStartS(profile)}s`,
    exec: 'default',
    tags: { [phaseTag]: measuredPhase, profile: profile.name },
  };
  if (isConstant(profile)) {
    return {
      executor: 'constant-arrival-rate',
      rate: profile.startRate,
      duration: `${totalDuration(profile)}s`,
      ...common,
    };
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: profile.startRate,
    stages: profile.stages.map((stage) => ({ duration: `${stage.duration}s`, target: stage.target })),
    ...common,
  };
}

export function k6Options(scenario: ScenarioInfo, profile: Profile): Options {
  const warmup = warmupScenario(profile);
  return {
    scenarios: warmup
      ? { [warmupScenarioName]: warmup, [scenario.name]: profileScenario(profile) }
      : { [scenario.name]: profileScenario(profile) },
    thresholds: { ...k6ThresholdOptions(scenario, profile), ...windowThresholds(scenario, profile) },
    blockHostnames: blockedHosts,
    // k6 follows 10 redirects by default, token header included: a key must never leave the target.
    maxRedirects: 0,
    setupTimeout: '5m',
    teardownTimeout: '10m',
    summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
    userAgent: 'secpaid-load/k6',
  };
}
