/**
 * Ctrl-C twice quits at once (process.exit), skipping every finally: the private temp directory
 * that holds the run's API keys must still be gone when the process has exited. The target answers
 * every API request 3 s late, so the second SIGINT surely lands while the run (its cleanup) is busy.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox } from '../../sandbox/index.ts';
import { controlApi } from '../builders/controlApi.ts';
import { spawnTsx } from './spawnTsx.ts';

const privateDirs = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('secpaid-contract-'));

/** True once the run has made a tenant (so its cleanup has an account to list, slowly). Bounded: 30 s. */
async function tenantMade(temp: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    const [dir] = privateDirs(temp);
    if (dir && existsSync(join(temp, dir, 'secrets.jsonl'))) return true;
    await sleep(50);
  }
  return false;
}

test('a second Ctrl-C exits 130 and still removes the private directory with the keys', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'contract-interrupt-'));
  const sandbox = await startSandbox({ port: 0, quiet: true });
  try {
    await controlApi(sandbox.url).injectFault({ delay_ms: 3000, count: 1000 });
    let started = false;
    const run = await spawnTsx(
      'contract/cli.ts',
      ['--base-url', sandbox.url, '--only', 'getMyUnusedLinks', '--reports', join(temp, 'reports')],
      { TMPDIR: temp },
      60_000,
      (child) => {
        void tenantMade(temp).then(async (made) => {
          started = made;
          child.kill('SIGINT');
          await sleep(100);
          child.kill('SIGINT');
        });
      },
    );
    assert.ok(started, 'the run never made a tenant');
    assert.equal(run.code, 130, `the second SIGINT did not quit at once: ${run.stderr.slice(-1500)}`);
    assert.deepEqual(privateDirs(temp), [], 'the private directory with the keys was left behind');
  } finally {
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
});
