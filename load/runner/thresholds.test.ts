/**
 * Threshold verdicts on measured figures (strict like k6's expressions; no data fails), and the
 * baseline comparison with its tolerance and noise floors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { baselineMismatch, compareWithBaseline } from './baseline.ts';
import type { LatencyStats, OperationStats } from './stats.ts';
import { evaluateThresholds } from './thresholds.ts';

function latency(p95: number, p99 = p95): LatencyStats {
  return { count: 100, min: 1, mean: p95 / 2, p50: p95 / 2, p90: p95, p95, p99, max: p99 };
}

function stats(operation: OperationStats['operation'], over: Partial<OperationStats> = {}): OperationStats {
  return {
    operation,
    requests: 100,
    failed: 0,
    errorRate: 0,
    interrupted: 0,
    checksPassed: 400,
    checks: 400,
    checkRate: 1,
    latency: latency(20, 40),
    rawLatency: latency(20, 40),
    statuses: { '200': 100 },
    ...over,
  };
}

const thresholds = thresholdsFor(['createLink', 'createSplitLink'], profiles.smoke);

describe('threshold evaluation', () => {
  it('passes figures within the SLOs', () => {
    const results = evaluateThresholds(thresholds, [stats('createLink'), stats('createSplitLink')], 0);
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results.filter((r) => !r.ok)),
    );
  });

  it('fails each breached SLO, at the limit too (k6 expressions are strict)', () => {
    const slow = stats('createLink', { latency: latency(250, 499), errorRate: 0.02, checkRate: 0.99 });
    const results = evaluateThresholds(thresholds, [slow, stats('createSplitLink')], 3);
    const failed = results.filter((r) => !r.ok).map((r) => r.id);
    assert.deepEqual(failed, [
      'createLink p95 < 250 ms',
      'createLink error rate < 0.01',
      'createLink checks > 0.99',
      'dropped requests < 3',
    ]);
    assert.match(results[0]!.message, /measured 250\.0 ms/);
  });

  it('fails the thresholds of an operation that was never measured', () => {
    const results = evaluateThresholds(thresholds, [stats('createLink')], 0);
    const split = results.filter((r) => r.operation === 'createSplitLink');
    assert.ok(split.length === 4 && split.every((r) => !r.ok && r.actual === null));
  });
});

describe('baseline comparison', () => {
  const report = (ops: OperationStats[]) => ({
    scenario: 'createLinks',
    profile: 'smoke',
    plan: { rateScale: 1, peakRate: 10 },
    embeddedSandbox: true,
    operations: ops,
  });

  it('flags latency beyond the tolerance, but not changes within the noise floor', () => {
    const before = report([stats('createLink', { latency: latency(100, 200) })]);
    const worse = report([stats('createLink', { latency: latency(130, 210) })]);
    const results = compareWithBaseline(worse, before, 0.2);
    assert.deepEqual(
      results.filter((c) => !c.ok).map((c) => c.name),
      ['createLink p95 vs baseline'],
    );
    const tiny = compareWithBaseline(
      report([stats('createLink', { latency: latency(4, 6) })]),
      report([stats('createLink', { latency: latency(1, 2) })]),
      0.2,
    );
    assert.ok(
      tiny.every((c) => c.ok),
      '1 ms → 4 ms is noise, not a regression',
    );
  });

  it('flags more errors and fewer passing checks', () => {
    const results = compareWithBaseline(
      report([stats('createLink', { errorRate: 0.05, checkRate: 0.9 })]),
      report([stats('createLink')]),
      0.2,
    );
    assert.deepEqual(
      results.filter((c) => !c.ok).map((c) => c.name),
      ['createLink error rate vs baseline', 'createLink check rate vs baseline'],
    );
  });

  it('refuses a baseline of another scenario, profile, rate scale, peak or kind of target', () => {
    const current = report([]);
    assert.match(
      baselineMismatch(current, { ...current, scenario: 'listTransactions' })!,
      /listTransactions run/,
    );
    assert.match(baselineMismatch(current, { ...current, profile: 'stress' })!, /stress profile/);
    assert.match(baselineMismatch(current, { hello: 1 })!, /not a load report/);
    assert.match(
      baselineMismatch(current, { ...current, plan: { rateScale: 2, peakRate: 10 } })!,
      /rate scale 2, this run at 1/,
    );
    assert.match(
      baselineMismatch(current, { ...current, plan: { rateScale: 1, peakRate: 20 } })!,
      /peaked at 20 req\/s, this run at 10/,
    );
    assert.match(
      baselineMismatch(current, { ...current, embeddedSandbox: false })!,
      /against a given --base-url, this run against the embedded sandbox/,
    );
    const { plan: _plan, ...planless } = current;
    assert.match(baselineMismatch(current, planless)!, /rate scale undefined/);
    assert.equal(baselineMismatch(current, current), undefined);
  });
});
