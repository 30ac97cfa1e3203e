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
import { printCliAnswer } from '../core/cliOptions.ts';
import {
  fixedCreateLink,
  median,
  plainAutocannonRound,
  type Round,
  readRoundsOptions,
  startBareServer,
} from './bareRounds.ts';

const read = readRoundsOptions(
  'autocannonBaseline',
  'usage: npx tsx bench/autocannonBaseline.ts [--seconds N] [--rounds N] [--connections N]',
);
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { seconds, rounds, connections } = read.values;
const { path, headers, body } = fixedCreateLink;

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

async function measure(send: () => Promise<number>): Promise<Round> {
  const cpu = process.cpuUsage();
  const answered = await send();
  const used = process.cpuUsage(cpu);
  return { rps: answered / seconds, cpuUsPerRequest: (used.user + used.system) / answered };
}

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

const undici = (await import('undici').catch(() => undefined)) as Undici | undefined;
if (!undici) {
  console.error('autocannonBaseline: undici is not in node_modules (it comes with testcontainers)');
  process.exit(2);
}
const server = await startBareServer();
const results = { autocannon: [] as Round[], undici: [] as Round[] };
try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['autocannon', 'undici'] as const) : (['undici', 'autocannon'] as const);
    for (const engine of order)
      results[engine].push(
        engine === 'autocannon'
          ? await plainAutocannonRound(server.url, { seconds, connections })
          : await plainUndici(server.url, undici),
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
