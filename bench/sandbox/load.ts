/**
 * Load with autocannon's programmatic API. Throughput: many connections for a fixed time (warm up
 * first with warmUp). Latency: one connection, a fixed number of requests, each response time taken from
 * autocannon's `response` event in fractional milliseconds (its own histogram keeps whole ms only,
 * too coarse for sub-millisecond answers).
 */
import autocannon from 'autocannon';

export interface Target {
  url: string;
  path: string;
  token: string;
  body: string;
}

export interface Throughput {
  requestsPerSecond: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface Latency {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** With rounds (rounds.ts): each round's p99; p99Ms is then their median. */
  roundP99sMs?: number[];
}

function options(target: Target) {
  return {
    url: `${target.url}${target.path}`,
    method: 'POST' as const,
    headers: { token: target.token, 'content-type': 'application/x-www-form-urlencoded' },
    body: target.body,
  };
}

/** JIT, sockets and caches warm before anything is measured. */
export async function warmUp(target: Target, connections = 10): Promise<void> {
  await autocannon({ ...options(target), connections, duration: 1 });
}

export async function throughput(target: Target, seconds: number, connections = 10): Promise<Throughput> {
  const result = await autocannon({ ...options(target), connections, duration: seconds });
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** Response times (ms, fractional) of `requests` sequential requests on one connection. */
export async function latencySamples(
  target: Target,
  requests: number,
): Promise<{ times: number[]; non2xx: number }> {
  const times: number[] = [];
  let non2xx = 0;
  await new Promise<void>((done, fail) => {
    const instance = autocannon({ ...options(target), connections: 1, amount: requests }, (error) =>
      error ? fail(error) : done(),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else non2xx++;
    });
  });
  return { times, non2xx };
}

export function summarize(times: number[], non2xx: number): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    requests: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    non2xx,
  };
}
