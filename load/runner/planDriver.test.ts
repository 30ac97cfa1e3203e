/**
 * Seeding and cleanup calls under a rate limit: a 429 is sent again after its Retry-After, at most
 * three times and within a minute of waiting per call; past that the plan gets the 429 and fails.
 * Under --max-rate the calls are paced too.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { controlRequest } from '../scenarios/form.ts';
import { call, callAll } from '../scenarios/plans.ts';
import { retryAfterMs, retryWaitMs } from '../scenarios/retry.ts';
import type { Plan } from '../scenarios/types.ts';
import { planDefaults, runPlan } from './planDriver.ts';

/** A plan of one call that answers the status it got. */
function* oneCall(): Plan<number> {
  const reply = yield* call(controlRequest('POST', '/sandbox/tenants', 'createTenant'));
  return reply.status;
}

describe('plan driver', () => {
  let answers: { status: number; retryAfter?: string }[] = [];
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    const answer = answers.shift() ?? { status: 200 };
    request.resume();
    request.on('end', () => {
      if (answer.retryAfter !== undefined) response.setHeader('Retry-After', answer.retryAfter);
      response.writeHead(answer.status).end('{}');
    });
  });
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('sends a 429 again after its Retry-After and hands the plan the final answer', async () => {
    answers = [
      { status: 429, retryAfter: '0' },
      { status: 429, retryAfter: '0' },
    ];
    calls = 0;
    assert.equal(await runPlan(oneCall(), url), 200);
    assert.equal(calls, 3);
  });

  it('gives up after three retries, or at once when Retry-After exceeds the minute', async () => {
    answers = Array.from({ length: 5 }, () => ({ status: 429, retryAfter: '0' }));
    calls = 0;
    assert.equal(await runPlan(oneCall(), url), 429);
    assert.equal(calls, 4);
    answers = [{ status: 429, retryAfter: '120' }];
    calls = 0;
    const started = Date.now();
    assert.equal(await runPlan(oneCall(), url), 429);
    assert.ok(calls === 1 && Date.now() - started < 2000);
  });

  it('paces the calls under --max-rate', async () => {
    function* fiveCalls(): Plan<number> {
      for (let i = 0; i < 5; i++) yield* call(controlRequest('POST', '/sandbox/tenants', 'createTenant'));
      return 5;
    }
    answers = [];
    const started = Date.now();
    await runPlan(fiveCalls(), url, { ...planDefaults, minIntervalMs: 100 });
    assert.ok(Date.now() - started >= 390, `${Date.now() - started} ms for 5 calls at 10/s`);
  });

  it('sends the calls of a batch step at once, answers them in order, and retries each on its own', async () => {
    function* batch(): Plan<number[]> {
      const replies = yield* callAll(
        [1, 2, 3].map((i) => controlRequest('POST', `/sandbox/links/${i}/pay`, 'payLink')),
      );
      return replies.map((r) => r.status);
    }
    answers = [{ status: 429, retryAfter: '0' }, { status: 404 }, { status: 200 }];
    calls = 0;
    // The first call to arrive gets the 429 and is sent again; the order of replies is the plan's.
    const statuses = await runPlan(batch(), url);
    assert.equal(calls, 4);
    assert.deepEqual([...statuses].sort(), [200, 200, 404]);
  });

  it('counts every call of a batch against the call bound', async () => {
    function* tooMany(): Plan<number> {
      yield* callAll([1, 2, 3].map(() => controlRequest('POST', '/sandbox/tenants', 'createTenant')));
      return 3;
    }
    answers = [];
    await assert.rejects(runPlan(tooMany(), url, { ...planDefaults, maxCalls: 2 }), /more than 2 calls/);
  });

  it('reads Retry-After as seconds or an HTTP date, and bounds the total wait', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    assert.equal(retryAfterMs('7', now), 7000);
    assert.equal(retryAfterMs('Sat, 01 Mar 2025 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryWaitMs(429, undefined, 0, 0, now), 1000, 'no header: a second');
    assert.equal(retryWaitMs(429, '30', 1, 30_000, now), 30_000);
    assert.equal(retryWaitMs(429, '31', 1, 30_000, now), undefined, 'past 60 s in all');
    assert.equal(retryWaitMs(429, '1', 3, 0, now), undefined, 'three retries at most');
    assert.equal(retryWaitMs(500, '1', 0, 0, now), undefined, 'only 429 is retried');
  });
});
