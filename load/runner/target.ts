/**
 * The run's target: the given URL, or the embedded reference sandbox on a free loopback port. The
 * sandbox runs in a child process (sandbox/spawn.ts), not in the runner's event loop:
 * there, every answer would wait for the generator's own work (building requests, checking answers)
 * and the latency would measure both. The child ends with the runner, however the runner ends.
 */
import { spawnSandbox } from '../../sandbox/spawn.ts';

export interface Target {
  url: string;
  embedded: boolean;
  /** The sandbox's process id (embedded only). */
  pid?: number;
  close(): Promise<void>;
}

const stopDeadlineMs = 5_000;

export interface SandboxProcessOptions {
  /** Connections the sandbox keeps open at once (its --max-connections); its default otherwise. */
  maxConnections?: number;
}

/** Starts the faithful sandbox and resolves once it answers; rejects (and kills it) otherwise. */
async function startSandboxProcess(options: SandboxProcessOptions): Promise<Target> {
  const args = ['--port', '0', '--no-demo', '--host', '127.0.0.1'];
  if (options.maxConnections) args.push('--max-connections', String(options.maxConnections));
  const sandbox = await spawnSandbox(args, { stderr: 'inherit' }).catch((error: Error) => {
    throw new Error(`the embedded sandbox did not start: ${error.message}`);
  });
  return {
    url: sandbox.url,
    embedded: true,
    ...(sandbox.child.pid !== undefined ? { pid: sandbox.child.pid } : {}),
    // Past the deadline it is killed: a sandbox that will not stop must not hold the runner.
    close: () =>
      sandbox.stop('SIGTERM', stopDeadlineMs).then(
        () => undefined,
        () => undefined,
      ),
  };
}

export async function startTarget(
  baseUrl: string | undefined,
  embedded: SandboxProcessOptions = {},
): Promise<Target> {
  if (baseUrl !== undefined)
    return { url: baseUrl.replace(/\/+$/, ''), embedded: false, close: async () => {} };
  return startSandboxProcess(embedded);
}
