/**
 * `npm run bench:sandbox [-- --layout separate|in-process --rounds 3 --seconds 3]`: the sandbox
 * against the bare node:http ceiling on loopback, in one run: createLink and getMyUnusedLinks
 * throughput, list latency (limit=10) with 10^3 and 10^6 stored links, heap per stored link. Both
 * comparisons alternate rounds between the servers (median / pooled samples), so load from other
 * processes on a shared machine falls on both sides alike. Checks the targets (bench/README.md), writes
 * reports/bench-sandbox.json, prints a markdown table. A benchmark, not a test: it reports missed
 * targets and exits 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { printCliAnswer, readCliOptions, wholeNumbers } from '../core/cliOptions.ts';
import { benchTable, checkTargets, type Figures } from './sandbox/report.ts';
import { alternate, alternateLatency } from './sandbox/rounds.ts';
import { type Layout, type StartedHost, startHost } from './sandbox/startHost.ts';

const usage = `usage: npm run bench:sandbox -- [options]
  --layout separate|in-process   the sandbox and the load in separate processes, or one (default separate)
  --rounds N                     alternating rounds per comparison (default 3)
  --seconds N                    seconds per round (default 3)
  --connections N                connections of the load (default 10)
  --small N, --big N             stored links for the list latency (default 1000 and 1000000)
  --latency-rounds N             rounds of the latency comparison (default 5)
  --latency-requests N           requests per latency round (default 3000)
  --out FILE                     the JSON figures (default reports/bench-sandbox.json)`;
const read = readCliOptions('npm run bench:sandbox', usage, {
  layout: { type: 'string', default: 'separate' },
  rounds: { type: 'string', default: '3' },
  seconds: { type: 'string', default: '3' },
  connections: { type: 'string', default: '10' },
  small: { type: 'string', default: '1000' },
  big: { type: 'string', default: '1000000' },
  'latency-rounds': { type: 'string', default: '5' },
  'latency-requests': { type: 'string', default: '3000' },
  out: { type: 'string', default: 'reports/bench-sandbox.json' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { values } = read;
const layout = values.layout as Layout;
if (layout !== 'separate' && layout !== 'in-process')
  process.exit(
    printCliAnswer({
      kind: 'mistake',
      text: `--layout is separate or in-process, not '${values.layout}' (npm run bench:sandbox -- --help lists the options)`,
    }),
  );
const counts = wholeNumbers('npm run bench:sandbox', values, [
  'rounds',
  'seconds',
  'connections',
  'small',
  'big',
  'latency-rounds',
  'latency-requests',
]);
if (counts.kind !== 'values') process.exit(printCliAnswer(counts));
const settings = {
  layout,
  rounds: counts.values.rounds,
  seconds: counts.values.seconds,
  connections: counts.values.connections,
  small: counts.values.small,
  big: counts.values.big,
  latencyRounds: counts.values['latency-rounds'],
  latencyRequestsPerRound: counts.values['latency-requests'],
};
const CREATE = { path: '/api/v2/createLink', body: 'amount=12.50&recipient_note=bench' };
const LIST = { path: '/api/v2/getMyUnusedLinks', body: 'limit=10' };
const log = (line: string) => process.stderr.write(`${line}\n`);

const hosts: StartedHost[] = [];
let figures: Figures;
try {
  const bare = await startHost({ kind: 'bare', seed: 0 }, layout);
  hosts.push(bare);
  const small = await startHost({ kind: 'sandbox', seed: settings.small }, layout);
  hosts.push(small);
  const big = await startHost({ kind: 'sandbox', seed: settings.big }, layout);
  hosts.push(big);
  log(
    `seeded ${settings.big} links in ${big.seedMs.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(2)}`,
  );

  // Latency first: the createLink rounds below add links to the small store (to another tenant).
  log('list latency, 10^3 and 10^6 stored links alternating');
  const [smallLatency, bigLatency] = await alternateLatency(
    [small, big].map((host) => ({ url: host.url, token: host.listToken, ...LIST })),
    { rounds: settings.latencyRounds, perRound: settings.latencyRequestsPerRound },
  );
  const rounds = { rounds: settings.rounds, seconds: settings.seconds, connections: settings.connections };
  log('createLink throughput, bare and sandbox alternating');
  const create = await alternate(
    [
      { host: bare, token: bare.token },
      { host: small, token: small.token },
    ],
    CREATE,
    rounds,
  );
  log('getMyUnusedLinks throughput, bare and sandbox alternating');
  const list = await alternate(
    [
      { host: bare, token: bare.token },
      { host: small, token: small.listToken },
    ],
    LIST,
    rounds,
  );
  figures = {
    createLink: { bare: create[0]!, sandbox: create[1]! },
    list: { bare: list[0]!, sandbox: list[1]! },
    listLatency: { small: smallLatency!, big: bigLatency! },
    bytesPerLink: big.bytesPerLink === null ? null : Math.round(big.bytesPerLink),
    seedMsBig: Math.round(big.seedMs),
  };
} finally {
  for (const host of hosts) await host.close();
}

const targets = checkTargets(figures, settings);
const machine = { node: process.version, cpus: cpus().length, loadAverage1m: loadavg()[0] };
const report = { date: new Date().toISOString(), machine, settings, ...figures, targets };
const out = resolve(import.meta.dirname, '../..', values.out);
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(benchTable(figures, settings, targets));
log(`written ${values.out}`);
