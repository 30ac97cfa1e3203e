/**
 * A sandbox made slow on purpose (fault injection: every list answer 700 ms late) must breach the
 * latency thresholds and make `npm run load` exit non-zero, while the error and check thresholds
 * still pass: the failure is the latency, nothing else.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../sandbox/index.ts';
import { listTransactions } from '../scenarios/listTransactions.ts';
import type { LoadReport } from './report.ts';

describe('a slow sandbox', () => {
  it('breaches the latency thresholds and the CLI exits 1', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const outDir = mkdtempSync(join(tmpdir(), 'load-slow-'));
    try {
      // Only the measured list operations are slowed, so seeding (createLink, pay, payouts) stays quick.
      for (const operationId of listTransactions.operations) {
        const armed = await fetch(`${sandbox.url}/sandbox/faults`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ delay_ms: 700, count: 100000, operationId }),
        });
        assert.equal(armed.status, 200);
      }
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
        const timer = setTimeout(() => proc.kill(), 60_000);
        proc.on('close', (status: number | null) => {
          clearTimeout(timer);
          resolve({ status, stdout });
        });
      });
      const report = JSON.parse(
        readFileSync(join(outDir, 'load-listTransactions.json'), 'utf8'),
      ) as LoadReport;
      assert.equal(child.status, report.generator.saturated ? 2 : 1, child.stdout);
      const failedKinds = new Set(report.thresholds.filter((t) => !t.ok).map((t) => t.kind));
      assert.deepEqual([...failedKinds].sort(), ['p95', 'p99']);
      assert.ok(report.thresholds.filter((t) => t.kind === 'p95').every((t) => !t.ok));
      assert.match(child.stdout, /✗ getMyUnusedLinks p95 < 300 ms: measured \d+/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      await sandbox.close();
    }
  });
});
