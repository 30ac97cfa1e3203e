/**
 * k6's warm-up: a short scenario before the profile's own, so the first answers of a run (JIT,
 * connection set-up, a cold target) are not what the thresholds judge. Its requests are built and
 * checked like any other, tagged `phase:warmup`; the profile's scenario is tagged `phase:measured`
 * and every threshold selects that tag (thresholds.ts), so warm-up answers are seen but not judged.
 * The warm-up (with its grace period) ends before the profile starts, so k6 can hand its VUs, and
 * their open connections, on to the profile's scenario instead of initialising others.
 */
import type { ConstantArrivalRateScenario } from 'k6/options';
import { type Profile, peakRate, type WarmUp } from '../profiles/profiles.ts';

export const phaseTag = 'phase';
export const warmupPhase = 'warmup';
export const measuredPhase = 'measured';
export const warmupScenarioName = 'warmup';

/** Seconds of warm-up for a profile that names none. */
export const defaultWarmupSeconds = 5;

/** At most this many requests per second while warming up, for a profile that names no warm-up. */
export const defaultWarmupMaxRate = 10;

/** Seconds the warm-up's last answers may take; the profile's scenario starts after them. */
export const warmupGraceSeconds = 2;

/**
 * The profile's warm-up as profiles.ts names it, shared with the runner; for a profile that names
 * none, defaultWarmupSeconds at its peak rate capped at defaultWarmupMaxRate (at least 1 req/s).
 */
export function warmUpOf(profile: Profile): WarmUp {
  return (
    profile.warmUp ?? {
      durationS: defaultWarmupSeconds,
      rate: Math.max(1, Math.min(defaultWarmupMaxRate, peakRate(profile))),
    }
  );
}

/** When the profile's own schedule starts, in seconds from the start of the test. */
export const measuredStartSeconds = (profile: Profile) => warmUpOf(profile).durationS + warmupGraceSeconds;

export function warmupScenario(profile: Profile): ConstantArrivalRateScenario {
  const warmUp = warmUpOf(profile);
  return {
    executor: 'constant-arrival-rate',
    rate: warmUp.rate,
    timeUnit: '1s',
    duration: `${warmUp.durationS}s`,
    // As many VUs as the profile starts with, so that many are initialised before it needs them.
    preAllocatedVUs: profile.preAllocatedVUs,
    maxVUs: profile.preAllocatedVUs,
    gracefulStop: `${warmupGraceSeconds}s`,
    exec: 'default',
    tags: { [phaseTag]: warmupPhase, profile: profile.name },
  };
}
