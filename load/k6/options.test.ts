/**
 * The k6 options of every scenario under every profile: a warm-up that ends before the profile
 * starts, thresholds that judge only the measured phase, and a threshold per operation that fails
 * when the operation received no requests (k6 passes thresholds that got no samples).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles, totalDuration, warmUpPauseS } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { runSegments, warmUpSeconds } from '../runner/schedule.ts';
import { scenarios } from '../scenarios/index.ts';
import { k6Options } from './options.ts';
import { warmupMetrics } from './thresholds.ts';
import { warmupScenarioName } from './warmup.ts';

const seconds = (duration: string | undefined) => Number(/^(\d+)s$/.exec(duration ?? '')?.[1]);

for (const scenario of Object.values(scenarios)) {
  describe(`k6 options of ${scenario.name}`, () => {
    for (const profile of Object.values(profiles)) {
      const options = k6Options(scenario, profile);
      const thresholds = options.thresholds!;

      it(`${profile.name}: a warm-up tagged phase:warmup ends before the profile's scenario starts`, () => {
        const warmup = options.scenarios![warmupScenarioName]!;
        const measured = options.scenarios![scenario.name]!;
        assert.equal(warmup.executor, 'constant-arrival-rate');
        assert.equal(warmup.tags?.phase, 'warmup');
        assert.equal(measured.tags?.phase, 'measured');
        assert.equal(measured.tags?.profile, profile.name);
        if (warmup.executor !== 'constant-arrival-rate') return;
        assert.equal(seconds(warmup.duration), profile.warmUp!.durationS);
        assert.equal(warmup.rate, profile.warmUp!.rate);
        assert.ok(Number.isInteger(warmup.rate) && warmup.rate >= 1, `warm-up rate ${warmup.rate}`);
        const warmupEnd = seconds(warmup.duration) + seconds(warmup.gracefulStop);
        assert.ok(
          seconds(measured.startTime) >= warmupEnd,
          'the profile starts after the warm-up and its grace',
        );
        if (measured.executor === 'constant-arrival-rate') {
          assert.equal(seconds(measured.duration), totalDuration(profile));
        }
      });

      it(`${profile.name}: every threshold selects the measured phase; the warm-up is only observed`, () => {
        for (const [metric, list] of Object.entries(thresholds)) {
          if ((Object.values(warmupMetrics) as string[]).includes(metric)) {
            assert.deepEqual(list, [], `${metric} is shown, never judged`);
          } else if (metric.includes(',window:')) {
            assert.match(metric, /^\w+\{name:\w+,phase:measured,window:\d+\}$/);
            assert.deepEqual(list, [], `${metric} is shown, never judged`);
          } else if (metric.startsWith('dropped_iterations')) {
            assert.equal(metric, `dropped_iterations{scenario:${scenario.name}}`);
          } else {
            assert.match(metric, /^\w+\{name:\w+,phase:measured\}$/);
          }
        }
        const expressions = Object.values(thresholds).flat().length;
        const slos = thresholdsFor(scenario.operations, profile).length;
        assert.equal(
          expressions,
          slos + scenario.operations.length,
          'every SLO plus one count per operation',
        );
      });

      it(`${profile.name}: every operation fails when it received no requests`, () => {
        for (const operation of scenario.operations) {
          assert.deepEqual(thresholds[`http_reqs{name:${operation},phase:measured}`], [
            { threshold: 'count>0', abortOnFail: false },
          ]);
        }
      });
    }
  });
}

describe('k6 warm-up', () => {
  it("takes the profile's own warm-up when profiles.ts names one, and starts the profile after it", () => {
    const named = Object.assign({}, profiles.stress, { warmUp: { durationS: 12, rate: 20 } });
    const options = k6Options(scenarios.createLinks, named);
    const warmup = options.scenarios![warmupScenarioName]!;
    assert.ok(warmup.executor === 'constant-arrival-rate' && warmup.rate === 20 && warmup.duration === '12s');
    assert.equal(options.scenarios!.createLinks!.startTime, '14s', '12 s of warm-up and the 2 s pause');
  });

  it('runs no warm-up for a profile that names none: its schedule starts at once, as on the runner', () => {
    const bare = { ...profiles.breakpoint, warmUp: undefined };
    const options = k6Options(scenarios.createLinks, bare);
    assert.deepEqual(Object.keys(options.scenarios!), ['createLinks']);
    assert.equal(options.scenarios!.createLinks!.startTime, '0s');
    assert.deepEqual(runSegments(bare)[0]!.start, 0);
  });

  it('starts the measured run after the warm-up and the pause of profiles.ts, the same second as the runner', () => {
    for (const profile of Object.values(profiles)) {
      const options = k6Options(scenarios.createLinks, profile);
      assert.equal(options.scenarios!.createLinks!.startTime, `${warmUpSeconds(runSegments(profile))}s`);
      assert.equal(options.scenarios![warmupScenarioName]!.gracefulStop, `${warmUpPauseS}s`);
    }
  });
});
