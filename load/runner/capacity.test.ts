/**
 * The capacity of a ramp: the highest rate held over whole windows before the first window that broke
 * an SLO, stated with what broke.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { type CapacityWindow, capacityOf, windowBreaches } from '../shared/capacity.ts';
import { capacityWindows, plannedRate, runCapacity } from './capacityWindows.ts';
import { RunRecorder } from './recorder.ts';
import { Outcome, SampleColumns } from './samples.ts';
import type { Segment } from './schedule.ts';

const thresholds = thresholdsFor(['createLink'], profiles.breakpoint);

function window(rate: number, p95: number, errorRate = 0, requests = rate * 10): CapacityWindow {
  return {
    startS: rate / 10,
    durationS: 10,
    rate,
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
  function recorded(): RunRecorder {
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
        const intended = (s.start + k / s.rate) * 1000;
        // The warm-up is slow too (a cold target): it must not count.
        const latency = s.rate === 300 || s.warmUp ? 400 : 20;
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
});
