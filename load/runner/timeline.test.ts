/**
 * The timeline read from the recorder's buckets: steady rates to the end (a trailing sliver joins
 * the bucket before it, and the last bucket says it is partial), warm-up buckets marked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunRecorder } from './recorder.ts';
import { Outcome, SampleColumns } from './samples.ts';
import { bucketWidthS, timeline } from './timeline.ts';

/** A steady 10 req/s for 5 s, each answered in 3 ms: the last answers land just after 5 s. */
function steadyRun(warmUpEndMs = 0) {
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
  const recorder = new RunRecorder({ operations: ['createLink'], bucketS: 1, maxBuckets: 20, warmUpEndMs });
  recorder.add(samples.take());
  return recorder;
}

test('a steady rate reads as steady to the end, with no collapse in a trailing sliver of a bucket', () => {
  const points = timeline(steadyRun(), [{ start: 0, duration: 5, rate: 10, quota: 50 }], 5.03);
  assert.equal(points.length, 5);
  for (const p of points) {
    assert.equal(p.targetRate, 10);
    // The last bucket spans 4 s to 5.03 s: 10 answers over 1.03 s.
    for (const rate of [p.sentRate, p.doneRate])
      assert.ok(Math.abs(rate - 10) < 0.5, `${rate} req/s at ${p.t} s`);
    assert.equal(p.p95, 3);
  }
  assert.deepEqual(
    points.map((p) => p.partial),
    [false, false, false, false, true],
  );
  assert.equal(points[4]!.span, 1.03);
});

test('marks the warm-up buckets, whose answers are charted but not judged', () => {
  const recorder = steadyRun(2000);
  const points = timeline(recorder, [{ start: 0, duration: 5, rate: 10, quota: 50 }], 5, 2);
  assert.deepEqual(
    points.map((p) => p.warmUp),
    [true, true, false, false, false],
  );
  assert.equal(points[0]!.doneRate, 10);
  assert.equal(recorder.warmUpSamples, 20);
  assert.equal(recorder.operationStats()[0]!.requests, 30);
});

test('buckets tile the capacity windows: a divisor of the window and of the measured start', () => {
  assert.equal(bucketWidthS(1212), 3, 'at most 600 points');
  // The breakpoint: 10 s windows from 12 s (10 s of warm-up, 2 s of pause): 2 s buckets, 606 points.
  assert.equal(bucketWidthS(1212, { windowS: 10, originS: 12 }), 2);
  assert.equal(bucketWidthS(1210, { windowS: 10, originS: 10 }), 5, 'the smallest divisor wide enough');
  assert.equal(bucketWidthS(100, { windowS: 10, originS: 12 }), 1);
  assert.equal(bucketWidthS(5000, { windowS: 60, originS: 0 }), 10);
  assert.throws(() => bucketWidthS(100, { windowS: 2.5, originS: 0 }), /whole seconds/);
});
