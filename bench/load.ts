/**
 * Benchmark of the load runner's own overhead (`npm run bench:load`): against the bare node:http
 * server (a separate process, so generator and server each get a core), plain autocannon sending one
 * fixed createLink body vs our runner driving the createLinks scenario (a fresh request per
 * iteration, every answer parsed and checked, every sample recorded), both on one thread with the
 * same connections, alternating over several rounds. Target: the runner reaches >= 70 % of plain
 * autocannon's requests/s. Writes reports/bench-load.json and prints a markdown table.
 * Other processes on the machine move both figures a lot from one round to the next: the medians of
 * alternating rounds (the order flips each round) are compared, and every round is in the JSON.
 * It also measures what measuring costs as requests add up (loadMeasurement.ts): the threshold
 * watcher's pass and the recorder's memory at 10^4, 10^5 and 10^6 requests (targets: <= 5 ms, flat).
 * Options: --seconds N (per round, default 4), --rounds N (default 5), --connections N (default 10).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { printCliAnswer } from '../core/cliOptions.ts';
import type { Profile } from '../load/profiles/profiles.ts';
import { runLoad } from '../load/runner/run.ts';
import {
  fixedCreateLink,
  median,
  plainAutocannonRound,
  type Round,
  readRoundsOptions,
  startBareServer,
} from './bareRounds.ts';
import { measurementCost } from './loadMeasurement.ts';

const read = readRoundsOptions(
  'npm run bench:load',
  'usage: npm run bench:load -- [--seconds N] [--rounds N] [--connections N]',
);
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { seconds, rounds, connections } = read.values;
const target = 0.7;
const token = fixedCreateLink.headers.token;
const plain = (url: string) => plainAutocannonRound(url, { seconds, connections });

/** A rate far above what one thread sends, so the runner goes flat out like plain autocannon. */
const flatOut: Profile = {
  name: 'smoke',
  description: 'benchmark: as fast as the connections allow',
  startRate: 150_000,
  stages: [{ duration: seconds, target: 150_000 }],
  preAllocatedVUs: connections,
  maxVUs: connections,
  abortOnLatency: false,
  abortOnErrors: false,
};

async function runner(url: string): Promise<Round> {
  const cpu = process.cpuUsage();
  const { report } = await runLoad({
    scenario: 'createLinks',
    profile: flatOut,
    baseUrl: url,
    workers: 1,
    graceS: 0,
    outDir: null,
    progress: false,
    cleanup: false,
    token,
    recipientTokens: ['R'.repeat(32)],
  });
  const used = process.cpuUsage(cpu);
  const answered = report.totals.answered;
  return { rps: answered / report.durationS, cpuUsPerRequest: (used.user + used.system) / answered };
}

// First, alone: the watcher's timing must not share the machine with the rounds below.
const measuring = measurementCost();
const server = await startBareServer();
const results = { plain: [] as Round[], runner: [] as Round[] };
try {
  await plain(server.url); // warm-up: JIT and the server's keep-alive sockets
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      results.plain.push(await plain(server.url));
      results.runner.push(await runner(server.url));
    } else {
      results.runner.push(await runner(server.url));
      results.plain.push(await plain(server.url));
    }
    console.error(`round ${round + 1}/${rounds} done`);
  }
} finally {
  server.stop();
}

const plainRps = median(results.plain.map((r) => r.rps));
const runnerRps = median(results.runner.map((r) => r.rps));
const ratio = runnerRps / plainRps;
const summary = {
  benchmark: 'load runner overhead',
  seconds,
  rounds,
  connections,
  target,
  plainAutocannon: { medianRps: Math.round(plainRps), rounds: results.plain },
  runner: { medianRps: Math.round(runnerRps), rounds: results.runner },
  ratio: Math.round(ratio * 1000) / 1000,
  meetsTarget: ratio >= target,
  measurementCost: {
    targets: { watcherMs: 5, memoryFlatMb: 5 },
    byRequests: measuring,
  },
};
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench-load.json', `${JSON.stringify(summary, null, 2)}\n`);

const cpu = (rs: Round[]) => median(rs.map((r) => r.cpuUsPerRequest)).toFixed(1);
console.log(`| engine (createLink, ${connections} connections, ${seconds} s × ${rounds}) | req/s (median) | CPU µs/request | vs plain |
|---|---:|---:|---:|
| plain autocannon, fixed body | ${Math.round(plainRps)} | ${cpu(results.plain)} | 100 % |
| runner, createLinks scenario + checks | ${Math.round(runnerRps)} | ${cpu(results.runner)} | ${Math.round(ratio * 100)} % |

Target >= ${target * 100} %: ${summary.meetsTarget ? 'met' : 'NOT met'} (reports/bench-load.json)

| recorded requests (2 h listTransactions run) | watcher pass, median (worst) | histograms | heap grown |
|---:|---:|---:|---:|
${measuring.map((m) => `| ${m.requests} | ${m.watcherMs.median} ms (${m.watcherMs.max} ms) | ${m.histogramMb} MB | ${m.heapMb} MB |`).join('\n')}

Targets: a pass <= 5 ms and memory flat within a few MB, whatever the count.`);
