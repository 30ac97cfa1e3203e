/**
 * Who saturated: the generator (its figures marked untrusted, a run failing only on them is
 * inconclusive, exit 2), the target (answers lost, refused or late while the generator kept up,
 * exit 1), or nobody.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GeneratorHealth } from './generatorHealth.ts';
import { exitCodeOf, type LoadReport } from './report.ts';
import { saturationOf, trusted } from './saturation.ts';
import type { OperationStats } from './stats.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { TimelinePoint } from './timeline.ts';

const steady: GeneratorHealth = {
  seconds: 60,
  stallMs: 100,
  stalledSeconds: 0,
  loopDelayMs: { p99: 3, max: 20 },
  utilization: { mean: 0.4, max: 0.6 },
  cpuPercent: { mean: 30, max: 45, cores: 2 },
  saturated: false,
};
const stalled: GeneratorHealth = {
  ...steady,
  stalledSeconds: 50,
  loopDelayMs: { p99: 400, max: 1200 },
  saturated: true,
  reason: 'its event loop stalled 100 ms or more in 50 of 60 s',
};

const latency = { count: 1, min: 1, mean: 1, p50: 1, p90: 1, p95: 1, p99: 1, max: 1 };
function op(statuses: Record<string, number>): OperationStats {
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    operation: 'createLink',
    requests,
    failed: requests - (statuses['200'] ?? 0),
    errorRate: 0,
    interrupted: 0,
    checksPassed: 0,
    checks: 0,
    checkRate: 1,
    latency,
    rawLatency: latency,
    statuses,
  };
}
function threshold(kind: ThresholdResult['kind'], ok: boolean): ThresholdResult {
  return {
    id: `createLink ${kind}`,
    kind,
    operation: kind === 'dropped' ? undefined : 'createLink',
    limit: 1,
    abortOnFail: false,
    k6Metric: 'm',
    k6Expression: 'e',
    actual: 2,
    ok,
    message: `createLink ${kind}: measured 2`,
  };
}
const point = (t: number, targetRate: number, doneRate: number): TimelinePoint => ({
  t,
  targetRate,
  sentRate: targetRate,
  doneRate,
  failedRate: 0,
  p50: 1,
  p95: 1,
  p99: 1,
  rawP95: 1,
});
const keptUp = [0, 1, 2, 3].map((t) => point(t, 100, 100));
const fellBehind = [point(0, 100, 100), point(1, 100, 100), point(2, 1000, 300), point(3, 1000, 250)];

describe('saturation', () => {
  it('a stalled generator is named, whatever the target did', () => {
    const s = saturationOf({
      generator: stalled,
      operations: [op({ 200: 90, 0: 10 })],
      thresholds: [threshold('p95', false)],
      timeline: fellBehind,
      timeoutS: 10,
    });
    assert.equal(s?.by, 'generator');
    assert.match(s?.message ?? '', /generator saturated.*stalled 100 ms or more in 50 of 60 s/);
    assert.match(s?.message ?? '', /the target showed signs of saturation too: 10 requests got no answer/);
  });

  it('lost answers and late figures while the generator kept up name the target, and when it fell behind', () => {
    const s = saturationOf({
      generator: steady,
      operations: [op({ 200: 90, 0: 8, 503: 2 })],
      thresholds: [threshold('p95', false), threshold('errorRate', false)],
      timeline: fellBehind,
      timeoutS: 10,
    });
    assert.equal(s?.by, 'target');
    assert.match(s?.message ?? '', /8 requests got no answer within 10 s/);
    assert.match(s?.message ?? '', /2 were refused with 429\/503/);
    assert.match(s?.message ?? '', /createLink p95: measured 2/);
    assert.match(s?.message ?? '', /from 2 s answers fell behind the target rate \(300 of 1000 req\/s\)/);
    assert.match(s?.message ?? '', /the generator kept its schedule/);
  });

  it('functional errors alone (a 500 for everything) are no saturation', () => {
    const s = saturationOf({
      generator: steady,
      operations: [op({ 500: 100 })],
      thresholds: [threshold('errorRate', false)],
      timeline: keptUp,
      timeoutS: 10,
    });
    assert.equal(s, undefined);
  });

  it('a saturated generator cannot vouch for latency, dropped requests, or errors without an answer', () => {
    const ops = [op({ 200: 90, 0: 10 })];
    assert.equal(trusted(threshold('p95', false), stalled, ops), false);
    assert.equal(trusted(threshold('dropped', false), stalled, ops), false);
    assert.equal(trusted(threshold('errorRate', false), stalled, ops), false);
    assert.equal(trusted(threshold('errorRate', false), stalled, [op({ 200: 90, 500: 10 })]), true);
    assert.equal(trusted(threshold('p95', false), steady, ops), true);
  });

  it('exits 2 when only untrusted figures failed, 1 when a trusted one did', () => {
    const report = (thresholds: ThresholdResult[], generator: GeneratorHealth) =>
      ({ ok: false, thresholds, generator }) as unknown as LoadReport;
    const untrusted = { ...threshold('p95', false), trusted: false };
    assert.equal(exitCodeOf(report([untrusted, threshold('checkRate', true)], stalled)), 2);
    assert.equal(exitCodeOf(report([untrusted, threshold('checkRate', false)], stalled)), 1);
    assert.equal(exitCodeOf(report([threshold('p95', false)], steady)), 1);
    assert.equal(exitCodeOf({ ok: true } as LoadReport), 0);
  });
});
