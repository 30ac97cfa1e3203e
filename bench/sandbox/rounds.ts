/**
 * Throughput in alternating rounds: bare, sandbox, bare, sandbox, ... so that load from anything
 * else on a shared two-core machine hits both servers alike; the median round is reported, with
 * the server's CPU time per request (which does not depend on how fast the load generator is).
 */
import { median } from '../bareRounds.ts';
import { type Latency, latencySamples, summarize, type Target, throughput, warmUp } from './load.ts';
import type { StartedHost } from './startHost.ts';

export interface RoundsResult {
  /** Median requests/s over the rounds, and every round's figure. */
  requestsPerSecond: number;
  rounds: number[];
  /** Median server CPU (user + system) per request, µs; null in-process. */
  serverCpuMicrosPerRequest: number | null;
  non2xx: number;
  errors: number;
}

async function oneRound(host: StartedHost, target: Target, seconds: number, connections: number) {
  const cpuBefore = await host.cpuMicros();
  const result = await throughput(target, seconds, connections);
  const cpuAfter = await host.cpuMicros();
  const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests;
  return { ...result, cpu };
}

/** Alternates the hosts on the same request, `rounds` times; returns one result per host. */
export async function alternate(
  hosts: { host: StartedHost; token: string }[],
  request: { path: string; body: string },
  options: { rounds: number; seconds: number; connections: number },
): Promise<RoundsResult[]> {
  const targets = hosts.map(({ host, token }) => ({ url: host.url, token, ...request }));
  for (const target of targets) await warmUp(target, options.connections);
  const runs = hosts.map(() => [] as Awaited<ReturnType<typeof oneRound>>[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, { host }] of hosts.entries()) {
      runs[i]!.push(await oneRound(host, targets[i]!, options.seconds, options.connections));
    }
  }
  return runs.map((list) => {
    const cpus = list.map((r) => r.cpu);
    return {
      requestsPerSecond: median(list.map((r) => r.requestsPerSecond)),
      rounds: list.map((r) => r.requestsPerSecond),
      serverCpuMicrosPerRequest: cpus.some((c) => c === null)
        ? null
        : Math.round(median(cpus as number[]) * 10) / 10,
      non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
    };
  });
}

/**
 * List latency of several hosts, alternating rounds of `perRound` sequential requests (after a
 * warm-up each). p50 is over all samples; p99 is the median of the rounds' p99s, so a burst of
 * background load on a shared machine, which lands in one round, does not decide the comparison.
 */
export async function alternateLatency(
  targets: Target[],
  options: { rounds: number; perRound: number },
): Promise<Latency[]> {
  for (const target of targets) await latencySamples(target, Math.ceil(options.perRound / 2));
  const samples = targets.map(() => ({ times: [] as number[], roundP99s: [] as number[], non2xx: 0 }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const { times, non2xx } = await latencySamples(target, options.perRound);
      const pooled = samples[i]!;
      pooled.times.push(...times);
      pooled.roundP99s.push(summarize(times, 0).p99Ms);
      pooled.non2xx += non2xx;
    }
  }
  return samples.map(({ times, roundP99s, non2xx }) => ({
    ...summarize(times, non2xx),
    p99Ms: median(roundP99s),
    roundP99sMs: roundP99s,
  }));
}
