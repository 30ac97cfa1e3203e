/**
 * A sandbox made slow on purpose (fault injection: every list answer 700 ms late) must breach the
 * latency thresholds and make `npm run load` exit non-zero (1: the target failed; 2 only when the
 * generator stalled so long that it could explain the breach), while the error and check thresholds
 * still pass: the failure is the latency, nothing else.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createControlClient } from '../../client/controlClient.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import type { LoadReport } from './report.ts';
import { exitCodeOf } from './verdict.ts';

describe('a slow sandbox', () => {
  it('breaches the latency thresholds and the CLI fails the gate', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const outDir = mkdtempSync(join(tmpdir(), 'load-slow-'));
    try {
      // Only the measured list operations are slowed, so seeding (createLink, pay, payouts) stays quick.
      const control = createControlClient({ baseUrl: sandbox.url });
      for (const operationId of listTransactions.operations)
        await control.injectFault({ delay_ms: 700, count: 100000, operationId });
      const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
      const args = [
        '--scenario',
        'listTransactions',
        '--profile',
        'smoke',
        '--base-url',
        sandbox.url,
        '--out',
        outDir,
      ];
      // Asynchronous spawn: the sandbox lives in this process and must keep answering.
      const child = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', cli, ...args, '--quiet'], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        // A bound, not a timed check: a busy machine takes long to start, seed, warm up and clean up.
        const timer = setTimeout(() => proc.kill(), 300_000);
        proc.on('close', (status: number | null) => {
          clearTimeout(timer);
          resolve({ status, stdout });
        });
      });
      const report = JSON.parse(
        readFileSync(join(outDir, 'load-listTransactions.json'), 'utf8'),
      ) as LoadReport;
      // The exit code follows the report; a slowed target fails the gate whatever the machine's load.
      assert.equal(child.status, exitCodeOf(report), child.stdout);
      assert.notEqual(child.status, 0, child.stdout);
      // 700 ms late breaches 300 ms even with the generator's worst stall taken off, unless it stalled 400 ms.
      if (report.generator.loopDelayMs.max < 400) assert.equal(child.status, 1, child.stdout);
      // The warm-up was slowed too, and is not what failed it: its answers are not among the judged ones.
      assert.equal(report.totals.answered, 50);
      assert.ok((report.warmUp?.latency.p50 ?? 0) >= 700, 'the warm-up answered slowly too');
      const failedKinds = new Set(report.thresholds.filter((t) => !t.ok).map((t) => t.kind));
      assert.deepEqual([...failedKinds].sort(), ['p95', 'p99']);
      assert.ok(report.thresholds.filter((t) => t.kind === 'p95').every((t) => !t.ok));
      assert.match(child.stdout, /✗ getMyUnusedLinks p95 < 300 ms: measured \d+/);
      assert.match(
        child.stdout,
        /warm-up \(checked, not judged\): \d+ s at 10 req\/s, 50 answered, 0 failed/,
      );
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      await sandbox.close();
    }
  });
});
