/**
 * The runner's engine against servers whose behaviour is known: the bare server (every request is
 * answered, fast), a server that takes 100 ms per answer behind a single connection (the rate cannot
 * be held: corrected latency must show the backlog, unsent requests count as dropped), a closed port
 * (every request fails), and the same load split over two worker threads.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { bareBody, startBareServer } from '../../bench/bareServer.ts';
import type { Profile } from '../profiles/profiles.ts';
import { type LoadOptions, runLoad } from './run.ts';

function constant(rate: number, seconds: number, connections: number): Profile {
  return {
    name: 'smoke',
    description: 'test',
    startRate: rate,
    stages: [{ duration: seconds, target: rate }],
    preAllocatedVUs: connections,
    maxVUs: connections,
    abortOnLatency: false,
    abortOnErrors: false,
  };
}

const quiet = {
  outDir: null,
  progress: false,
  cleanup: false,
  token: 'T'.repeat(32),
  recipientTokens: ['R'.repeat(32)],
};

function run(baseUrl: string, profile: Profile, extra: Partial<LoadOptions> = {}) {
  return runLoad({ scenario: 'createLinks', profile, baseUrl, ...quiet, ...extra });
}

describe('runner engine', () => {
  let bare: { url: string; close(): Promise<void> };
  before(async () => {
    bare = await startBareServer();
  });
  after(() => bare.close());

  it('sends exactly the planned requests at the planned rate, and checks every answer', async () => {
    const { report } = await run(bare.url, constant(50, 2, 5));
    assert.deepEqual(
      [
        report.totals.planned,
        report.totals.issued,
        report.totals.answered,
        report.totals.failed,
        report.totals.dropped,
      ],
      [100, 100, 100, 0, 0],
    );
    // The rate cap keeps 100 requests at 50/s from finishing early; how much later is the machine's.
    assert.ok(report.durationS >= 1.9, `took ${report.durationS} s: faster than the planned rate`);
    const [basic, split] = report.operations;
    assert.equal(basic!.requests + split!.requests, 100);
    // The bare server answers one fixed link: status and envelope pass, the echo of amount and note does not.
    assert.ok(basic!.checkRate > 0.3 && basic!.checkRate < 1, String(basic!.checkRate));
    assert.equal(basic!.latency.count, basic!.requests);
  });

  it('charges the backlog to corrected latency when answers are too slow for the rate', async () => {
    const slow = createServer((request, response) => {
      request.resume();
      request.on('end', () => setTimeout(() => response.end(bareBody), 100));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      // 20 req/s through one connection at 100 ms each: at most 10 req/s get through.
      const { report, exitCode } = await run(url, constant(20, 2, 1), { graceS: 1 });
      const ops = report.operations.filter((o) => o.latency.count > 0);
      const raw = Math.max(...ops.map((o) => o.rawLatency.p99));
      const corrected = Math.max(...ops.map((o) => o.latency.p99));
      assert.ok(raw >= 100 && raw < 400, `raw p99 ${raw}`);
      assert.ok(corrected > 1000 && corrected > 4 * raw, `corrected p99 ${corrected} vs raw ${raw}`);
      assert.ok(
        report.totals.issued < 36 && report.totals.dropped === 40 - report.totals.issued,
        JSON.stringify(report.totals),
      );
      assert.ok(report.totals.interrupted <= 1);
      // Latency and dropped figures fail the target, unless the generator itself saturated (saturation.ts).
      assert.equal(exitCode, report.generator.saturated ? 2 : 1);
      assert.ok(report.thresholds.some((t) => t.kind === 'p95' && !t.ok));
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('counts requests to a closed port as failed, not as answered or interrupted', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { report, exitCode } = await run(`http://127.0.0.1:${port}`, constant(10, 1, 2), { graceS: 1 });
    assert.equal(report.totals.answered, 0);
    assert.ok(report.totals.failed >= 2 && report.totals.interrupted === 0, JSON.stringify(report.totals));
    assert.ok(report.operations.some((o) => o.errorRate === 1));
    assert.equal(exitCode, report.generator.saturated ? 2 : 1);
  });

  it('splits the load over worker threads without losing or repeating requests', async () => {
    const notes = new Set<string>();
    const recorder = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        notes.add(new URLSearchParams(body).get('recipient_note') ?? '');
        response.end(bareBody);
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
      const { report } = await run(url, constant(100, 2, 10), { workers: 2 });
      assert.equal(report.engine.workers, 2);
      assert.deepEqual(
        [report.totals.planned, report.totals.issued, report.totals.answered],
        [200, 200, 200],
      );
      // Every note carries its iteration number: 200 distinct notes mean 200 distinct iterations.
      assert.equal(notes.size, 200);
    } finally {
      recorder.closeAllConnections();
      await new Promise((resolve) => recorder.close(resolve));
    }
  });
});
