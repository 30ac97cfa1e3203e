/**
 * End to end against the reference sandbox: the smoke profile of both scenarios passes through the
 * embedded sandbox (what `npm run load -- --scenario X --profile smoke` does), including seeding and
 * cleanup, and writes its three reports.
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
    it(`${scenario} meets every threshold`, async () => {
      const { report, exitCode, files } = await runLoad({
        scenario,
        profile: 'smoke',
        outDir,
        progress: false,
      });
      const failed = report.thresholds.filter((t) => !t.ok).map((t) => t.message);
      assert.deepEqual(failed, []);
      assert.equal(exitCode, 0);
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
