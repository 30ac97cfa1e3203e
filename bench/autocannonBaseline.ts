/**
 * Which HTTP engine the load runner should stand on (`npx tsx bench/autocannonBaseline.ts`):
 * plain autocannon 9 against plain undici 7 through its public API (a `Pool` of the same number of
 * connections, no pipelining, each connection sending the next request when its answer's body has
 * been read), both sending the same fixed createLink request flat out to the bare server of
 * bareServer.ts (its own process), on one thread, alternating rounds; medians are compared. The
 * runner's per-request work (build, check, record) comes on top of either engine, so the engine
 * with the lower cost per request is the better floor for it. undici is not a dependency of the
 * project: it is read from node_modules, where testcontainers brings it.
 * Options: --seconds N (per round, default 4), --rounds N (default 5), --connections N (default 10).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { printCliAnswer, readCliOptions } from '../core/cliOptions.ts';

const usage = `usage: npx tsx bench/autocannonBaseline.ts [--seconds N] [--rounds N] [--connections N]
  --seconds N       seconds per round (default 4)
  --rounds N        alternating rounds (default 5)
  --connections N   connections of both engines (default 10)`;
const read = readCliOptions('autocannonBaseline', usage, {
  seconds: { type: 'string', default: '4' },
  rounds: { type: 'string', default: '5' },
  connections: { type: 'string', default: '10' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const seconds = Number(read.values.seconds);
const rounds = Number(read.values.rounds);
const connections = Number(read.values.connections);
if (![seconds, rounds, connections].every((n) => Number.isInteger(n) && n > 0)) {
  console.error(
    'autocannonBaseline: --seconds, --rounds and --connections take whole numbers > 0 (see --help)',
  );
  process.exit(2);
}
const path = '/api/v2/createLink';
const headers = { token: 'B'.repeat(32), 'content-type': 'application/x-www-form-urlencoded' };
const body = 'amount=100.00&recipient_note=Payment%20for%20Invoice%20%231234';

interface Undici {
  Pool: new (
    url: string,
    options: { connections: number; pipelining: number },
  ) => {
    request(options: {
      path: string;
      method: string;
      headers: Record<string, string>;
      body: string;
    }): Promise<{
      statusCode: number;
      body: { text(): Promise<string> };
    }>;
    close(): Promise<void>;
  };
}

function startServer(): Promise<{ url: string; stop(): void }> {
  const file = fileURLToPath(new URL('./bareServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) =>
      resolve({ url: chunk.toString().trim(), stop: () => child.kill('SIGTERM') }),
    );
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
}

interface Round {
  rps: number;
  cpuUsPerRequest: number;
}

async function measure(send: () => Promise<number>): Promise<Round> {
  const cpu = process.cpuUsage();
  const answered = await send();
  const used = process.cpuUsage(cpu);
  return { rps: answered / seconds, cpuUsPerRequest: (used.user + used.system) / answered };
}

const plainAutocannon = (url: string) =>
  measure(async () => {
    const result = await autocannon({
      url: url + path,
      method: 'POST',
      connections,
      duration: seconds,
      headers,
      body,
    });
    return result.requests.total;
  });

const plainUndici = (url: string, undici: Undici) =>
  measure(async () => {
    const pool = new undici.Pool(url, { connections, pipelining: 1 });
    const end = Date.now() + seconds * 1000;
    let answered = 0;
    const connection = async () => {
      while (Date.now() < end) {
        const response = await pool.request({ path, method: 'POST', headers, body });
        await response.body.text();
        if (response.statusCode === 200) answered++;
      }
    };
    await Promise.all(Array.from({ length: connections }, connection));
    await pool.close();
    return answered;
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const undici = (await import('undici').catch(() => undefined)) as Undici | undefined;
if (!undici) {
  console.error('autocannonBaseline: undici is not in node_modules (it comes with testcontainers)');
  process.exit(2);
}
const server = await startServer();
const results = { autocannon: [] as Round[], undici: [] as Round[] };
try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['autocannon', 'undici'] as const) : (['undici', 'autocannon'] as const);
    for (const engine of order)
      results[engine].push(
        engine === 'autocannon' ? await plainAutocannon(server.url) : await plainUndici(server.url, undici),
      );
    console.error(`round ${round + 1}/${rounds} done`);
  }
} finally {
  server.stop();
}
const row = (name: string, list: Round[], base: number) => {
  const rps = median(list.map((r) => r.rps));
  return `| ${name} | ${Math.round(rps)} | ${median(list.map((r) => r.cpuUsPerRequest)).toFixed(1)} | ${Math.round((rps / base) * 100)} % |`;
};
const base = median(results.autocannon.map((r) => r.rps));
console.log(`| engine (fixed createLink, ${connections} connections, ${seconds} s × ${rounds}) | req/s (median) | CPU µs/request | vs autocannon |
|---|---:|---:|---:|
${row('autocannon 9.0.0', results.autocannon, base)}
${row('undici 7 Pool (public API)', results.undici, base)}`);
