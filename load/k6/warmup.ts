/**
 * k6's warm-up: a short scenario before the profile's own, so the first answers of a run (JIT,
 * connection set-up, a cold target) are not what the thresholds judge. Its requests are built and
 * checked like any other, tagged `phase:warmup`; the profile's scenario is tagged `phase:measured`
 * and every threshold selects that tag (thresholds.ts), so warm-up answers are seen but not judged.
 * The warm-up (with its grace period) ends before the profile starts, so k6 can hand its VUs, and
 * their open connections, on to the profile's scenario instead of initialising others.
 */
import type { ConstantArrivalRateScenario } from 'k6/options';
import { type Profile, peakRate } from '../profiles/profiles.ts';

export const phaseTag = 'phase';
export const warmupPhase = 'warmup';
export const measuredPhase = 'measured';
export const warmupScenarioName = 'warmup';

/** Seconds of warm-up before the profile's schedule starts. */
export const warmupSeconds = 5;

/** Seconds the warm-up's last answers may take; the profile's scenario starts after them. */
export const warmupGraceSeconds = 2;

/** When the profile's own schedule starts, in seconds from the start of the test. */
export const measuredStartSeconds = warmupSeconds + warmupGraceSeconds;

/** At most this many requests per second while warming up: enough to open connections, not a load. */
export const warmupMaxRate = 10;

/** The warm-up's arrival rate: the profile's peak, capped at warmupMaxRate, at least 1 request per second. */
export function warmupRate(profile: Profile): number {
  return Math.max(1, Math.min(warmupMaxRate, peakRate(profile)));
}

export function warmupScenario(profile: Profile): ConstantArrivalRateScenario {
  return {
    executor: 'constant-arrival-rate',
    rate: warmupRate(profile),
    timeUnit: '1s',
    duration: `${warmupSeconds}s`,
    // As many VUs as the profile starts with, so that many are initialised before it needs them.
    preAllocatedVUs: profile.preAllocatedVUs,
    maxVUs: profile.preAllocatedVUs,
    gracefulStop: `${warmupGraceSeconds}s`,
    exec: 'default',
    tags: { [phaseTag]: warmupPhase, profile: profile.name },
  };
}
