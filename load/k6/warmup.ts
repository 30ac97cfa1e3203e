/**
 * k6's warm-up: a short scenario before the profile's own, so the first answers of a run (JIT,
 * connection set-up, a cold target) are not what the thresholds judge. Its requests are built and
 * checked like any other, tagged `phase:warmup`; the profile's scenario is tagged `phase:measured`
 * and every threshold selects that tag (thresholds.ts), so warm-up answers are seen but not judged.
 * The warm-up and its pause (profiles.ts warmUpPauseS, its gracefulStop here) end before the profile
 * starts, so k6 can hand its VUs, and their open connections, on to the profile's scenario instead of
 * initialising others.
 */
import type { ConstantArrivalRateScenario } from 'k6/options';
import { type Profile, warmUpOf, warmUpPauseS } from '../profiles/profiles.ts';

export const phaseTag = 'phase';
export const warmupPhase = 'warmup';
export const measuredPhase = 'measured';
export const warmupScenarioName = 'warmup';

/** The warm-up scenario; none for a profile without a warm-up (its schedule then starts at once). */
export function warmupScenario(profile: Profile): ConstantArrivalRateScenario | undefined {
  const warmUp = warmUpOf(profile);
  if (!warmUp) return undefined;
  return {
    executor: 'constant-arrival-rate',
    rate: warmUp.rate,
    timeUnit: '1s',
    duration: `${warmUp.durationS}s`,
    // As many VUs as the profile starts with, so that many are initialised before it needs them.
    preAllocatedVUs: profile.preAllocatedVUs,
    maxVUs: profile.preAllocatedVUs,
    gracefulStop: `${warmUpPauseS}s`,
    exec: 'default',
    tags: { [phaseTag]: warmupPhase, profile: profile.name },
  };
}
