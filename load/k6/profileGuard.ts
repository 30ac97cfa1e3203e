/**
 * Refuses a run whose options in effect are not the profile PROFILE and RATE_SCALE ask for.
 * `k6 archive` stores the options evaluated when the archive was made and k6 never re-reads them
 * from the archive, while the init code (and so handleSummary) sees the environment of the run: an
 * archive made without `-e PROFILE=stress`, run by pods whose PROFILE is stress, would run smoke and
 * report it as stress. setup() compares `exec.test.options` (what k6 really runs) with the profile
 * computed from the environment, and aborts the test on any difference.
 */
import type { Profile } from '../profiles/profiles.ts';
import { profileScenario } from './options.ts';

/** The part of a scenario in k6's consolidated options read here (exec.test.options is JSON-shaped). */
export interface ScenarioInEffect {
  executor?: string;
  rate?: number;
  startRate?: number;
  stages?: readonly { target?: number }[];
  tags?: Record<string, string>;
}

export interface OptionsInEffect {
  scenarios?: Record<string, ScenarioInEffect | undefined> | null;
}

/** Profile name, executor and every arrival rate of a scenario: what decides the load it makes. */
function shape(scenario: ScenarioInEffect): string {
  const rates =
    scenario.executor === 'constant-arrival-rate'
      ? [scenario.rate]
      : [scenario.startRate, ...(scenario.stages ?? []).map((stage) => stage.target)];
  return `profile ${scenario.tags?.profile ?? '(none)'}, ${scenario.executor ?? '(no executor)'} at ${rates.join(', ')} req/s`;
}

/** Why the options in effect do not run `profile` for `scenarioName`, or undefined when they do. */
export function profileMismatch(
  inEffect: OptionsInEffect,
  scenarioName: string,
  profile: Profile,
): string | undefined {
  const expected = shape(profileScenario(profile));
  const actual = inEffect.scenarios?.[scenarioName];
  const how =
    'k6 fixes the options when it archives a script: archive once per profile (k6 archive -e PROFILE=<profile> ' +
    '[-e RATE_SCALE=<scale>] ...) and run each archive with the same PROFILE and RATE_SCALE';
  if (actual === undefined) {
    return `the options in effect have no scenario ${scenarioName} (replaced by --vus, --duration or --iterations?), but PROFILE and RATE_SCALE ask for ${expected}`;
  }
  const found = shape(actual);
  if (found === expected) return undefined;
  return `the options in effect run ${found}, but PROFILE and RATE_SCALE ask for ${expected}: ${how}`;
}
