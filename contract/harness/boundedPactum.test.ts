/**
 * Pactum, bound as the suites bind it, against hostile servers on 127.0.0.1: a 50 MB answer is read
 * as its first 1 MiB, an endless one is cut at the drain bound (unbound, Pactum does not survive it:
 * centra copies its whole buffer on every chunk and throws in its 'data' listener past 50 MB), a
 * dripping one ends at Pactum's own request timeout.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pactum from 'pactum';
import { drippingReply, endlessReply, hugeBodyBytes, hugeReply } from '../../client/hostileBodies.ts';
import { jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { bodyLimits } from '../../core/boundedBody.ts';
import { boundedBodyOf, boundPactum } from './boundedPactum.ts';

type PactumResponse = { statusCode: number; buffer: Buffer; text: string };

let server: Awaited<ReturnType<typeof startRecordingServer>>;
const requests: { core?: unknown }[] = [];
before(async () => {
  pactum.settings.setLogLevel('SILENT');
  boundPactum(pactum, bodyLimits());
  pactum.events.pactumEvents.on(pactum.events.EVENT_TYPES.AFTER_RESPONSE, ({ request }) =>
    requests.push(request),
  );
  server = await startRecordingServer();
});
after(() => server.close());

/** A generous timeout by default: a busy machine must not turn "over the cap" into "too slow". */
const get = async (timeoutMs = 120_000) =>
  (await pactum.spec().get(`${server.url}/x`).withRequestTimeout(timeoutMs).toss()) as PactumResponse;

test('50 MB with a Content-Length: Pactum reads the first 1 MiB, and every byte is counted', async () => {
  server.setReply(hugeReply());
  const response = await get();
  assert.equal(response.statusCode, 200);
  assert.equal(response.text.length, 1024 * 1024);
  assert.deepEqual(boundedBodyOf(response).outcome(), {
    keptBytes: 1024 * 1024,
    seenBytes: hugeBodyBytes,
    cut: 'over the cap',
  });
});

test('an endless body ends at the drain bound, and this process goes on', async () => {
  server.setReply(endlessReply());
  const response = await get();
  assert.equal(response.buffer.length, 1024 * 1024);
  assert.equal(boundedBodyOf(response).outcome().cut, 'endless');
});

test("a dripping body ends at Pactum's request timeout, as too slow", async () => {
  server.setReply(drippingReply());
  const response = await get(300);
  const meter = boundedBodyOf(response);
  assert.equal(meter.outcome().cut, 'too slow');
  assert.equal(meter.limits.deadlineMs, 300);
});

test('the agent is taken off the request after the answer, and a small body passes whole', async () => {
  server.setReply(jsonReply(200, { ok: true }));
  const response = await get();
  assert.equal(response.text, '{"ok":true}');
  assert.deepEqual(boundedBodyOf(response).outcome(), { keptBytes: 11, seenBytes: 11 });
  assert.ok(requests.length >= 4);
  for (const request of requests) assert.equal(request.core, undefined);
});

test('boundedBodyOf refuses a response that did not pass through the cap', () => {
  assert.throws(() => boundedBodyOf({ buffer: Buffer.from('x') }), /did not pass through the body cap/);
});
