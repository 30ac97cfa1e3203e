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
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { printCliAnswer, readCliOptions } from '../core/cliOptions.ts';
import type { Profile } from '../load/profiles/profiles.ts';
import { runLoad } from '../load/runner/run.ts';
import { measurementCost } from './loadMeasurement.ts';

const usage = `usage: npm run bench:load -- [--seconds N] [--rounds N] [--connections N]
  --seconds N       seconds per round (default 4)
  --rounds N        alternating rounds (default 5)
  --connections N   connections of both generators (default 10)`;
const read = readCliOptions('npm run bench:load', usage, {
  seconds: { type: 'string', default: '4' },
  rounds: { type: 'string', default: '5' },
  connections: { type: 'string', default: '10' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { values } = read;
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const target = 0.7;
const token = 'B'.repeat(32);

/** The bare server in its own process; resolves with its URL and a stop function. */
function startServer(): Promise<{ url: string; stop(): void }> {
  const file = fileURLToPath(new URL('./bareServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start within 20 s')), 20_000);
    child.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ url: chunk.toString().trim(), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
}

interface Round {
  rps: number;
  cpuUsPerRequest: number;
}

async function plain(url: string): Promise<Round> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/api/v2/createLink`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { token, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'amount=100.00&recipient_note=Payment%20for%20Invoice%20%231234',
  });
  const used = process.cpuUsage(cpu);
  return {
    rps: result.requests.total / seconds,
    cpuUsPerRequest: (used.user + used.system) / result.requests.total,
  };
}

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// First, alone: the watcher's timing must not share the machine with the rounds below.
const measuring = measurementCost();
const server = await startServer();
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
