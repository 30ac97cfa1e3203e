/**
 * The generated phase against the correct sandbox: no false alarm under many seeds, and one seed
 * sends the same requests on every run (so `--seed` replays a run exactly).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SeedOutcome } from './runSeeds.ts';
import { spawnTsx } from './spawnTsx.ts';

const reportsRoot = mkdtempSync(join(tmpdir(), 'contract-seeds-'));
// The first two runs share a seed: the replay test compares them.
const seeds = [7, 7, 1, 2, 3, 4, 5, 6];
const outcomes: SeedOutcome[] = [];
let childOutput = '';

before(async () => {
  // A bound, not a speed target: about a minute quiet, two with both cores busy elsewhere.
  const child = await spawnTsx(
    'contract/selftest/runSeeds.ts',
    [reportsRoot, ...seeds.map(String)],
    {},
    15 * 60_000,
  );
  childOutput = `exit ${child.code}\n${child.stderr.slice(-2000)}`;
  for (const line of child.stdout.split('\n'))
    if (line.startsWith('{')) outcomes.push(JSON.parse(line) as SeedOutcome);
});

after(() => rmSync(reportsRoot, { recursive: true, force: true }));

/** The generated phase's requests as sent, less what differs between runs by design. */
function sentRequests(reportsDir: string): string[] {
  const log = readFileSync(join(reportsDir, 'requests.log'), 'utf8');
  return log
    .split('\n=== ')
    .filter((block) => block.includes(' generated '))
    .map((block) =>
      block
        .split('\n--> ')[0]!
        .split('\n')
        .slice(1) // the timestamp line
        .join('\n')
        .replace(/127\.0\.0\.1:\d+/g, 'HOST')
        .replace(/\[run:[0-9a-f]+\]|%5Brun%3A[0-9a-f]+%5D/g, '[run:*]')
        .replace(/\d{4}-\d{2}-\d{2}/g, 'DAY'),
    );
}

describe('the generated phase against the correct sandbox', { timeout: 15 * 60_000 }, () => {
  test(`passes under every seed tried (${[...new Set(seeds)].join(', ')})`, () => {
    assert.equal(outcomes.length, seeds.length, childOutput);
    for (const outcome of outcomes) {
      assert.deepEqual(outcome.failed, [], `seed ${outcome.seed} raised a false alarm`);
      assert.ok(outcome.ok && outcome.ran >= 35, `seed ${outcome.seed}: ${outcome.ran} tests ran`);
    }
  });

  test('two runs with one seed send the same requests; another seed sends others', () => {
    const [first, again, other] = outcomes.map((o) => sentRequests(o.reportsDir));
    assert.ok(first && first.length > 500, `only ${first?.length} generated requests were logged`);
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
  });
});
