/**
 * The plan's rate is a ceiling at every moment, also when the target stalls: answers held back for
 * 1.5 s must not make the segments that started meanwhile all send at once when the answers come
 * (their rates would add up: 20 req/s planned, 50 and more sent). What a segment could not start in
 * its own second is dropped, as k6 drops iterations it cannot start.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { bareBody } from '../../bench/bareServer.ts';
import type { Profile } from '../profiles/profiles.ts';
import { runLoad } from './run.ts';

const rate = 20;
const runStartBeforeFirstArrivalMs = 200;
/** Four one-second constant stages: four segments, each its own autocannon run. */
const stepped: Profile = {
  name: 'smoke',
  description: 'test: 20 req/s in four segments',
  startRate: rate,
  stages: Array.from({ length: 4 }, () => ({ duration: 1, target: rate })),
  preAllocatedVUs: 5,
  maxVUs: 5,
  abortOnLatency: false,
  abortOnErrors: false,
};

/**
 * Notes each request's arrival in ms of the run's clock (its time 0 is a moment before the first
 * arrival: connecting takes a few ms). Answers at once, except requests arriving between 1.0 and
 * 2.5 s: those wait until 2.5 s.
 */
function stallingServer() {
  const arrivals: number[] = [];
  let first: number | undefined;
  const server = createServer((request, response) => {
    const now = performance.now();
    first ??= now;
    const at = now - first + runStartBeforeFirstArrivalMs;
    arrivals.push(at);
    request.resume();
    const wait = at >= 1000 && at < 2500 ? 2500 - at : 0;
    request.on('end', () => setTimeout(() => response.end(bareBody), wait));
  });
  return { server, arrivals };
}

describe('rate cap', () => {
  it('never starts more requests per second than the plan, even after a stall', async () => {
    const { server, arrivals } = stallingServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { report } = await runLoad({
        scenario: 'createLinks',
        profile: stepped,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        maxRate: rate,
        outDir: null,
        progress: false,
        cleanup: false,
        token: 'T'.repeat(32),
        recipientTokens: ['R'.repeat(32)],
      });
      // Each segment sends its second's requests in a burst at the start of its second.
      const perSecond = new Map<number, number>();
      for (const at of arrivals) {
        const second = Math.floor(at / 1000);
        perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      }
      const busiest = Math.max(...perSecond.values());
      // Tolerance: a connection's second need not line up exactly with the run's.
      assert.ok(busiest <= rate * 1.2, `starts per second: ${JSON.stringify([...perSecond])}`);
      assert.equal(arrivals.length, report.totals.issued);
      assert.ok(report.totals.dropped > 0 && report.totals.planned === 80, JSON.stringify(report.totals));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
