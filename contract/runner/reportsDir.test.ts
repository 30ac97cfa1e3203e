/**
 * A --reports directory that cannot be written is refused before the run: one line, exit 2, and no
 * request reaches the target (a run of minutes must not end in "cannot write the reports").
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startRecordingServer } from '../../client/recordingServer.ts';
import { spawnTsx } from '../selftest/spawnTsx.ts';

test('an unwritable --reports is refused before any request, in one line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-reports-'));
  const target = await startRecordingServer();
  try {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const run = await spawnTsx(
      'contract/cli.ts',
      ['--base-url', target.url, '--reports', join(file, 'sub')],
      {
        SECPAID_TOKEN: 'T'.repeat(32),
      },
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr.trim(),
      /^contract run could not run: cannot write reports to .*a-file\/sub \(ENOTDIR\)$/,
    );
    assert.equal(target.received.length, 0, 'nothing reached the target');
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
