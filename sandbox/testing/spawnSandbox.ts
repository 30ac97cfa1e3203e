/**
 * Runs sandbox/main.ts as its own process, the way `npm run sandbox` does, capturing everything it
 * writes. Readiness: the URL it prints, then the health endpoint answering, both within a deadline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface SpawnedSandbox {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Sends a signal and waits for the exit, within the deadline. */
  stop(signal: NodeJS.Signals, deadlineMs?: number): Promise<{ code: number | null; signal: string | null }>;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor<T>(what: string, deadline: number, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const found = await probe();
    if (found !== undefined) return found;
    await pause(Math.min(20 * 2 ** attempt, 200)); // back-off between probes, bounded by the deadline
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function spawnSandbox(args: string[], deadlineMs = 20_000): Promise<SpawnedSandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const deadline = Date.now() + deadlineMs;
  try {
    const url = await waitFor('the listening line', deadline, async () => {
      if (child.exitCode !== null) throw new Error(`sandbox exited early: ${output}`);
      return /listening on (http:\/\/\S+)/.exec(output)?.[1];
    });
    await waitFor('health', deadline, async () => {
      const ok = await fetch(`${url}/sandbox/health`).then(
        (r) => r.ok,
        () => false,
      );
      return ok ? true : undefined;
    });
    return {
      url,
      child,
      output: () => output,
      stop: async (signal, stopDeadlineMs = 10_000) => {
        child.kill(signal);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((done) => {
          timer = setTimeout(() => done('timeout'), stopDeadlineMs);
        });
        const result = await Promise.race([exited, timeout]);
        clearTimeout(timer);
        if (result === 'timeout') {
          child.kill('SIGKILL');
          throw new Error(`the sandbox did not stop within ${stopDeadlineMs} ms of ${signal}`);
        }
        return result;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
