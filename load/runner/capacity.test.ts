/**
 * The capacity of a ramp: the highest rate held over whole windows before the first window that broke
 * an SLO, stated with what broke.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { thresholdsFor } from '../profiles/slos.ts';
import { type CapacityWindow, capacityOf, windowBreaches } from '../shared/capacity.ts';

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
