/**
 * `npm run <script> -- args` as a terminal or a CI runner starts it, for the interrupt tests: in a
 * process group of its own, so a test can send what a terminal's Ctrl-C sends (SIGINT to the whole
 * group) or what a CI runner cancelling a job sends (SIGTERM to the top process, npm, only), and then
 * see which processes of the tree are still there. Every wait is bounded by a generous deadline
 * and says what it waited for; none measures time.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Polls until `condition` holds; false when it still does not after `deadlineMs`. */
export async function until(condition: () => boolean, deadlineMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (!condition() && Date.now() < deadline) await sleep(50);
  return condition();
}

/** The parent of every process this machine shows, read from /proc (Linux). */
function parents(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byPid.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/** `pid` and every process below it, now. */
export function processTree(pid: number): number[] {
  const byPid = parents();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of byPid) if (parent === tree[i]) tree.push(child);
  return tree.filter((p) => byPid.has(p));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead but not yet reaped by its parent: it holds no port and runs nothing.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** The processes of `pids` still running after at most `deadlineMs`. */
export async function survivors(pids: number[], deadlineMs = 60_000): Promise<number[]> {
  await until(() => pids.every((pid) => !alive(pid)), deadlineMs);
  return pids.filter(alive);
}

/** Whether something may listen on this loopback port now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface NpmRun {
  pid: number;
  stdout(): string;
  stderr(): string;
  /** The exit: a code, or the signal npm re-raised on itself once its script ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What a terminal's Ctrl-C does: SIGINT to every process of the group. */
  ctrlC(): void;
  /** What a CI runner cancelling the job does: SIGTERM to npm alone. */
  terminateNpm(): void;
  /** SIGKILL to the whole group, for a test's `finally`: a failed test leaves no tree behind. */
  kill(): void;
}

/** Starts the run; past `killAfterMs` the whole group is killed, whatever the test does. */
export function npmRun(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  killAfterMs = 180_000,
): NpmRun {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Inherited from `node --test`, it would turn the CLI's own test runs into reporters.
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn('npm', ['run', script, '--', ...args], {
    cwd: repoRoot,
    env: childEnv,
    detached: true,
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const killer = setTimeout(() => group('SIGKILL'), killAfterMs);
  killer.unref();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    ctrlC: () => group('SIGINT'),
    terminateNpm: () => process.kill(pid, 'SIGTERM'),
    kill: () => {
      clearTimeout(killer);
      group('SIGKILL');
    },
  };
}
