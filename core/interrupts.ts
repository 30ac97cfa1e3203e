/**
 * How a CLI hears Ctrl-C. The first SIGINT or SIGTERM asks the run to stop (it then cleans up and
 * writes its reports); a signal that comes at least a second later quits at once. Signals within
 * that second are the same interruption delivered again: `npm run` forwards the terminal's SIGINT
 * to a child that already had it from the terminal, and tsx (when it is the parent) re-sends a
 * signal the child has not acknowledged within milliseconds. Measured when each is handled, so a
 * busy event loop can only merge two signals, never split one.
 * For CLIs only: library modules never install signal handlers.
 */
import { performance } from 'node:perf_hooks';

export type Interruption = 'SIGINT' | 'SIGTERM';

export const sameInterruptionMs = 1000;

export function onInterrupt(handlers: {
  /** The first signal: stop and clean up. */
  stop: (signal: Interruption) => void;
  /** A later, distinct signal: quit now (process.exit is the CLI's to call here). */
  quit: (signal: Interruption) => void;
}): void {
  let firstAt: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const now = performance.now();
      if (firstAt === undefined) {
        firstAt = now;
        handlers.stop(signal);
      } else if (now - firstAt >= sameInterruptionMs) handlers.quit(signal);
    });
  }
}
