/**
 * The run's target: the given URL, or the embedded reference sandbox on a free loopback port. The
 * sandbox runs in a child process, not in the runner's event loop: there, every answer would wait for
 * the generator's own work (building requests, checking answers) and the latency would measure both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Target {
  url: string;
  embedded: boolean;
  /** The sandbox's process id (embedded only). */
  pid?: number;
  close(): Promise<void>;
}

/** Booting TypeScript through tsx takes a second or two; on a busy machine more. */
const startDeadlineMs = 30_000;
const stopDeadlineMs = 5_000;
const readyLine = /^SecPaid reference sandbox listening on (http:\/\/\S+)/;

function sandboxEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Under `node --test` the child would think it is a test file and report TAP instead of serving.
  delete env.NODE_TEST_CONTEXT;
  // The embedded sandbox is the reference one: no deliberately broken variant from the environment.
  delete env.SANDBOX_BROKEN_MODE;
  return env;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), stopDeadlineMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface SandboxProcessOptions {
  /** Connections the sandbox keeps open at once (its --max-connections); its default otherwise. */
  maxConnections?: number;
}

/** Starts `sandbox/main.ts` and resolves once it printed its URL; rejects (and kills it) otherwise. */
export function startSandboxProcess(options: SandboxProcessOptions = {}): Promise<Target> {
  const main = fileURLToPath(new URL('../../sandbox/main.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      main,
      '--port',
      '0',
      '--no-demo',
      '--host',
      '127.0.0.1',
      ...(options.maxConnections ? ['--max-connections', String(options.maxConnections)] : []),
    ],
    { cwd: root, env: sandboxEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // A sandbox left running would keep its port and a core: it ends with the runner, however that ends.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      cleanup();
      process.off('exit', killOnExit);
      child.kill('SIGKILL');
      reject(new Error(`the embedded sandbox did not start: ${why}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${startDeadlineMs / 1000} s`), startDeadlineMs);
    const onExit = (code: number | null) => fail(`it exited (code ${code})`);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf('\n');
      if (newline === -1) return;
      const url = readyLine.exec(output.slice(0, newline))?.[1];
      if (!url) return fail(`its first line was not its URL: ${output.slice(0, newline).slice(0, 200)}`);
      cleanup();
      // Later output is read and dropped, so a full pipe never blocks the sandbox.
      child.stdout?.resume();
      resolve({
        url,
        embedded: true,
        ...(child.pid !== undefined ? { pid: child.pid } : {}),
        close: async () => {
          process.off('exit', killOnExit);
          await stop(child);
        },
      });
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', onData);
    }
    child.once('exit', onExit);
    child.once('error', (error) => fail(error.message));
    child.stdout?.on('data', onData);
  });
}

export async function startTarget(
  baseUrl: string | undefined,
  embedded: SandboxProcessOptions = {},
): Promise<Target> {
  if (baseUrl !== undefined)
    return { url: baseUrl.replace(/\/+$/, ''), embedded: false, close: async () => {} };
  return startSandboxProcess(embedded);
}
