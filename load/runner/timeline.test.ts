import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Outcome, SampleColumns } from './samples.ts';
import { timeline } from './timeline.ts';

/** A steady 10 req/s for 5 s, each answered in 3 ms: the last answers land just after 5 s. */
function steadyRun() {
  const samples = new SampleColumns();
  for (let i = 0; i < 50; i++) {
    const intended = i * 100 + 30;
    samples.push({
      op: 0,
      status: 200,
      outcome: Outcome.answered,
      checksPassed: 1,
      checks: 1,
      intended,
      sent: intended,
      done: intended + 3,
    });
  }
  return samples;
}

test('a steady rate reads as steady to the end, with no collapse in a trailing sliver of a bucket', () => {
  const points = timeline(steadyRun().take(), [{ start: 0, duration: 5, rate: 10, quota: 50 }], 5.03);
  assert.equal(points.length, 5);
  for (const p of points) {
    assert.equal(p.targetRate, 10);
    // The last bucket spans 4 s to 5.03 s: 10 answers over 1.03 s.
    for (const rate of [p.sentRate, p.doneRate])
      assert.ok(Math.abs(rate - 10) < 0.5, `${rate} req/s at ${p.t} s`);
  }
});
