/**
 * Proof that the suite catches faults: it must fail against every broken sandbox of the catalogue
 * (sandbox/broken/modes.ts, running that mode's suites), pass against the correct sandbox (the
 * whole suite), and report the negative control's extra field as drift without failing. All runs happen in one child process
 * (see runModes.ts), then each mode is judged in its own test.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brokenModes } from '../../sandbox/broken/modes.ts';
import type { ModeOutcome } from './runModes.ts';
import { spawnTsx } from './spawnTsx.ts';

const reportsRoot = mkdtempSync(join(tmpdir(), 'contract-selftest-'));
const outcomes = new Map<string, ModeOutcome>();
/**
 * A bound on the ~40 contract runs of the self-test, not a speed target: about 2 minutes on a quiet
 * 2-core machine, over 4 with both cores busy elsewhere.
 */
const selfTestBoundMs = 20 * 60_000;
let childOutput = '';

before(async () => {
  const child = await spawnTsx(
    'contract/selftest/runModes.ts',
    [
      reportsRoot,
      'correct',
      ...brokenModes.map((f) => f.name),
      ...brokenModes.filter((f) => f.caughtBy === 'generated').map((f) => `${f.name}:suites`),
    ],
    {},
    selfTestBoundMs,
  );
  childOutput = `exit ${child.code}\n${child.stderr.slice(-2000)}`;
  for (const line of child.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const outcome = JSON.parse(line) as ModeOutcome;
    outcomes.set(outcome.mode, outcome);
  }
});

after(() => rmSync(reportsRoot, { recursive: true, force: true }));

function outcomeOf(mode: string): ModeOutcome {
  const outcome = outcomes.get(mode);
  assert.ok(outcome, `no outcome for ${mode}; the self-test process said: ${childOutput}`);
  return outcome;
}

describe('the contract suite against the correct and the broken sandboxes', {
  timeout: selfTestBoundMs,
}, () => {
  test('the correct sandbox passes the whole suite, with its coverage gate and no drift', () => {
    const outcome = outcomeOf('correct');
    assert.deepEqual(outcome.failed, [], 'the suite fails on the correct sandbox');
    assert.deepEqual(outcome.gate, { ok: true, missing: [], failed: [], notChecked: [] });
    assert.deepEqual(outcome.drift, []);
    assert.ok(outcome.ok && outcome.ran > 100, `only ${outcome.ran} tests ran`);
  });

  for (const fault of brokenModes) {
    const by =
      fault.caughtBy === 'generated'
        ? `the generated phase, not the hand-written suites (${fault.suites.join(', ')})`
        : fault.caughtBy
          ? `${fault.caughtBy} while ${fault.suites.join(', ')} run`
          : fault.suites.join(', ');
    test(`${fault.name} (${fault.breaks}) is ${fault.expect.fail ? 'caught' : 'reported as drift only'} by ${by}`, () => {
      const outcome = outcomeOf(fault.name);
      if (fault.expect.fail) {
        assert.equal(outcome.ok, false, `the suite passed against ${fault.name}: the fault slipped through`);
        assert.ok(outcome.failed.length > 0, `${fault.name}: no test failed (only the coverage gate did)`);
      } else {
        assert.deepEqual(outcome.failed, [], `${fault.name}: an undocumented field must not fail the suite`);
        assert.equal(outcome.ok, true);
        assert.ok(
          outcome.drift.includes(`createLink 200 ${fault.expect.driftPath}`),
          `drift report lacks ${fault.expect.driftPath}`,
        );
      }
      if (fault.caughtBy === 'generated') {
        // The phase ran alone above; the suites alone must pass, or the phase proved nothing.
        const suites = outcomeOf(`${fault.name}:suites`);
        assert.deepEqual(suites.failed, [], `${fault.name}: a hand-written test already catches it`);
      } else if (fault.caughtBy) {
        const check = `${fault.caughtBy}: `;
        assert.ok(
          outcome.failed.some((f) => f.message.includes(check)),
          `${fault.name}: no failure came from ${fault.caughtBy}`,
        );
      }
    });
  }
});
