/**
 * The drift report stays bounded when a server invents new keys in every answer: at most
 * `maxPathsPerStatus` distinct fields per operation and status, the rest counted on one line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectDrift, maxPathsPerStatus, morePaths } from './drift.ts';
import type { Observation } from './observations.ts';

const answer = (drift: string[], status = 200): Observation => ({
  kind: 'response',
  operationId: 'getMyUnusedLinks',
  status,
  test: 'a test',
  failures: [],
  drift,
});

test('fields past the first 100 of an operation and status are counted on one line', () => {
  // 30 answers of 50 new keys each: 1,500 distinct fields.
  const answers = Array.from({ length: 30 }, (_, a) =>
    answer(Array.from({ length: 50 }, (_, k) => `k${a}_${k}`)),
  );
  const drift = collectDrift([...answers, answer(['k0_0']), answer(['other'], 404)]);
  const ok = drift.filter((d) => d.status === 200);
  assert.equal(ok.length, maxPathsPerStatus + 1);
  assert.deepEqual(
    ok.find((d) => d.path === morePaths),
    { operationId: 'getMyUnusedLinks', status: 200, path: morePaths, count: 1_400, example: 'a test' },
  );
  assert.equal(ok.find((d) => d.path === 'k0_0')?.count, 2, 'a field already listed is still counted');
  assert.deepEqual(
    drift.filter((d) => d.status === 404).map((d) => d.path),
    ['other'],
    'each status has its own room',
  );
});
