/**
 * An archive made for one profile and run with another is refused. k6 stores the options evaluated
 * at archive time and runs those; `exec.test.options` hands them back as JSON. These tests build
 * exactly that: options computed for the archive's PROFILE/RATE_SCALE, through JSON, compared with
 * the profile the run's environment asks for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileNames, profiles, scaleProfile } from '../profiles/profiles.ts';
import { createLinks } from '../scenarios/createLinks.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import { k6Options } from './options.ts';
import { type OptionsInEffect, profileMismatch } from './profileGuard.ts';

/** The options a `k6 archive` made with this profile carries, as exec.test.options returns them. */
const archivedFor = (scenario: typeof createLinks | typeof listTransactions, profile = profiles.smoke) =>
  JSON.parse(JSON.stringify(k6Options(scenario, profile))) as OptionsInEffect;

describe('profile guard', () => {
  it('accepts every profile run with the options it was archived with', () => {
    for (const name of profileNames) {
      for (const scenario of [createLinks, listTransactions]) {
        const profile = profiles[name];
        assert.equal(
          profileMismatch(archivedFor(scenario, profile), scenario.name, profile),
          undefined,
          name,
        );
      }
    }
    const scaled = scaleProfile(profiles.stress, 2);
    assert.equal(profileMismatch(archivedFor(createLinks, scaled), 'createLinks', scaled), undefined);
  });

  it('refuses an archive made without -e PROFILE (smoke) run by pods whose PROFILE is stress', () => {
    const problem = profileMismatch(archivedFor(createLinks), 'createLinks', profiles.stress);
    assert.ok(problem);
    assert.match(problem, /run profile smoke, constant-arrival-rate at 10 req\/s/);
    assert.match(problem, /ask for profile stress, ramping-arrival-rate at 0, 200, 200, 0 req\/s/);
    assert.match(problem, /k6 archive -e PROFILE=<profile>/);
  });

  it('refuses the same profile archived with another RATE_SCALE', () => {
    const archived = archivedFor(listTransactions, profiles.stress);
    const problem = profileMismatch(archived, 'listTransactions', scaleProfile(profiles.stress, 2));
    assert.match(problem ?? '', /at 0, 200, 200, 0 req\/s, but .* at 0, 400, 400, 0 req\/s/);
  });

  it('refuses options whose scenario was replaced on the command line (--vus, --duration)', () => {
    const replaced: OptionsInEffect = { scenarios: { default: { executor: 'constant-vus' } } };
    assert.match(
      profileMismatch(replaced, 'createLinks', profiles.smoke) ?? '',
      /no scenario createLinks \(replaced by --vus, --duration or --iterations\?\)/,
    );
    assert.match(profileMismatch({}, 'createLinks', profiles.smoke) ?? '', /no scenario createLinks/);
  });
});
