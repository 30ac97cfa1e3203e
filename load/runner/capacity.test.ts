/**
 * The capacity of a ramp: the highest rate held over whole windows before the first window that broke
 * an SLO, stated with what broke.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plannedMeanRate, windowCount, windowOf } from '../k6/capacityWindows.ts';
import { measuredStartS, profiles } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { type CapacityWindow, capacityOf, windowBreaches } from '../shared/capacity.ts';
import { capacityWindowStarts, capacityWindows, plannedRate, runCapacity } from './capacityWindows.ts';
import { RunRecorder } from './recorder.ts';
import { Outcome, SampleColumns } from './samples.ts';
import { plannedDurationS, runSegments, type Segment, warmUpSeconds } from './schedule.ts';
import { bucketWidthS } from './timeline.ts';

const thresholds = thresholdsFor(['createLink'], profiles.breakpoint);

function window(
  rate: number,
  p95: number,
  errorRate = 0,
  requests = rate * 10,
  started = requests,
): CapacityWindow {
  return {
    startS: rate / 10,
    durationS: 10,
    rate,
    planned: rate * 10,
    started,
    operations: [
      { operation: 'createLink', requests, p95, p99: p95 * 1.5, errorRate, checkRate: 1 - errorRate },
    ],
  };
}

describe('capacity', () => {
  it('is the last rate held before the first breach, which is named with its figure', () => {
    const windows = [window(100, 20), window(200, 40), window(300, 120), window(400, 260), window(500, 30)];
    const capacity = capacityOf(windows, thresholds, 10);
    assert.equal(capacity.capacityRps, 300);
    assert.equal(capacity.firstBreak?.rate, 400);
    assert.deepEqual(capacity.firstBreak?.breaches, ['createLink p95 < 250 ms: measured 260.0 ms']);
    assert.equal(capacity.windows, 4, 'windows after the first breach are not judged');
    assert.match(capacity.message, /^capacity 300 req\/s .* first broken at 400 req\/s/);
  });

  it('breaks on errors as on latency, with the strict comparisons of k6', () => {
    assert.deepEqual(windowBreaches(window(100, 20, 0.01), thresholds), [
      'createLink error rate < 0.01: measured 0.01',
      'createLink checks > 0.99: measured 0.99',
    ]);
  });

  it('breaks a window that dropped more than the allowed share of its planned requests, latency or not', () => {
    assert.deepEqual(windowBreaches(window(100, 20, 0, 950), thresholds), [], '5 % dropped is allowed');
    assert.deepEqual(windowBreaches(window(100, 20, 0, 949), thresholds), [
      "dropped requests <= 5 % of the window's planned: measured 51 of 1000 (5.1 %)",
    ]);
    const capacity = capacityOf([window(100, 20), window(200, 20, 0, 1500)], thresholds, 10);
    assert.equal(capacity.capacityRps, 100);
    assert.equal(capacity.firstBreak?.rate, 200);
  });

  it('says "at least" when nothing broke, "below" when the first window broke, and skips empty windows', () => {
    const held = capacityOf([window(0, 0, 0, 0), window(100, 20), window(200, 30)], thresholds, 10);
    assert.equal(held.capacityRps, 200);
    assert.equal(held.firstBreak, null);
    assert.equal(held.windows, 2);
    assert.match(held.message, /at least 200 req\/s/);
    const broke = capacityOf([window(100, 900)], thresholds, 10);
    assert.equal(broke.capacityRps, null);
    assert.match(broke.message, /below 100 req\/s/);
    assert.match(capacityOf([], thresholds, 10).message, /unknown/);
  });
});

describe('capacity of a run, from its recorder', () => {
  // 5 s of warm-up at 10 req/s, then 10 s at each of 100, 200 and 300 req/s; answers slow past 250 ms at 300.
  const segments: Segment[] = [
    { start: 0, duration: 5, rate: 10, quota: 50, warmUp: true },
    { start: 5, duration: 10, rate: 100, quota: 1000 },
    { start: 15, duration: 10, rate: 200, quota: 2000 },
    { start: 25, duration: 10, rate: 300, quota: 3000 },
  ];
  /** The run as planned; `dropping`: at 300 req/s every tenth request never starts and the rest answer fast. */
  function recorded(dropping = false): RunRecorder {
    const recorder = new RunRecorder({
      operations: ['createLink'],
      bucketS: 1,
      maxBuckets: 60,
      warmUpEndMs: 5000,
      perOperation: true,
    });
    const batch = new SampleColumns();
    for (const s of segments) {
      for (let k = 0; k < s.quota; k++) {
        if (dropping && s.rate === 300 && k % 10 === 0) continue;
        const intended = (s.start + k / s.rate) * 1000;
        // The warm-up is slow too (a cold target): it must not count.
        const latency = (s.rate === 300 && !dropping) || s.warmUp ? 400 : 20;
        const answered = { status: 200, outcome: Outcome.answered, checksPassed: 1, checks: 1 };
        batch.push({ op: 0, ...answered, intended, sent: intended, done: intended + latency });
      }
    }
    recorder.add(batch.take());
    return recorder;
  }

  it('judges whole windows after the warm-up, at the rate the plan had there', () => {
    const { windowS, windows } = capacityWindows(recorded(), segments, 10, 5, 35);
    assert.equal(windowS, 10);
    assert.deepEqual(
      windows.map((w) => [w.startS, w.rate]),
      [
        [0, 100],
        [10, 200],
        [20, 300],
      ],
    );
    assert.equal(plannedRate(segments, 10, 20), 150, 'a window across two segments has their mean rate');
  });

  it('finds the capacity where the answers slowed past the SLO', () => {
    const capacity = runCapacity(recorded(), segments, thresholds, {
      windowS: 10,
      warmUpS: 5,
      durationS: 35,
    });
    assert.equal(capacity.capacityRps, 200);
    assert.equal(capacity.firstBreak?.rate, 300);
    assert.match(capacity.firstBreak?.breaches[0] ?? '', /createLink p95 < 250 ms: measured 40\d\.\d ms/);
  });

  it('breaks the window whose requests were dropped, though its answers kept their latency', () => {
    const run = { windowS: 10, warmUpS: 5, durationS: 35 };
    const { windows } = capacityWindows(recorded(true), segments, 10, 5, 35);
    assert.deepEqual(
      windows.map((w) => [w.planned, w.started]),
      [
        [1000, 1000],
        [2000, 2000],
        [3000, 2700],
      ],
    );
    const capacity = runCapacity(recorded(true), segments, thresholds, run);
    assert.equal(capacity.capacityRps, 200);
    assert.equal(capacity.firstBreak?.rate, 300);
    assert.deepEqual(capacity.firstBreak?.breaches, [
      "dropped requests <= 5 % of the window's planned: measured 300 of 3000 (10.0 %)",
    ]);
  });

  it("cuts the breakpoint into k6's windows: whole 10 s windows from the measured start, at the same planned rates", () => {
    const profile = profiles.breakpoint;
    const windowS = profile.capacityWindowS!;
    const run = runSegments(profile);
    const originS = warmUpSeconds(run);
    assert.equal(originS, measuredStartS(profile), "the runner's measured start is k6's profile startTime");
    const bucketS = bucketWidthS(plannedDurationS(run), { windowS, originS });
    const starts = capacityWindowStarts(windowS, originS, plannedDurationS(run), bucketS);
    assert.equal(starts.length, windowCount(profile));
    starts.forEach((start, w) => {
      const fromS = start - originS;
      assert.equal(fromS, w * windowS);
      // k6 tags a request by the time since its scenario (the measured run) started.
      assert.equal(windowOf(fromS * 1000, windowS), String(w));
      assert.equal(windowOf((fromS + windowS) * 1000 - 1, windowS), String(w));
      const k6Rate = Math.round(plannedMeanRate(profile, fromS, fromS + windowS));
      assert.equal(plannedRate(run, start, start + windowS), k6Rate, `window ${w}`);
    });
  });

  it('refuses buckets that do not tile the windows', () => {
    assert.throws(() => capacityWindowStarts(10, 11, 100, 3), /bucket width must divide both/);
  });
});
