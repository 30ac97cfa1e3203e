/** The report directory is made and proved writable before a run, and refused with the reason otherwise. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareReportDir, ReportDirError } from './reportDir.ts';

describe('report directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'report-dir-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('makes missing levels and leaves no probe behind', () => {
    const dir = join(root, 'a', 'b', 'c');
    prepareReportDir(dir);
    assert.ok(existsSync(dir));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a path that is a file, or lies under one, naming why', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    assert.throws(
      () => prepareReportDir(file),
      (e) => e instanceof ReportDirError && /ENOTDIR|EEXIST/.test(e.message),
    );
    assert.throws(
      () => prepareReportDir(join(file, 'sub')),
      /cannot write reports to .*a-file\/sub \(ENOTDIR\)/,
    );
  });

  it('refuses a directory that cannot be made, without spinning (Node loops on /proc)', () => {
    assert.throws(() => prepareReportDir('/proc/no-such-dir/reports'), ReportDirError);
  });
});
