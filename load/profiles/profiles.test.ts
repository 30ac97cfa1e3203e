/**
 * Profiles and SLO thresholds: one module both engines read. Smoke stays seconds long, rates are an
 * open model, and k6 gets exactly the thresholds the runner evaluates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLinks } from '../scenarios/createLinks.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import {
  isConstant,
  peakRate,
  plannedRequests,
  profileNames,
  profiles,
  scaleProfile,
  totalDuration,
} from './profiles.ts';
import { k6Thresholds, slos, thresholdsFor } from './slos.ts';

describe('profiles', () => {
  it('has the six kinds, smoke a few seconds and constant, breakpoint aborting on latency', () => {
    assert.deepEqual(Object.keys(profiles), [...profileNames]);
    assert.ok(totalDuration(profiles.smoke) <= 10 && isConstant(profiles.smoke));
    assert.ok(profiles.breakpoint.abortOnLatency && !profiles.stress.abortOnLatency);
    assert.ok(totalDuration(profiles.soak) >= 3600);
    assert.ok(peakRate(profiles.spike) >= 10 * profiles.spike.startRate);
    for (const p of Object.values(profiles)) assert.ok(p.preAllocatedVUs <= p.maxVUs, p.name);
  });

  it('counts planned requests as the area under the rate curve', () => {
    assert.equal(plannedRequests(profiles.smoke), 50);
    // 0→50 over 30 s, 50 for 240 s, 50→0 over 30 s.
    assert.equal(plannedRequests(profiles.average), 750 + 12000 + 750);
  });

  it('scales rates and VU budgets, and refuses nonsense factors', () => {
    const doubled = scaleProfile(profiles.spike, 2);
    assert.equal(peakRate(doubled), 1000);
    assert.equal(doubled.maxVUs, 2000);
    assert.equal(totalDuration(doubled), totalDuration(profiles.spike));
    assert.throws(() => scaleProfile(profiles.smoke, 0), /positive/);
    assert.throws(() => scaleProfile(profiles.smoke, Number.NaN), /positive/);
  });

  it('scales to whole rates (k6 refuses fractions) and refuses a scale that rounds a rate to 0', () => {
    for (const factor of [0.05, 0.1, 0.33, 0.5, 1.7, 3]) {
      for (const profile of Object.values(profiles)) {
        const scaled = scaleProfile(profile, factor);
        const rates = [scaled.startRate, ...scaled.stages.map((s) => s.target)];
        assert.ok(rates.every(Number.isInteger), `${profile.name} × ${factor}: ${rates.join(', ')}`);
      }
    }
    assert.equal(scaleProfile(profiles.smoke, 0.33).startRate, 3);
    assert.equal(peakRate(scaleProfile(profiles.spike, 0.05)), 25);
    assert.equal(scaleProfile(profiles.average, 0.01).startRate, 0, 'a zero rate stays zero');
    assert.throws(() => scaleProfile(profiles.smoke, 0.04), /rounds to 0.*at least 0\.05/);
  });

  it('gives every profile a short warm-up that a scale lowers but never raises, and breakpoint a capacity window', () => {
    for (const p of Object.values(profiles)) {
      assert.ok(p.warmUp && p.warmUp.durationS > 0 && p.warmUp.durationS <= 10, `${p.name} warms up briefly`);
      assert.equal(scaleProfile(p, 20).warmUp?.rate, p.warmUp.rate, `${p.name} × 20 warms up as before`);
      assert.equal(scaleProfile(p, 0.05).warmUp?.rate, Math.max(1, Math.round(p.warmUp.rate * 0.05)));
    }
    assert.equal(profiles.breakpoint.capacityWindowS, 10);
  });
});

describe('thresholds', () => {
  it('gives each operation p95, p99, error rate and check rate, plus dropped requests', () => {
    const list = thresholdsFor(createLinks.operations, profiles.smoke);
    assert.equal(list.length, 2 * 4 + 1);
    const p95 = list.find((t) => t.id === `createLink p95 < ${slos.createLink.p95Ms} ms`)!;
    assert.equal(p95.k6Metric, 'http_req_duration{name:createLink}');
    assert.equal(p95.k6Expression, `p(95)<${slos.createLink.p95Ms}`);
    assert.equal(list.at(-1)!.k6Expression, 'count<3');
  });

  it('maps onto k6 options, with abortOnFail where the profile asks for it', () => {
    const smoke = k6Thresholds(thresholdsFor(listTransactions.operations, profiles.smoke));
    assert.deepEqual(smoke['checks{name:getPayInTransactions}'], [
      { threshold: 'rate>0.99', abortOnFail: false },
    ]);
    const breakpoint = k6Thresholds(thresholdsFor(listTransactions.operations, profiles.breakpoint));
    assert.deepEqual(breakpoint['http_req_duration{name:getMyUsedLinks}']![0], {
      threshold: 'p(95)<300',
      abortOnFail: true,
      delayAbortEval: '10s',
    });
    assert.equal(breakpoint.dropped_iterations![0]!.abortOnFail, false);
  });
});
