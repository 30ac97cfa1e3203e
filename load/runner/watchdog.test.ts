/**
 * The run's deadline is kept by a thread that sends no load: a shard whose event loop blocks for good
 * is terminated after its wind-down time, and the run ends with what it measured, saying why.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scenarios } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { measure } from './measure.ts';

const spec = {
  shards: 1,
  baseUrl: 'http://127.0.0.1:9',
  scenario: 'createLinks',
  seed: {},
  segments: [{ start: 0, duration: 0.2, rate: 10, quota: 2 }],
  connections: { initial: 1, max: 1 },
  maxBodyBytes: 1024,
  timeoutS: 1,
  durationMs: 200,
  graceMs: 0,
};
const scenario = scenarios.createLinks as unknown as Scenario<unknown>;

describe('watchdog', () => {
  it('terminates a shard whose loop is blocked and keeps what it reported', { timeout: 60_000 }, async () => {
    const measured = await measure(spec, scenario, [], {
      progress: false,
      label: 'stalling',
      stuckAfterMs: 300,
      workerEntry: new URL('./testing/stallingShardWorker.ts', import.meta.url),
    });
    assert.match(measured.aborted ?? '', /did not stop within 0.3 s of its deadline .*terminated/);
    assert.equal(measured.recorder.outcomes.answered, 3);
    assert.deepEqual(measured.totals, {
      planned: 10,
      issued: 3,
      connections: 1,
      cutBodies: 0,
      endlessBodies: 0,
    });
    // Its pulses said nothing was wrong; that it had to be terminated says it was saturated.
    assert.equal(measured.generator.saturated, true);
    assert.match(measured.generator.reason ?? '', /terminated/);
  });

  it('a shard that fails before it is ready fails the run with its reason', { timeout: 60_000 }, async () => {
    await assert.rejects(
      measure(spec, scenario, [], {
        progress: false,
        label: 'failing',
        workerEntry: new URL('./testing/failingShardWorker.ts', import.meta.url),
      }),
      /the load generator did not start: .*this shard cannot load/,
    );
  });
});
