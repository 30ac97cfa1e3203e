/**
 * Pactum, bound as the suites bind it, against hostile servers on 127.0.0.1: a 50 MB answer is read
 * as its first 1 MiB, an endless one is cut at the drain bound (unbound, Pactum does not survive it:
 * centra copies its whole buffer on every chunk and throws in its 'data' listener past 50 MB), a
 * dripping one ends at the body's deadline, counted from its head; no head by Pactum's request
 * timeout fails the request. No outcome here depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pactum from 'pactum';
import { drippingReply, endlessReply, hugeBodyBytes, hugeReply } from '../../client/hostileBodies.ts';
import { jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { bodyDeadlineOption, headDeadlineOption } from '../../core/boundedAgent.ts';
import { bodyLimits } from '../../core/boundedBody.ts';
import { boundedBodyOf, boundPactum } from './boundedPactum.ts';

type PactumResponse = { statusCode: number; buffer: Buffer; text: string };

let server: Awaited<ReturnType<typeof startRecordingServer>>;
const requests: { core?: unknown; timeout?: number }[] = [];
/** Pactum's timeout as centra saw it on each request sent (centra makes it a socket idle timeout). */
const centraTimeouts: unknown[] = [];
before(async () => {
  pactum.settings.setLogLevel('SILENT');
  // Generous deadlines: a busy machine must not turn "over the cap" into "too slow".
  boundPactum(pactum, bodyLimits({ deadlineMs: 120_000 }));
  pactum.events.pactumEvents.on(pactum.events.EVENT_TYPES.BEFORE_REQUEST, ({ request }) =>
    centraTimeouts.push(request.timeout),
  );
  pactum.events.pactumEvents.on(pactum.events.EVENT_TYPES.AFTER_RESPONSE, ({ request }) =>
    requests.push(request),
  );
  server = await startRecordingServer();
});
after(() => server.close());

/** A GET with a generous head deadline (Pactum's request timeout), and these core options. */
const get = async (core: Record<string, unknown> = {}) =>
  (await pactum
    .spec()
    .get(`${server.url}/x`)
    .withRequestTimeout(120_000)
    .withCore(core)
    .toss()) as PactumResponse;

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

test("a dripping body ends at the body's deadline, counted from its head, as too slow", async () => {
  server.setReply(drippingReply());
  const response = await get({ [bodyDeadlineOption]: 600 });
  const meter = boundedBodyOf(response);
  assert.equal(meter.outcome().cut, 'too slow');
  assert.equal(meter.limits.deadlineMs, 600);
});

test("no response head within Pactum's request timeout: the request fails and says why", async () => {
  // The head is an hour away: the 300 ms timeout passes first however busy the machine is.
  server.setReply({ ...jsonReply(200, {}), delayMs: 3_600_000 });
  await assert.rejects(
    pactum.spec().get(`${server.url}/x`).withRequestTimeout(300).toss(),
    /no response head within 300 ms of sending the request/,
  );
});

test('a request asking for compression is refused: the cap keeps the bytes as sent', async () => {
  server.setReply(jsonReply(200, { ok: true }));
  const sent = server.received.length;
  await assert.rejects(
    pactum.spec().get(`${server.url}/x`).withCompression().toss(),
    /asks for compression: refused/,
  );
  assert.equal(server.received.length, sent, 'nothing was sent');
});

test('the agent is taken off the request after the answer, and a small body passes whole', async () => {
  server.setReply(jsonReply(200, { ok: true }));
  const response = await get();
  assert.equal(response.text, '{"ok":true}');
  assert.deepEqual(boundedBodyOf(response).outcome(), { keptBytes: 11, seenBytes: 11 });
  assert.ok(requests.length >= 4);
  for (const request of requests) {
    const core = request.core as Record<string, unknown> | undefined;
    assert.equal(core?.agent, undefined);
    assert.equal(core?.[headDeadlineOption], undefined);
    assert.equal(typeof request.timeout, 'number', "Pactum's timeout is back on the request");
  }
  // The agent alone keeps time: no second clock (centra's idle timeout) races its deadlines.
  assert.ok(centraTimeouts.length >= 4);
  assert.deepEqual(new Set(centraTimeouts), new Set([undefined]));
});

test('boundedBodyOf refuses a response that did not pass through the cap', () => {
  assert.throws(() => boundedBodyOf({ buffer: Buffer.from('x') }), /did not pass through the body cap/);
});
