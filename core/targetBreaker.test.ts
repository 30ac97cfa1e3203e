/** The breaker's rule, by the fates it is told: no clock and no server. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fateOf, TargetBreaker, TargetCutOff } from './targetBreaker.ts';

test('five cut answers in a row trip it, once; every later check fails with the reason', () => {
  const reasons: string[] = [];
  const breaker = new TargetBreaker(5, (reason) => reasons.push(reason));
  for (let i = 0; i < 4; i++) breaker.record('too slow');
  breaker.check();
  assert.equal(breaker.reason, undefined);
  breaker.record('too slow');
  const reason = "the target's last 5 answers were cut as too slow: the run stops sending to it";
  assert.equal(breaker.reason, reason);
  assert.throws(
    () => breaker.check(),
    (error: Error) => error instanceof TargetCutOff && error.message === reason,
  );
  breaker.record('answered');
  breaker.record('endless');
  assert.deepEqual(reasons, [reason], 'told once; nothing later reopens or retrips it');
});

test('an answer that arrived, even one longer than the cap, ends a streak', () => {
  const breaker = new TargetBreaker(3);
  for (const fate of ['too slow', 'endless', 'answered', 'too slow', 'endless'] as const)
    breaker.record(fate);
  assert.equal(breaker.reason, undefined);
  breaker.record(fateOf({ keptBytes: 10, seenBytes: 99, cut: 'over the cap' }));
  breaker.record('too slow');
  breaker.record('too slow');
  assert.equal(breaker.reason, undefined);
});

test('the reason names every way the streak went', () => {
  const mixed = new TargetBreaker(3);
  for (const fate of ['too slow', 'no head', 'endless'] as const) mixed.record(fate);
  assert.equal(
    mixed.reason,
    "the target's last 3 answers were cut as too slow or endless or had no response head in time: the run stops sending to it",
  );
  const silent = new TargetBreaker(2);
  silent.record('no head');
  silent.record('no head');
  assert.equal(
    silent.reason,
    "the target's last 2 answers had no response head in time: the run stops sending to it",
  );
  assert.throws(() => new TargetBreaker(0), /threshold must be a whole number ≥ 1/);
});
