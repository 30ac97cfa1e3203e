/**
 * The one way to run the sandbox as a process of its own: sandbox/main.ts, started the way
 * `npm run sandbox` starts it, by the load runner's embedded target and by the tests. Everything
 * it writes is kept (the last MiB). Ready means: it printed its URL, then its health endpoint
 * answered, both within a deadline; otherwise it is killed and the promise rejects.
 * It cannot outlive us: it watches its parent (core/interrupts.ts) and stops when we are gone, and
 * our exit hook kills it if we exit before stop().
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { releaseOnExit } from '../core/interrupts.ts';

const ROOT = resolve(import.meta.dirname, '..');
const keptOutputChars = 1024 * 1024;

export interface SpawnedSandbox {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout (and stderr, unless it passes through) so far. */
  output(): string;
  /** Resolves with the output once it matches, within the deadline. */
  waitForOutput(pattern: RegExp, deadlineMs?: number): Promise<string>;
  /** Sends a signal and waits for the exit; past the deadline it is killed and this rejects. */
  stop(signal?: NodeJS.Signals, deadlineMs?: number): Promise<{ code: number | null; signal: string | null }>;
}

export interface SpawnOptions {
  /** Added to this process's environment. SANDBOX_BROKEN_MODE is empty (the faithful sandbox) unless given. */
  env?: NodeJS.ProcessEnv;
  /** 'inherit' passes its stderr through to ours instead of keeping it (default 'capture'). */
  stderr?: 'capture' | 'inherit';
  /** Booting TypeScript through tsx takes a second or two; on a busy machine more. */
  startDeadlineMs?: number;
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

/**
 * Whether the sandbox at `url` says it is healthy before `deadline` (epoch ms). The request is
 * aborted at the deadline: a server that accepts the connection and never answers must not hold
 * the start past it.
 */
export async function answersHealth(url: string, deadline: number): Promise<boolean> {
  return fetch(`${url}/sandbox/health`, {
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  }).then(
    async (response) => {
      await response.body?.cancel();
      return response.ok;
    },
    () => false,
  );
}

function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_BROKEN_MODE: '', ...extra };
  // Under `node --test` the child would think it is a test file and report TAP instead of serving.
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** Starts `sandbox/main.ts` with these command-line options (see `npm run sandbox -- --help`). */
export async function spawnSandbox(args: string[], options: SpawnOptions = {}): Promise<SpawnedSandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    cwd: ROOT,
    env: childEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', options.stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
  const unregister = releaseOnExit(`sandbox process ${child.pid}`, () => child.kill('SIGKILL'));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-keptOutputChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
    child.once('exit', (code, signal) => {
      unregister();
      done({ code, signal });
    }),
  );
  const failed = new Promise<never>((_, fail) => child.once('error', fail));
  failed.catch(() => {});
  const until = (what: string, deadline: number, pattern: RegExp) =>
    waitFor(what, deadline, async () => {
      const found = pattern.exec(output);
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the sandbox exited (${child.exitCode ?? child.signalCode}): ${output.slice(-2000)}`);
      return undefined;
    });
  const deadline = Date.now() + (options.startDeadlineMs ?? 30_000);
  try {
    const [, url] = await Promise.race([
      until('the listening line', deadline, /listening on (http:\/\/\S+)/),
      failed,
    ]);
    await waitFor('health', deadline, async () => ((await answersHealth(url!, deadline)) ? true : undefined));
    return {
      url: url!,
      child,
      output: () => output,
      waitForOutput: async (pattern, deadlineMs = 10_000) => {
        await until(String(pattern), Date.now() + deadlineMs, pattern);
        return output;
      },
      stop: async (signal = 'SIGTERM', deadlineMs = 10_000) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((done) => {
          timer = setTimeout(() => done('timeout'), deadlineMs);
        });
        const result = await Promise.race([exited, timeout]);
        clearTimeout(timer);
        if (result === 'timeout') {
          child.kill('SIGKILL');
          throw new Error(`the sandbox did not stop within ${deadlineMs} ms of ${signal}`);
        }
        return result;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the sandbox did not start: ${(error as Error).message}`);
  }
}
