/**
 * Starts a benchmark server in its own process (`separate`, the default: fairer on two cores, the
 * load generator does not share the server's event loop) or in this one (`in-process`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { type Host, type HostInfo, type HostOptions, hostServer } from './hostServer.ts';

export type Layout = 'separate' | 'in-process';

export interface StartedHost extends Host {
  /** CPU time (user + system, µs) the server's process has used; null when it shares this process. */
  cpuMicros(): Promise<number | null>;
}

const ENTRY = resolve(import.meta.dirname, 'serverProcess.ts');
const DEADLINE_MS = 120_000;

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`bench server: no ${type} message in time`)), DEADLINE_MS);
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(message);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`bench server exited with ${code} while waiting for ${type}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startHost(options: HostOptions, layout: Layout): Promise<StartedHost> {
  if (layout === 'in-process') return { ...(await hostServer(options)), cpuMicros: async () => null };
  const child = fork(ENTRY, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const { info } = await nextMessage<{ info: HostInfo }>(child, 'ready');
  return {
    ...info,
    cpuMicros: async () => {
      const answer = nextMessage<{ micros: number }>(child, 'cpu');
      child.send({ type: 'cpu' });
      return (await answer).micros;
    },
    close: async () => {
      child.disconnect();
      await exited;
    },
  };
}
