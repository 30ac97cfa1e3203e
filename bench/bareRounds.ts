/**
 * What the benchmarks that race an engine against plain autocannon on the bare server share: the
 * rounds options (--seconds, --rounds, --connections, checked as whole numbers), the bare server in
 * a process of its own, the fixed createLink request, plain autocannon's round, and the median.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type CliAnswer, readCliOptions, wholeNumbers } from '../core/cliOptions.ts';

export interface RoundsOptions {
  seconds: number;
  rounds: number;
  connections: number;
}

const roundsUsage = `  --seconds N       seconds per round (default 4)
  --rounds N        alternating rounds (default 5)
  --connections N   connections of both generators (default 10)`;

/** The rounds options of `command`, whose usage is its first line followed by their lines. */
export function readRoundsOptions(
  command: string,
  usageLine: string,
  args?: string[],
  env?: NodeJS.ProcessEnv,
): CliAnswer<RoundsOptions> {
  const read = readCliOptions(
    command,
    `${usageLine}\n${roundsUsage}`,
    {
      seconds: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
    },
    args,
    env,
  );
  if (read.kind !== 'values') return read;
  return wholeNumbers(command, read.values, ['seconds', 'rounds', 'connections']);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One round of one engine: requests/s and this process's CPU time per request. */
export interface Round {
  rps: number;
  cpuUsPerRequest: number;
}

/** The request both engines send, always the same: the bare server answers it without reading. */
export const fixedCreateLink = {
  path: '/api/v2/createLink',
  headers: { token: 'B'.repeat(32), 'content-type': 'application/x-www-form-urlencoded' },
  body: 'amount=100.00&recipient_note=Payment%20for%20Invoice%20%231234',
};

/** bareServer.ts in its own process; resolves with its URL and a stop function, or rejects past the deadline. */
export function startBareServer(deadlineMs = 20_000): Promise<{ url: string; stop(): void }> {
  const file = fileURLToPath(new URL('./bareServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bare server did not start within ${deadlineMs} ms`));
    }, deadlineMs);
    child.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ url: chunk.toString().trim(), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bare server exited (${code})`));
    });
  });
}

/** Plain autocannon sending the fixed createLink flat out for `seconds`. */
export async function plainAutocannonRound(
  url: string,
  { seconds, connections }: Pick<RoundsOptions, 'seconds' | 'connections'>,
): Promise<Round> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: url + fixedCreateLink.path,
    method: 'POST',
    connections,
    duration: seconds,
    headers: fixedCreateLink.headers,
    body: fixedCreateLink.body,
  });
  const used = process.cpuUsage(cpu);
  const answered = result.requests.total;
  return { rps: answered / seconds, cpuUsPerRequest: (used.user + used.system) / answered };
}
