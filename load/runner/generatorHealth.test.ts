/**
 * The generator's health: a blocked event loop shows in the loop monitor's delay; pulses with stalls
 * in more than a few seconds make the generator saturated, with the reason; a steady loop does not.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { HealthRecorder, healthBounds } from './generatorHealth.ts';
import { type LoopHealth, LoopMonitor } from './loopMonitor.ts';

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose: the loop cannot run its timers meanwhile.
  }
}

describe('generator health', () => {
  it('the loop monitor sees a blocked loop as delay, however fast the machine', async () => {
    const reports: LoopHealth[] = [];
    const monitor = new LoopMonitor((health) => reports.push(health));
    monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    block(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.stop();
    const worst = Math.max(...reports.map((r) => r.delayMaxMs));
    // Blocked 400 ms: its timers fired at least that late, less the sampling step.
    assert.ok(worst >= 380, `worst delay ${worst} ms`);
    assert.ok(reports.every((r) => r.utilization >= 0 && r.utilization <= 1));
  });

  it('stalls in more than a few seconds saturate the generator; a steady loop does not', () => {
    const epoch = 1_000_000;
    const pulse = (second: number, delayMaxMs: number): LoopHealth => ({
      at: epoch + second * 1000 + 500,
      delayP99Ms: delayMaxMs / 2,
      delayMaxMs,
      utilization: 0.5,
    });
    const steady = new HealthRecorder(epoch);
    for (let s = 0; s < 60; s++) steady.pulse(pulse(s, s === 0 ? 300 : 5));
    const calm = steady.summary(60);
    // One stalled second (warm-up) is not saturation.
    assert.equal(calm.saturated, false);
    assert.deepEqual([calm.seconds, calm.stalledSeconds, calm.loopDelayMs.max], [60, 1, 300]);

    const stalled = new HealthRecorder(epoch);
    for (let s = 0; s < 60; s++) stalled.pulse(pulse(s, s % 10 === 0 ? healthBounds.stallMs : 5));
    const busy = stalled.summary(60);
    assert.equal(busy.saturated, true);
    assert.match(busy.reason ?? '', /stalled 100 ms or more in 6 of 60 s/);
  });

  it('a long stall counts every second it lasted, though its shard reports it once', () => {
    const recorder = new HealthRecorder(0);
    for (let s = 0; s < 10; s++)
      recorder.pulse({ at: s * 1000 + 500, delayP99Ms: 1, delayMaxMs: 2, utilization: 0.2 });
    // Blocked from 10.5 s to 30.5 s: its next pulse comes at 30.5 s with a 20 s delay.
    recorder.pulse({ at: 30_500, delayP99Ms: 20_000, delayMaxMs: 20_000, utilization: 1 });
    for (let s = 31; s < 60; s++)
      recorder.pulse({ at: s * 1000 + 500, delayP99Ms: 1, delayMaxMs: 2, utilization: 0.2 });
    const summary = recorder.summary(60);
    assert.equal(summary.stalledSeconds, 21);
    assert.equal(summary.saturated, true);
  });

  it('a generator whose shards had to be terminated was saturated, whatever they reported', () => {
    const recorder = new HealthRecorder(0);
    recorder.pulse({ at: 500, delayP99Ms: 1, delayMaxMs: 2, utilization: 0.2 });
    const summary = recorder.summary(40, true);
    assert.equal(summary.saturated, true);
    assert.match(summary.reason ?? '', /terminated/);
  });

  it('pulses of several shards in one second count that second once, by its worst shard', () => {
    const recorder = new HealthRecorder(0);
    recorder.pulse({ at: 1500, delayP99Ms: 1, delayMaxMs: 2, utilization: 0.2 });
    recorder.pulse({ at: 1600, delayP99Ms: 150, delayMaxMs: 400, utilization: 0.9 });
    const summary = recorder.summary(1);
    assert.deepEqual(
      [summary.seconds, summary.stalledSeconds, summary.loopDelayMs.p99, summary.utilization.max],
      [1, 1, 150, 0.9],
    );
    assert.equal(summary.utilization.mean, 0.55);
  });
});
