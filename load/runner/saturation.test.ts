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
import { sampleReport } from './testing/sampleReport.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { TimelinePoint } from './timeline.ts';

const steady: GeneratorHealth = sampleReport().generator;
const stalled: GeneratorHealth = {
  ...steady,
  seconds: 60,
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
  span: 1,
  partial: false,
  warmUp: false,
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
    assert.match(s?.message ?? '', /^both saturated: the target \(10 requests got no answer within 10 s;/);
    assert.match(
      s?.message ?? '',
      /and the load generator \(its event loop stalled 100 ms or more in 50 of 60 s/,
    );
    const alone = saturationOf({
      generator: stalled,
      operations: [op({ 200: 100 })],
      thresholds: [],
      timeline: keptUp,
      timeoutS: 10,
    });
    assert.match(
      alone?.message ?? '',
      /^the load generator saturated, not necessarily the target: its event loop stalled/,
    );
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

  it('a saturated generator cannot vouch for breaches its own stalls could explain', () => {
    const ops = [op({ 200: 90, 0: 10 })];
    const breach = (kind: ThresholdResult['kind'], actual: number, limit: number) => ({
      ...threshold(kind, false),
      actual,
      limit,
    });
    // The worst stall was 1200 ms: a p95 of 1300 ms against 250 ms may be the generator's own.
    assert.equal(trusted(breach('p95', 1300, 250), stalled, ops, 10), false);
    // A p95 of 13 s stays over 250 ms with 1.2 s taken off: the target's.
    assert.equal(trusted(breach('p95', 13_000, 250), stalled, ops, 10), true);
    assert.equal(trusted(breach('dropped', 500, 10), stalled, ops, 10), false);
    // Timeouts of 10 s cannot come from 1.2 s stalls; of 2 s they can.
    assert.equal(trusted(breach('errorRate', 0.1, 0.01), stalled, ops, 10), true);
    assert.equal(trusted(breach('errorRate', 0.1, 0.01), stalled, ops, 2), false);
    assert.equal(trusted(breach('errorRate', 0.1, 0.01), stalled, [op({ 200: 90, 500: 10 })], 2), true);
    // 5xx answers that breach the rate on their own hold, lost requests or not.
    assert.equal(
      trusted(breach('errorRate', 0.2, 0.01), stalled, [op({ 200: 80, 500: 10, 0: 10 })], 2),
      true,
    );
    assert.equal(trusted(breach('p95', 1300, 250), steady, ops, 10), true);
    assert.equal(trusted(threshold('p95', true), stalled, ops, 10), true);
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
