/**
 * End to end against the reference sandbox: the smoke profile of both scenarios runs through the
 * embedded sandbox (what `npm run load -- --scenario X --profile smoke` does), including seeding and
 * cleanup, and writes its three reports. Every answer must be right (errors, checks, nothing
 * dropped); the latency thresholds are evaluated but their verdict is the machine's, not the code's
 * (a busy CI machine misses p95 < 250 ms by chance), so latency figures live in `npm run bench`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runLoad } from './run.ts';

describe('smoke against the embedded sandbox', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'load-e2e-'));
  after(() => rmSync(outDir, { recursive: true, force: true }));

  for (const scenario of ['createLinks', 'listTransactions'] as const) {
    it(`${scenario} runs whole, every answer right, every threshold evaluated`, async () => {
      const { report, exitCode, files } = await runLoad({
        scenario,
        profile: 'smoke',
        outDir,
        progress: false,
      });
      const latency = (kind: string) => kind === 'p95' || kind === 'p99';
      const failed = report.thresholds.filter((t) => !t.ok && !latency(t.kind)).map((t) => t.message);
      assert.deepEqual(failed, []);
      for (const t of report.thresholds.filter((x) => latency(x.kind)))
        assert.ok(t.actual !== null && t.actual > 0, `${t.id} was not measured`);
      // 1 only when a latency threshold was missed on this machine; never 2 (refused or broken).
      assert.equal(exitCode, report.thresholds.every((t) => t.ok) ? 0 : 1);
      assert.ok(report.embeddedSandbox);
      assert.equal(report.totals.answered, 50);
      assert.ok(
        report.operations.every((o) => o.requests > 0 && o.checkRate === 1),
        'every operation ran and passed',
      );
      assert.ok(report.cleanup && 'deletedLinks' in report.cleanup && report.cleanup.deletedLinks > 0);
      for (const file of Object.values(files!)) assert.ok(existsSync(file), file);
    });
  }
});
