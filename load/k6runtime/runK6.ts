/**
 * Runs a k6 script in the emulated k6 runtime (run.ts), in a child process started with
 * `--experimental-vm-modules` (needed by vm.SourceTextModule on Node 20), and returns its result.
 * The child is bounded: killed after `maxMs` (a safety bound for a stuck run, not a measurement).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunResult, RunSpec } from './run.ts';

const child = fileURLToPath(new URL('./child.ts', import.meta.url));
/** tsx resolved from here: the child's working directory (where summary files go) may be anywhere. */
const tsx = import.meta.resolve('tsx');

export function runK6(spec: RunSpec, maxMs = 180_000): Promise<RunResult> {
  const args = [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '--import',
    tsx,
    child,
    JSON.stringify(spec),
  ];
  const process_ = spawn(process.execPath, args, {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => process_.kill('SIGKILL'), maxMs);
  return new Promise((resolve, reject) => {
    process_.once('error', reject);
    process_.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as RunResult);
      } catch {
        reject(
          new Error(`the k6 runtime ended (${signal ?? code}) without a result: ${stderr.slice(-2000)}`),
        );
      }
    });
  });
}
