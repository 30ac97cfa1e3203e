/**
 * One in-process sandbox per test file (node:test runs each file in its own process): started
 * before the file's tests on a free port, closed after them, so files never share state.
 * Node 20 runs a file's top-level `before` hooks concurrently, so a hook of the test file that
 * needs the sandbox awaits `ready()` (the same start, memoized) instead of relying on hook order.
 */
import { after, before } from 'node:test';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../index.ts';

export interface SandboxFixture {
  readonly url: string;
  readonly sandbox: RunningSandbox;
  ready(): Promise<RunningSandbox>;
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let starting: Promise<RunningSandbox> | undefined;
  let running: RunningSandbox | undefined;
  const ready = () => {
    starting ??= startSandbox({ port: 0, ...options }).then((started) => {
      running = started;
      return started;
    });
    return starting;
  };
  before(ready);
  after(async () => {
    if (starting) await (await starting).close();
  });
  return {
    ready,
    get sandbox() {
      if (!running) throw new Error('the sandbox is not started yet (use it inside a test or after ready())');
      return running;
    },
    get url() {
      return this.sandbox.url;
    },
  };
}
