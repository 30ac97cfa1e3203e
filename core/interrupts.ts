/**
 * The process's shutdown owner. Two halves:
 *
 * - For CLIs only (`onInterrupt`, `abortOnInterrupt`): the first SIGINT or SIGTERM, or the death of
 *   the parent process, asks the run to stop (it then cleans up and writes its reports); a signal
 *   that comes at least a second later quits at once (the window is an option, so a test can widen
 *   or close it). Signals within that second are the same
 *   interruption delivered again: a terminal's Ctrl-C reaches the whole process group and npm
 *   forwards it to a child that already had it, and tsx (when it is the parent) re-sends a signal the
 *   child has not acknowledged within milliseconds. Measured when each is handled, so a busy event
 *   loop can only merge two signals, never split one.
 *   The parent is watched because a signal sent to the top process only (a CI runner cancelling
 *   `npm run ...`) never reaches us: npm forwards it to its `sh -c`, and sh dies of it without
 *   passing it on. Our parent dying is then the only news we get.
 *
 * - For library modules (`releaseOnExit`): what must not outlive the process (a container, a
 *   directory holding API keys, a child process) is registered here with a synchronous release.
 *   Whatever way the process exits (the normal end, an uncaught error, a CLI's quit at once), the
 *   one exit hook of the process, installed here, runs the releases still registered. The module
 *   unregisters on its own normal path. Library modules never listen for signals nor call
 *   process.exit.
 */
import { performance } from 'node:perf_hooks';

export type Interruption = 'SIGINT' | 'SIGTERM' | 'parent exited';

/** Signals handled within this long of the first are the same interruption delivered again. */
export const sameInterruptionMs = 1000;
/** How often a CLI looks whether its parent is still there (a cheap getter; the timer is unref'd). */
const parentWatchMs = 250;

export function onInterrupt(handlers: {
  /** The first signal, or the parent's death: stop and clean up. */
  stop: (why: Interruption) => void;
  /** A later, distinct signal: quit now (process.exit is the CLI's to call here). */
  quit: (why: Interruption) => void;
  /** Default `sameInterruptionMs`. */
  sameInterruptionMs?: number;
}): void {
  const window = handlers.sameInterruptionMs ?? sameInterruptionMs;
  let firstAt: number | undefined;
  const heard = (why: Interruption) => {
    const now = performance.now();
    if (firstAt === undefined) {
      firstAt = now;
      handlers.stop(why);
    } else if (why !== 'parent exited' && now - firstAt >= window) handlers.quit(why);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => heard(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    heard('parent exited');
  }, parentWatchMs);
  watch.unref();
}

/** The abort reason of `abortOnInterrupt`: an Error (node:test's run() annotates it), read as its cause. */
class Interrupted extends Error {
  constructor(readonly why: Interruption) {
    super(`interrupted: ${why}`);
    this.name = 'Interrupted';
  }

  override toString(): string {
    return this.why;
  }
}

/**
 * The usual CLI answer: the first interruption says what it stops and aborts the returned signal;
 * a second, distinct one says so and exits with `exitCode`: the run's own cleanup and reports are
 * skipped, while the exit hook still runs the releases (key directories, containers, children).
 */
export function abortOnInterrupt(
  stopping: string,
  exitCode = 130,
  options: { sameInterruptionMs?: number } = {},
): AbortSignal {
  const controller = new AbortController();
  onInterrupt({
    ...options,
    stop: (why) => {
      console.error(`${why}: ${stopping} (press Ctrl-C again to quit at once)`);
      controller.abort(new Interrupted(why));
    },
    quit: (why) => {
      console.error(`${why} again: quitting: the run's cleanup and reports are skipped`);
      process.exit(exitCode);
    },
  });
  return controller.signal;
}

const releases = new Map<symbol, () => void>();
let exitHookInstalled = false;

/** Runs every release still registered, each once; one that throws does not stop the next. */
function runReleases(): void {
  for (const [key, release] of releases) {
    releases.delete(key);
    try {
      release();
    } catch {
      // Best effort: the process is ending and the next release must still run.
    }
  }
}

/**
 * Registers a synchronous release (as 'exit' listeners must be) to run if the process exits before
 * the returned unregister is called. `name` says what it releases (a debugger shows it).
 */
export function releaseOnExit(name: string, release: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', runReleases);
  }
  const key = Symbol(name);
  releases.set(key, release);
  return () => {
    releases.delete(key);
  };
}
