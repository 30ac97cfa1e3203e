/**
 * The ledger's waits on a mocked clock: which connections a waiting segment gets, decided by the
 * order of closes and the ledger's own timers, never by how fast the machine runs them.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { ConnectionLedger } from './connectionLedger.ts';

let clock = 0;
let context: TestContext;
/** The ledger's timers and its clock, both mocked, for test `t`. */
const mockTime = (t: TestContext) => {
  clock = 0;
  context = t;
  t.mock.timers.enable({ apis: ['setTimeout'] });
};
const tick = (ms: number) => {
  clock += ms;
  context.mock.timers.tick(ms);
};

/** A ledger of `budget` connections, all taken by a first segment. */
async function full(budget: number) {
  const ledger = new ConnectionLedger(budget, () => clock);
  assert.equal(await ledger.take(budget, 2000), budget);
  return ledger;
}

const settled = (promise: Promise<number>) => {
  const seen: { value?: number } = {};
  void promise.then((value) => {
    seen.value = value;
  });
  return seen;
};

test('takes what it wants at once when it is free; short of it, what is free after a tenth of its window', async (t) => {
  mockTime(t);
  const ledger = new ConnectionLedger(4, () => clock);
  assert.equal(await ledger.take(3, 1000), 3);
  const rest = settled(ledger.take(3, 1000));
  tick(100); // a tenth of its window: it takes the one that is free
  await Promise.resolve();
  assert.equal(rest.value, 1);
  assert.equal(ledger.peak, 4);
});

test('before a tenth of its window, it waits until all it wants are free', async (t) => {
  mockTime(t);
  const ledger = await full(4);
  const got = settled(ledger.take(4, 10_000));
  ledger.closed();
  tick(50);
  await Promise.resolve();
  assert.equal(got.value, undefined, 'one free connection is not what it wants yet');
  for (let i = 0; i < 3; i++) ledger.closed();
  tick(10);
  await Promise.resolve();
  assert.equal(got.value, 4);
});

test('past a tenth of its window, closes that come together are taken together', async (t) => {
  mockTime(t);
  const ledger = await full(4);
  const got = settled(ledger.take(4, 10_000));
  tick(2000);
  // Four answers processed a few ms apart, within the gathering moment after the first.
  for (let i = 0; i < 4; i++) {
    ledger.closed();
    tick(2);
  }
  tick(10);
  await Promise.resolve();
  assert.equal(got.value, 4);
});

test('past a tenth of its window, it takes what is free rather than wait on', async (t) => {
  mockTime(t);
  const ledger = await full(4);
  const got = settled(ledger.take(4, 10_000));
  tick(2000);
  ledger.closed();
  tick(50);
  await Promise.resolve();
  assert.equal(got.value, 1);
});

test('gets nothing when its window ends with nothing free, or when the run stops', async (t) => {
  mockTime(t);
  const ledger = await full(2);
  const ended = settled(ledger.take(1, 500));
  tick(500);
  await Promise.resolve();
  assert.equal(ended.value, 0);
  const stopped = settled(ledger.take(1, 5000));
  ledger.stop();
  tick(10);
  await Promise.resolve();
  assert.equal(stopped.value, 0);
});
