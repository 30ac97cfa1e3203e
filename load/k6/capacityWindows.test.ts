/**
 * The breakpoint's capacity on the k6 side: every window of the ramp gets its figures named (never
 * judged) in the options, the planned rate of a window is the mean of the ramp over it, and
 * handleSummary states the capacity that ../shared/capacity.ts finds from those figures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { createLinks } from '../scenarios/createLinks.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import {
  capacityFromSummary,
  capacityWindowOf,
  plannedMeanRate,
  windowOf,
  windowThresholds,
} from './capacityWindows.ts';
import { k6Options } from './options.ts';
import { summaryFiles } from './summary.ts';

/**
 * k6's summary for createLinks on the breakpoint: createLink answers in `p95ByWindow[w]` ms in window
 * w, and starts `startedByWindow[w]` (default 1) of the requests the window plans.
 */
function breakpointMetrics(p95ByWindow: number[], startedByWindow: number[] = []) {
  const metrics: Record<string, { values: Record<string, number> }> = {};
  p95ByWindow.forEach((p95, w) => {
    const tags = `name:createLink,phase:measured,window:${w}`;
    const planned = plannedMeanRate(profiles.breakpoint, w * 10, w * 10 + 10) * 10;
    metrics[`http_reqs{${tags}}`] = { values: { count: Math.round(planned * (startedByWindow[w] ?? 1)) } };
    metrics[`http_req_duration{${tags}}`] = { values: { 'p(95)': p95, 'p(99)': p95 } };
    metrics[`http_req_failed{${tags}}`] = { values: { rate: 0 } };
    metrics[`checks{${tags}}`] = { values: { rate: 1 } };
  });
  return metrics;
}

describe('k6 capacity windows', () => {
  it('names every window of the breakpoint for every operation and figure, never judged; other profiles none', () => {
    const named = windowThresholds(listTransactions, profiles.breakpoint);
    const windows = (20 * 60) / capacityWindowOf(profiles.breakpoint)!;
    assert.equal(Object.keys(named).length, windows * listTransactions.operations.length * 4);
    assert.deepEqual(
      named[`http_req_duration{name:getMyUsedLinks,phase:measured,window:${windows - 1}}`],
      [],
    );
    assert.equal(named[`http_req_duration{name:getMyUsedLinks,phase:measured,window:${windows}}`], undefined);
    assert.deepEqual(windowThresholds(listTransactions, profiles.stress), {});
    const options = k6Options(createLinks, profiles.breakpoint);
    assert.deepEqual(options.thresholds!['checks{name:createSplitLink,phase:measured,window:0}'], []);
    assert.equal(windowOf(9_999, 10), '0');
    assert.equal(windowOf(10_000, 10), '1');
  });

  it('judges over the window profiles.ts names, leaving out a last shorter one; none when it names none', () => {
    const stress = Object.assign({}, profiles.stress, { capacityWindowS: 60 });
    assert.equal(capacityWindowOf(stress), 60);
    // 420 s of stress: 7 whole windows of 60 s.
    assert.equal(Object.keys(windowThresholds(createLinks, stress)).length, 7 * 2 * 4);
    const odd = Object.assign({}, profiles.stress, { capacityWindowS: 100 });
    assert.equal(Object.keys(windowThresholds(createLinks, odd)).length, 4 * 2 * 4, '420 s: 4 whole windows');
    assert.equal(
      capacityWindowOf(Object.assign({}, profiles.breakpoint, { capacityWindowS: undefined })),
      undefined,
      'stopping at the first latency breach does not make a profile judge capacity',
    );
    assert.equal(
      capacityWindowOf(Object.assign({}, profiles.soak, { capacityWindowS: undefined })),
      undefined,
    );
  });

  it('plans the mean rate of the ramp over a window', () => {
    assert.equal(plannedMeanRate(profiles.smoke, 0, 5), 10);
    // stress: 0 → 200 req/s over 60 s, then 200.
    assert.ok(Math.abs(plannedMeanRate(profiles.stress, 50, 60) - 550 / 3) < 1e-9);
    assert.equal(plannedMeanRate(profiles.stress, 60, 70), 200);
    assert.ok(Math.abs(plannedMeanRate(profiles.stress, 55, 65) - 1175 / 6) < 1e-9);
    // breakpoint: 0 → 2000 req/s over 1200 s.
    assert.ok(Math.abs(plannedMeanRate(profiles.breakpoint, 600, 610) - 6050 / 6) < 1e-9);
  });

  it('states the capacity: the last window held before the first that broke, with what broke', () => {
    // Windows 0–3 hold (30 ms), window 4 (40–50 s, 75 req/s planned) breaks createLink's p95 < 250 ms.
    const capacity = capacityFromSummary(
      createLinks,
      profiles.breakpoint,
      breakpointMetrics([30, 30, 30, 30, 400]),
    );
    assert.equal(capacity?.capacityRps, 58, 'window 3: 30–40 s of the ramp, 58.3 req/s on average');
    assert.equal(capacity?.firstBreak?.rate, 75);
    assert.deepEqual(capacity?.firstBreak?.breaches, ['createLink p95 < 250 ms: measured 400.0 ms']);
    assert.equal(capacityFromSummary(createLinks, profiles.stress, breakpointMetrics([30])), undefined);
  });

  it('breaks a window whose requests fell short of its plan by more than the allowed dropped share', () => {
    // Window 3 (30–40 s, 58.3 req/s planned) kept its latency but started only 90 % of its iterations.
    const capacity = capacityFromSummary(
      createLinks,
      profiles.breakpoint,
      breakpointMetrics([30, 30, 30, 30, 30], [1, 1, 1, 0.9, 1]),
    );
    assert.equal(capacity?.capacityRps, 42);
    assert.equal(capacity?.firstBreak?.rate, 58);
    assert.match(
      capacity?.firstBreak?.breaches[0] ?? '',
      /^dropped requests <= 5 % .*: measured 58 of 583 \(10\.0 %\)$/,
    );
  });

  it('handleSummary prints the capacity and puts it in the JSON, for the breakpoint only', () => {
    const data = { metrics: breakpointMetrics([30, 30, 400]) };
    const files = summaryFiles(createLinks, profiles.breakpoint, data);
    assert.match(files.stdout!, /\ncapacity 25 req\/s .* first broken at 42 req\/s/);
    assert.equal(JSON.parse(files['k6-createLinks.json']!).capacity.capacityRps, 25);
    const smoke = summaryFiles(createLinks, profiles.smoke, data);
    assert.doesNotMatch(smoke.stdout!, /capacity/);
    assert.equal(JSON.parse(smoke['k6-createLinks.json']!).capacity, undefined);
  });
});
