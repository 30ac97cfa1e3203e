/**
 * How many connections a run may open at once: the profile's VUs, lowered to what the process's
 * open-file limit (`ulimit -n`) leaves after what the runner itself needs, so the run never fails on
 * EMFILE halfway through. Read before the run starts; a limit too low for a single connection refuses it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ConnectionBudget {
  connections: number;
  /** The profile's own budget (maxVUs), before the descriptor limit. */
  planned: number;
  /** The soft open-file limit, when it could be read. */
  fileLimit?: number;
  /** Why the budget is below the profile's, when it is. */
  lowered?: string;
}

/** Descriptors the runner needs besides its load connections: stdio, modules, workers, seeding, reports. */
export const reservedDescriptors = 256;

/** The soft limit on open files: from /proc on Linux, else from the shell's `ulimit -n`. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (line) return line[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line[1]);
  } catch {
    // Not Linux: ask the shell, whose limits are this process's.
  }
  try {
    const out = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 5_000 }).trim();
    return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out) || undefined;
  } catch {
    return undefined;
  }
}

/** The run's budget under `fileLimit` (undefined: unknown, so not lowered), or why no connection can be opened. */
export function connectionBudget(
  planned: number,
  fileLimit: number | undefined,
): ConnectionBudget | { refused: string } {
  const base = { planned, ...(fileLimit === undefined ? {} : { fileLimit }) };
  if (fileLimit === undefined || planned + reservedDescriptors <= fileLimit)
    return { ...base, connections: planned };
  const room = fileLimit - reservedDescriptors;
  if (room < 1) {
    return {
      refused: `the open-file limit (ulimit -n ${fileLimit}) leaves no descriptor for connections: the runner needs ${reservedDescriptors} for itself; raise it (ulimit -n ${planned + reservedDescriptors})`,
    };
  }
  return {
    ...base,
    connections: room,
    lowered: `connections capped at ${room} (the profile allows ${planned}) by the open-file limit (ulimit -n ${fileLimit}); raise it to ${planned + reservedDescriptors} for the full budget`,
  };
}
