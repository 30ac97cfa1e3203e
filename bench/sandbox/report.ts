/** The sandbox benchmark's targets (bench/README.md) and its markdown table. */
import type { Latency } from './load.ts';
import type { RoundsResult } from './rounds.ts';

export interface Figures {
  createLink: { sandbox: RoundsResult; bare: RoundsResult };
  list: { sandbox: RoundsResult; bare: RoundsResult };
  listLatency: { small: Latency; big: Latency };
  bytesPerLink: number | null;
  seedMsBig: number;
}

export interface Settings {
  layout: string;
  rounds: number;
  seconds: number;
  connections: number;
  small: number;
  big: number;
  latencyRounds: number;
  latencyRequestsPerRound: number;
}

export interface TargetCheck {
  name: string;
  value: number | null;
  goal: string;
  met: boolean;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

export function checkTargets(f: Figures, s: Settings): TargetCheck[] {
  const create = ratio(f.createLink.sandbox.requestsPerSecond, f.createLink.bare.requestsPerSecond);
  const p99 = ratio(f.listLatency.big.p99Ms, f.listLatency.small.p99Ms);
  return [
    { name: 'createLink req/s ÷ bare req/s', value: create, goal: '≥ 0.5', met: create >= 0.5 },
    { name: `list p99 at ${s.big} ÷ p99 at ${s.small} links`, value: p99, goal: '≤ 2', met: p99 <= 2 },
    {
      name: 'heap per stored link (bytes)',
      value: f.bytesPerLink,
      goal: '< 1024',
      met: f.bytesPerLink !== null && f.bytesPerLink < 1024,
    },
  ];
}

const n = (value: number) => value.toLocaleString('en-US');
const cpu = (r: RoundsResult) =>
  r.serverCpuMicrosPerRequest === null ? '–' : `${r.serverCpuMicrosPerRequest} µs`;
const lat = (l: Latency) =>
  `p50 ${l.p50Ms} ms · p99 ${l.p99Ms} ms${l.roundP99sMs ? ` (rounds ${l.roundP99sMs.join(' / ')})` : ''} · max ${l.maxMs} ms`;

export function benchTable(f: Figures, s: Settings, targets: TargetCheck[]): string {
  const row = (name: string, pair: { sandbox: RoundsResult; bare: RoundsResult }) =>
    `| ${name} | ${n(pair.sandbox.requestsPerSecond)} (${cpu(pair.sandbox)}) | ${n(pair.bare.requestsPerSecond)} (${cpu(pair.bare)}) | ${ratio(pair.sandbox.requestsPerSecond, pair.bare.requestsPerSecond)} |`;
  return [
    `Layout ${s.layout}; ${s.connections} connections; median of ${s.rounds} alternating rounds of ${s.seconds} s; Node ${process.version}.`,
    '',
    '| Throughput, req/s (server CPU per request) | Sandbox | Bare node:http | Ratio |',
    '|---|---|---|---|',
    row('createLink', f.createLink),
    row('getMyUnusedLinks (limit=10)', f.list),
    '',
    `| getMyUnusedLinks latency, 1 connection, ${s.latencyRounds} alternating rounds × ${s.latencyRequestsPerRound} requests (p99: median of the rounds') | Sandbox |`,
    '|---|---|',
    `| ${n(s.small)} stored links | ${lat(f.listLatency.small)} |`,
    `| ${n(s.big)} stored links | ${lat(f.listLatency.big)} |`,
    `| heap per stored link (${n(s.big)} links, after GC) | ${f.bytesPerLink ?? '–'} bytes |`,
    '',
    '| Target | Value | Goal | Met |',
    '|---|---|---|---|',
    ...targets.map((t) => `| ${t.name} | ${t.value ?? '–'} | ${t.goal} | ${t.met ? 'yes' : '**no**'} |`),
  ].join('\n');
}
