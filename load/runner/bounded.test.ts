/**
 * The runner stays bounded whatever the target does: it never has more connections open than its
 * budget, however segments overlap while answers lag, and a segment that waited for connections
 * gets them back; it keeps only the start of huge bodies and counts them; endless and dripping bodies end as requests without an answer at the timeout, and
 * the run ends with its report.
 */
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { bareBody } from '../../bench/bareServer.ts';
import type { Profile } from '../profiles/profiles.ts';
import { runLoad } from './run.ts';

const keys = { token: 'T'.repeat(32), recipientTokens: ['R'.repeat(32)] };

function profile(stages: Profile['stages'], startRate: number, maxVUs: number): Profile {
  return {
    name: 'smoke',
    description: 'test',
    startRate,
    stages,
    preAllocatedVUs: Math.min(5, maxVUs),
    maxVUs,
    abortOnLatency: false,
    abortOnErrors: false,
  };
}

/** A loopback server. */
async function serve(listener: RequestListener) {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url, close };
}

const drained = (listener: (response: Parameters<RequestListener>[1]) => void): RequestListener => {
  return (request, response) => {
    request.resume();
    request.on('end', () => listener(response));
  };
};

describe('a runner bounded whatever the target does', { concurrency: false }, () => {
  it('never opens more connections than its budget while slow answers keep earlier segments open', async () => {
    // 400 ms an answer and a ramp to 150 req/s in 1 s steps: each step wants far more than 12 connections,
    // and each step's connections are still waiting for answers when the next step starts.
    const target = await serve(drained((response) => setTimeout(() => response.end(bareBody), 400)));
    try {
      const { report } = await runLoad({
        scenario: 'createLinks',
        profile: profile([{ duration: 4, target: 150 }], 20, 12),
        baseUrl: target.url,
        graceS: 1,
        outDir: null,
        progress: false,
        cleanup: false,
        ...keys,
      });
      assert.equal(report.engine.connectionBudget, 12);
      assert.ok(report.engine.maxConnections <= 12, `runner counted ${report.engine.maxConnections}`);
      assert.ok(report.totals.answered > 0 && report.totals.dropped > 0, JSON.stringify(report.totals));
    } finally {
      await target.close();
    }
  });

  it('a segment that waited for connections gets them back when answers come, within the budget', async () => {
    // The first 2 s segment (4 req/s) holds the whole budget of 4 connections: its four answers come
    // together 2.5 s after the fourth request, while the second, 10 s long segment waits for them.
    // What that segment sends then is never answered, so nothing else frees a connection. How many
    // of the four closes it gathers at once depends on how promptly they are processed (the ledger's
    // own test, connectionLedger.test.ts, proves on a mocked clock that closes that come together are
    // taken together); what holds on any machine: it got connections back, and never above budget.
    const held: (() => void)[] = [];
    let firstBatchHeld = false;
    const target = await serve((request, response) => {
      request.resume();
      request.on('end', () => {
        if (firstBatchHeld) return; // the second segment's requests: never answered
        held.push(() => response.end(bareBody));
        if (held.length !== 4) return;
        firstBatchHeld = true;
        setTimeout(() => {
          for (const answer of held.splice(0)) answer();
        }, 2500);
      });
    });
    try {
      const { report } = await runLoad({
        scenario: 'createLinks',
        profile: {
          ...profile(
            [
              { duration: 2, target: 4 },
              { duration: 10, target: 4 },
            ],
            4,
            4,
          ),
          preAllocatedVUs: 4,
        },
        baseUrl: target.url,
        graceS: 1,
        outDir: null,
        progress: false,
        cleanup: false,
        ...keys,
      });
      assert.ok(report.engine.maxConnections <= 4, `runner counted ${report.engine.maxConnections}`);
      const { issued, answered } = report.totals;
      assert.equal(answered, 4, JSON.stringify(report.totals));
      assert.ok(
        issued > 4 && issued <= 8,
        `the waiting segment got connections back: ${JSON.stringify(report.totals)}`,
      );
    } finally {
      await target.close();
    }
  });

  it('keeps only the start of huge bodies, counts them, and fails their checks', async () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 'x');
    const target = await serve(drained((response) => response.end(huge)));
    try {
      const { report } = await runLoad({
        scenario: 'createLinks',
        profile: profile([{ duration: 1, target: 10 }], 10, 2),
        baseUrl: target.url,
        maxBodyBytes: 4096,
        graceS: 1,
        outDir: null,
        progress: false,
        cleanup: false,
        ...keys,
      });
      assert.equal(report.engine.maxBodyBytes, 4096);
      assert.equal(report.totals.answered, 10);
      assert.equal(report.totals.cutBodies, 10);
      assert.ok(report.operations.every((o) => o.checksPassed < o.checks));
    } finally {
      await target.close();
    }
  });

  for (const [kind, listener] of [
    [
      'endless',
      drained((response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      }),
    ],
    [
      'dripping',
      drained((response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => (response.destroyed ? clearInterval(drip) : response.write('x')), 100);
        response.on('close', () => clearInterval(drip));
      }),
    ],
  ] as const) {
    it(`ends ${kind} bodies at the request timeout, as requests without an answer`, async () => {
      const target = await serve(listener);
      try {
        const { report } = await runLoad({
          scenario: 'createLinks',
          profile: profile([{ duration: 1, target: 4 }], 4, 4),
          baseUrl: target.url,
          timeoutS: 1,
          graceS: 2,
          outDir: null,
          progress: false,
          cleanup: false,
          ...keys,
        });
        assert.equal(report.totals.answered, 0, JSON.stringify(report.totals));
        assert.equal(report.totals.failed + report.totals.interrupted, report.totals.issued);
        assert.ok(report.totals.failed > 0);
        // An endless body passes the cap and is named so; a drip of a few bytes never does.
        if (kind === 'endless') assert.ok(report.totals.endlessBodies > 0, JSON.stringify(report.totals));
        else assert.equal(report.totals.endlessBodies, 0);
      } finally {
        await target.close();
      }
    });
  }
});
