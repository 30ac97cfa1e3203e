/** How often the progress line is printed: each second on a terminal, in CI bounded both ways. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressEveryS } from './progress.ts';

test('a terminal gets a line each second; a log a tenth of the run, between 5 s and 30 s apart', () => {
  assert.equal(progressEveryS(1211, true), 1);
  assert.equal(progressEveryS(11, false), 5, 'a smoke run');
  assert.equal(progressEveryS(300, false), 30, 'average');
  assert.equal(progressEveryS(1211, false), 30, 'a breakpoint run still shows it is alive');
  assert.equal(progressEveryS(7200, false), 30, 'soak');
});
