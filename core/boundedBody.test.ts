import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BodyMeter,
  bodyLimits,
  defaultBodyLimits,
  describeCut,
  maxBodyCapBytes,
  sizeText,
} from './boundedBody.ts';

const limits = bodyLimits({ capBytes: 10, drainBytes: 25, deadlineMs: 15_000 });
const bytes = (n: number) => new Uint8Array(n).fill(120);

test('a body within the cap is kept whole, with no cut', () => {
  const meter = new BodyMeter(limits);
  assert.equal(meter.take(bytes(4))?.byteLength, 4);
  assert.equal(meter.take(bytes(6))?.byteLength, 6);
  meter.end();
  assert.deepEqual(meter.outcome(), { keptBytes: 10, seenBytes: 10 });
  assert.equal(meter.describe(), undefined);
});

test('past the cap the rest is counted, not kept, and an ended body is "over the cap"', () => {
  const meter = new BodyMeter(limits);
  assert.equal(meter.take(bytes(8))?.byteLength, 8);
  assert.equal(meter.take(bytes(8))?.byteLength, 2, 'only the room left under the cap');
  assert.equal(meter.take(bytes(8)), undefined);
  assert.equal(meter.stopped, false, 'still within the drain bound');
  meter.end();
  assert.deepEqual(meter.outcome(), { keptBytes: 10, seenBytes: 24, cut: 'over the cap' });
  assert.equal(meter.describe(), 'over the 10 bytes cap (24 bytes; 10 kept)');
});

test('past the drain bound the transfer must be cut: "endless", and nothing more counts', () => {
  const meter = new BodyMeter(limits);
  meter.take(bytes(20));
  assert.equal(meter.stopped, false);
  meter.take(bytes(20));
  assert.equal(meter.stopped, true);
  assert.equal(meter.finished, true);
  meter.take(bytes(20));
  meter.end();
  assert.deepEqual(meter.outcome(), { keptBytes: 10, seenBytes: 40, cut: 'endless' });
  assert.match(
    meter.describe() ?? '',
    /past the 25 bytes drain bound \(40 bytes or more; 10 kept; cut there\)/,
  );
});

test('at the deadline the transfer must be cut: "too slow", with when', () => {
  const meter = new BodyMeter(limits);
  meter.take(bytes(3));
  meter.tooSlow(15_004.4);
  meter.end();
  assert.equal(meter.stopped, true);
  assert.deepEqual(meter.outcome(), { keptBytes: 3, seenBytes: 3, cut: 'too slow', afterMs: 15_004 });
  assert.equal(
    meter.describe(),
    "still arriving at the request's deadline, 15.0 s after the response head (3 bytes or more; 3 kept; cut then)",
  );
  const over = new BodyMeter(limits);
  over.take(bytes(12));
  over.tooSlow(300);
  assert.match(over.describe() ?? '', /^over the 10 bytes cap and still arriving .*, 300 ms after/);
});

test('a body that ended is not cut by a late deadline', () => {
  const meter = new BodyMeter(limits);
  meter.take(bytes(5));
  meter.end();
  meter.tooSlow(20_000);
  assert.deepEqual(meter.outcome(), { keptBytes: 5, seenBytes: 5 });
});

test('limits: 1 MiB kept and 64 MiB drained by default; a cap above the drain bound or the maximum is refused', () => {
  assert.equal(sizeText(defaultBodyLimits.capBytes), '1 MiB');
  assert.equal(sizeText(defaultBodyLimits.drainBytes), '64 MiB');
  assert.equal(sizeText(65_536), '64 KiB');
  assert.equal(sizeText(52_428_801), '52,428,801 bytes');
  assert.deepEqual(bodyLimits({ capBytes: 2048 }), { ...defaultBodyLimits, capBytes: 2048 });
  assert.throws(() => bodyLimits({ capBytes: 10, drainBytes: 5 }), /must not exceed drainBytes/);
  assert.throws(() => bodyLimits({ capBytes: maxBodyCapBytes + 1 }), /at most/);
  assert.throws(() => bodyLimits({ capBytes: 0 }), /whole number/);
  assert.throws(() => bodyLimits({ deadlineMs: 1.5 }), /whole number/);
  assert.throws(() => bodyLimits({ headDeadlineMs: 0 }), /headDeadlineMs must be a whole number/);
});

test('describeCut states the cap in the words reports use', () => {
  const outcome = { keptBytes: 1_048_576, seenBytes: 52_428_800, cut: 'over the cap' as const };
  assert.equal(
    describeCut(outcome, defaultBodyLimits),
    'over the 1 MiB cap (52,428,800 bytes; 1,048,576 kept)',
  );
});
