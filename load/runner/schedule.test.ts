/**
 * The open-model schedule and the coordinated-omission correction, on synthetic data: a server that
 * cannot keep up makes every later request start late, and the corrected latency charges that wait.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profiles } from '../profiles/profiles.ts';
import { Outcome, SampleColumns } from './samples.ts';
import {
  correctedLatency,
  intendedMs,
  measuredDueBy,
  plannedDurationS,
  segmentsOf,
  shardPart,
  shareOf,
} from './schedule.ts';
import { operationStats } from './stats.ts';

describe('schedule', () => {
  it('keeps a constant profile whole and cuts ramps into steps whose quotas add up to the plan', () => {
    assert.deepEqual(segmentsOf(profiles.smoke), [{ start: 0, duration: 5, rate: 10, quota: 50 }]);
    const average = segmentsOf(profiles.average);
    const total = average.reduce((sum, s) => sum + s.quota, 0);
    assert.ok(Math.abs(total - 13500) / 13500 < 0.02, `${total} requests`);
    assert.equal(plannedDurationS(average), 300);
    const ramp = average.filter((s) => s.start < 30);
    assert.ok(ramp.length >= 10 && ramp.every((s, i) => i === 0 || s.rate >= ramp[i - 1]!.rate));
  });

  it('counts as due, when a run stops early, only the measured requests planned before the stop', () => {
    const segments = [
      { start: 0, duration: 5, rate: 10, quota: 50, warmUp: true },
      { start: 6, duration: 10, rate: 10, quota: 100 },
      { start: 16, duration: 10, rate: 20, quota: 200 },
    ];
    assert.equal(measuredDueBy(segments, 3), 0, 'nothing measured is due during the warm-up');
    assert.equal(measuredDueBy(segments, 11), 50);
    assert.equal(measuredDueBy(segments, 21), 200);
    assert.equal(measuredDueBy(segments, 1000), 300, 'never more than the plan');
  });

  it('splits a segment over shards: rates and quotas add up, and no shard gets quota without rate', () => {
    for (const segment of [
      { start: 0, duration: 10, rate: 1, quota: 10 },
      { start: 0, duration: 1.5, rate: 3, quota: 5 },
      { start: 0, duration: 2, rate: 100, quota: 200 },
    ]) {
      const parts = [0, 1, 2, 3].map((i) => shardPart(segment, 4, i));
      assert.equal(
        parts.reduce((sum, p) => sum + p.rate, 0),
        segment.rate,
      );
      assert.equal(
        parts.reduce((sum, p) => sum + p.quota, 0),
        segment.quota,
      );
      assert.ok(
        parts.every((p) => p.rate > 0 || p.quota === 0),
        JSON.stringify(parts),
      );
    }
  });

  it('shares whole numbers between shards without losing any', () => {
    const parts = [0, 1, 2].map((i) => shareOf(10, 3, i));
    assert.deepEqual(parts, [4, 3, 3]);
    assert.equal(
      parts.reduce((a, b) => a + b),
      10,
    );
  });
});

describe('coordinated-omission correction', () => {
  /**
   * One connection, 10 requests per second intended, a server that takes 200 ms: a closed loop can
   * only start a request when the previous one answered, so request k starts at 200k ms instead of
   * 100k ms. Raw latency stays 200 ms; the users of an open system wait 100k + 200 ms.
   */
  function closedLoop(requests: number, rate: number, serviceMs: number) {
    const store = new SampleColumns();
    let free = 0;
    for (let k = 0; k < requests; k++) {
      const intended = intendedMs(0, rate, k);
      const sent = Math.max(intended, free);
      const done = sent + serviceMs;
      free = done;
      store.push({
        op: 0,
        status: 200,
        outcome: Outcome.answered,
        checksPassed: 1,
        checks: 1,
        intended,
        sent,
        done,
      });
    }
    return store.take();
  }

  it('equals the raw latency while the rate is held', () => {
    const [stats] = operationStats(closedLoop(50, 10, 40), ['createLink']);
    assert.equal(stats!.latency.p99, 40);
    assert.equal(stats!.rawLatency.p99, 40);
  });

  it('grows with the backlog when the rate cannot be held', () => {
    const samples = closedLoop(50, 10, 200);
    for (let k = 0; k < 50; k++) {
      assert.equal(correctedLatency(samples.intended[k]!, samples.sent[k]!, samples.done[k]!), 100 * k + 200);
    }
    const [stats] = operationStats(samples, ['createLink']);
    assert.equal(stats!.rawLatency.p99, 200);
    assert.ok(stats!.latency.p99 > 4900 && stats!.latency.p50 > 2600, JSON.stringify(stats!.latency));
  });

  it('never reports less than the raw latency for requests sent early', () => {
    assert.equal(correctedLatency(500, 100, 130), 30);
  });
});

describe('stats', () => {
  it('counts errors and checks per operation, and leaves interrupted requests out', () => {
    const store = new SampleColumns();
    const base = { intended: 0, sent: 0, done: 5, checksPassed: 2, checks: 2 };
    store.push({ ...base, op: 0, status: 200, outcome: Outcome.answered });
    store.push({ ...base, op: 0, status: 500, outcome: Outcome.answered, checksPassed: 0 });
    store.push({ ...base, op: 0, status: 0, outcome: Outcome.noAnswer, checksPassed: 0, done: Number.NaN });
    store.push({ ...base, op: 0, status: 0, outcome: Outcome.interrupted, checks: 0, checksPassed: 0 });
    store.push({ ...base, op: 1, status: 200, outcome: Outcome.answered });
    const [first, second] = operationStats(store.take(), ['getMyUsedLinks', 'getMyUnusedLinks']);
    assert.deepEqual([first!.requests, first!.failed, first!.interrupted], [3, 2, 1]);
    assert.equal(first!.checkRate, 2 / 6);
    assert.deepEqual(first!.statuses, { '200': 1, '500': 1, '0': 1 });
    assert.equal(first!.latency.count, 2);
    assert.equal(second!.errorRate, 0);
  });
});
