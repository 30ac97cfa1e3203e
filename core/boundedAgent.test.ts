/**
 * The node:http side of the body cap with a plain node:http client, against hostile servers on
 * 127.0.0.1 (Pactum's use of it: contract/harness/boundedPactum.test.ts). Deadlines here make a
 * drip end; nothing is timed: a body's deadline counts from its head, however late that came.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { drippingReply, endlessReply, hugeReply } from '../client/hostileBodies.ts';
import { jsonReply, startRecordingServer } from '../client/recordingServer.ts';
import { bodyDeadlineOption, bodyMeterOf, boundedAgents, headDeadlineOption } from './boundedAgent.ts';
import { bodyLimits } from './boundedBody.ts';
import { TargetBreaker } from './targetBreaker.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
// Generous deadlines: a busy machine must not turn "over the cap" into "too slow".
const patient = {
  capBytes: 64 * 1024,
  drainBytes: 4 * 1024 * 1024,
  deadlineMs: 120_000,
  headDeadlineMs: 120_000,
};
const agents = boundedAgents(bodyLimits(patient));
before(async () => {
  server = await startRecordingServer();
});
after(async () => {
  agents['http:'].destroy();
  await server.close();
});

/** A GET through the bounded agent (with this request's own deadlines), read the way centra reads: 'data' until 'end'. */
function get(
  deadlines: { [headDeadlineOption]?: number; [bodyDeadlineOption]?: number } = {},
): Promise<{ body: Buffer; chunks: number; response: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const options = { agent: agents['http:'], ...deadlines };
    const request = http.get(`${server.url}/x`, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ body: Buffer.concat(chunks), chunks: chunks.length, response }));
    });
    request.on('error', reject);
  });
}

test('a small body passes whole, and the kept-alive connection serves the next request', async () => {
  server.setReply(jsonReply(200, { ok: true }));
  const { body, response } = await get();
  assert.equal(body.toString(), '{"ok":true}');
  assert.deepEqual(bodyMeterOf(response)?.outcome(), { keptBytes: 11, seenBytes: 11 });
  assert.equal((await get()).body.toString(), '{"ok":true}');
  assert.equal(server.received.at(-1)?.headers.connection, 'keep-alive');
});

test('a body over the cap: the client reads the cap, in one chunk, and every byte is counted', async () => {
  server.setReply(hugeReply(1024 * 1024));
  const { body, chunks, response } = await get();
  assert.equal(chunks, 1, 'centra copies its buffer on every chunk: one chunk is one copy');
  assert.equal(body.length, 64 * 1024);
  assert.ok(body.toString().startsWith('{"ResponseCode":1'));
  assert.deepEqual(bodyMeterOf(response)?.outcome(), {
    keptBytes: 64 * 1024,
    seenBytes: 1024 * 1024,
    cut: 'over the cap',
  });
});

test('huge and endless bodies are cut at the drain bound; the connection is closed, the next one works', async () => {
  for (const reply of [hugeReply(), endlessReply()]) {
    const abandoned = server.abandoned();
    server.setReply(reply);
    const { body, response } = await get();
    const outcome = bodyMeterOf(response)?.outcome();
    assert.equal(outcome?.cut, 'endless');
    assert.equal(body.length, 64 * 1024);
    assert.ok((outcome?.seenBytes ?? 0) > 4 * 1024 * 1024);
    await server.whenAbandoned(abandoned + 1);
  }
  server.setReply(jsonReply(200, { after: 'cut' }));
  assert.equal((await get()).body.toString(), '{"after":"cut"}');
});

test("a dripping body ends at the body's deadline as too slow, and ends normally", async () => {
  const abandoned = server.abandoned();
  server.setReply(drippingReply());
  const { body, response } = await get({ [bodyDeadlineOption]: 300 });
  const meter = bodyMeterOf(response);
  assert.equal(meter?.outcome().cut, 'too slow');
  assert.equal(meter?.limits.deadlineMs, 300);
  assert.equal(body.length, meter?.outcome().keptBytes);
  await server.whenAbandoned(abandoned + 1);
});

test("a head later than the body's deadline does not eat into it: the body still gets its own", async () => {
  server.setReply({ ...drippingReply(), delayMs: 1_000 });
  const { response } = await get({ [bodyDeadlineOption]: 300 });
  // Counted from sending, the deadline would have passed before the head, failing the request.
  assert.equal(bodyMeterOf(response)?.outcome().cut, 'too slow');
});

test("no response head by the request's head deadline: the request fails and says why", async () => {
  // The head is an hour away: the 300 ms head deadline passes first however busy the machine is.
  server.setReply({ ...jsonReply(200, {}), delayMs: 3_600_000 });
  await assert.rejects(
    get({ [headDeadlineOption]: 300 }),
    /no response head within 300 ms of sending the request/,
  );
});

test('with a breaker: two drips cut in a row trip it, and the next request is refused unsent', async () => {
  const breaker = new TargetBreaker(2);
  const guarded = boundedAgents(bodyLimits({ ...patient, deadlineMs: 300 }), breaker);
  const via = (agent: http.Agent) =>
    new Promise<void>((resolve, reject) =>
      http
        .get(`${server.url}/x`, { agent }, (response) => response.resume().on('end', resolve))
        .on('error', reject),
    );
  try {
    server.setReply(drippingReply());
    await via(guarded['http:']);
    await via(guarded['http:']);
    assert.match(breaker.reason ?? '', /^the target's last 2 answers were cut as too slow/);
    const sent = server.received.length;
    await assert.rejects(via(guarded['http:']), {
      name: 'TargetCutOff',
      message: "the target's last 2 answers were cut as too slow: the run stops sending to it",
    });
    assert.equal(server.received.length, sent, 'nothing reached the server');
  } finally {
    guarded['http:'].destroy();
  }
});

test('a response the agent did not carry has no meter', async () => {
  server.setReply(jsonReply(200, {}));
  const response = await new Promise<http.IncomingMessage>((resolve) =>
    http.get(`${server.url}/x`, { agent: false }, (res) => res.resume().on('end', () => resolve(res))),
  );
  assert.equal(bodyMeterOf(response), undefined);
});
