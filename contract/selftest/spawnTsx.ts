/**
 * Runs a TypeScript entry point in a fresh node process (with tsx) and collects its output. Test
 * files use it because node's test runner refuses to start a contract run inside a test process;
 * NODE_TEST_CONTEXT is removed so the child is an ordinary process, not a test reporter.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnTsx(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 240_000,
  /** Sees the child once started, e.g. to signal it. */
  onStart?: (child: ChildProcess) => void,
): Promise<Spawned> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      env: childEnv,
    });
    onStart?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
