/**
 * A whole contract run (`npm run contract` as a user starts it) against a loopback server that
 * answers as the test says: the server lives for the test file (node:test before/after hooks), and
 * each run gets a reports directory of its own, removed afterwards. Only getMyUnusedLinks runs: one
 * suite shows what the harness does with the answers, and it ends in seconds.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type ReplyFor, startRecordingServer } from '../../client/recordingServer.ts';
import { evidenceReports, reportNames } from '../runner/writeReports.ts';
import { type Spawned, spawnTsx } from './spawnTsx.ts';

export function hostileTarget(reply: () => ReplyFor) {
  let server: Awaited<ReturnType<typeof startRecordingServer>> | undefined;
  const dirs: string[] = [];
  before(async () => {
    server = await startRecordingServer();
    server.setReply(reply());
  });
  after(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const started = () => {
    if (!server) throw new Error('hostileTarget: the server starts in before()');
    return server;
  };
  return {
    server: started,
    /** Runs the contract CLI at the server with `args` and `keys`; the reports go to `reportsDir`. */
    async run(args: string[], keys: NodeJS.ProcessEnv): Promise<Spawned & { reportsDir: string }> {
      const reportsDir = mkdtempSync(join(tmpdir(), 'contract-hostile-'));
      dirs.push(reportsDir);
      const base = ['--base-url', started().url, '--only', 'getMyUnusedLinks'];
      const run = await spawnTsx('contract/cli.ts', [...base, ...args, '--reports', reportsDir], keys);
      return { ...run, reportsDir };
    },
  };
}

const MiB = 1024 * 1024;

/**
 * Every report a run writes is there (their names are returned), and small whatever the server sent: 1 MiB, or 8 MiB for the
 * reports that hold each failure's evidence (bodies cut at 8 KiB each).
 */
export function assertEveryReportSmall(reportsDir: string): string[] {
  const reports = readdirSync(reportsDir).sort();
  assert.deepEqual(reports, [...reportNames].sort());
  for (const name of reports) {
    const bound = evidenceReports.has(name as (typeof reportNames)[number]) ? 8 * MiB : MiB;
    assert.ok(statSync(join(reportsDir, name)).size < bound, `${name} is small`);
  }
  return reports;
}
