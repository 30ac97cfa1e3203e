/**
 * The report directory, made ready before a run starts: a run of hours must not end in "cannot
 * write the reports". Each missing level is made one at a time (Node's recursive mkdir spins for
 * ever under some virtual file systems, e.g. /proc), and a probe file proves it can be written.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export class ReportDirError extends Error {}

function makeLevels(dir: string): void {
  const parent = dirname(dir);
  if (parent !== dir) {
    try {
      statSync(parent);
    } catch {
      makeLevels(parent);
    }
  }
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
}

/** Makes `dir` (and its parents) and checks that a file can be written there; throws ReportDirError. */
export function prepareReportDir(dir: string): void {
  const path = resolve(dir);
  const probe = join(path, `.write-check-${process.pid}`);
  try {
    makeLevels(path);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReportDirError(`cannot write reports to ${dir} (${reason})`);
  }
}
