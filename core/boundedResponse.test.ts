/**
 * The fetch side of the body cap against hostile servers on 127.0.0.1: a huge body, an endless one
 * and a dripping one all end, with the kept start and a stated outcome. No test depends on speed:
 * a body's deadline counts from its head, so a short one makes a drip end however late the head
 * came, and nothing is asserted of what had arrived by then beyond its being the drip's start.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, test } from 'node:test';
import { drippingReply, endlessReply, hugeBodyBytes, hugeReply } from '../client/hostileBodies.ts';
import { jsonReply, startRecordingServer } from '../client/recordingServer.ts';
import { bodyLimits } from './boundedBody.ts';
import { bodyOutcome, readBoundedText } from './boundedResponse.ts';
import { TargetBreaker } from './targetBreaker.ts';
import { targetFetch } from './targetFetch.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  server = await startRecordingServer();
});
after(() => server.close());

/** Generous deadlines where a body must drain: a busy machine must not turn "over the cap" into "too slow". */
const patient = bodyLimits({ deadlineMs: 120_000, headDeadlineMs: 120_000 });

const get = (limits = patient, init: RequestInit = {}) =>
  targetFetch(server.url, undefined, limits)(`${server.url}/x`, init);

test('a small body is read whole, and says so', async () => {
  server.setReply(jsonReply(200, { ok: true }));
  const answer = await readBoundedText(await get());
  assert.equal(answer.text, '{"ok":true}');
  assert.deepEqual(answer.body, { keptBytes: 11, seenBytes: 11 });
  assert.equal(answer.cut, undefined);
});

test('50 MB with a Content-Length: 1 MiB kept, every byte counted, the transfer drained', async () => {
  server.setReply(hugeReply());
  const response = await get();
  const text = await response.text();
  assert.equal(text.length, 1024 * 1024);
  assert.ok(text.startsWith('{"ResponseCode":1,"Result":"True","data":"xxx'));
  assert.deepEqual(bodyOutcome(response), {
    keptBytes: 1024 * 1024,
    seenBytes: hugeBodyBytes,
    cut: 'over the cap',
  });
  assert.equal(server.abandoned(), 0, 'drained to its end, not cut');
});

test('a huge body past the drain bound is cut there, and the connection closed', async () => {
  const abandoned = server.abandoned();
  server.setReply(hugeReply());
  const answer = await readBoundedText(
    await get(bodyLimits({ ...patient, capBytes: 1024, drainBytes: 1024 * 1024 })),
  );
  assert.equal(answer.text.length, 1024);
  assert.equal(answer.body.cut, 'endless');
  assert.ok(answer.body.seenBytes > 1024 * 1024 && answer.body.seenBytes < hugeBodyBytes);
  assert.match(answer.cut ?? '', /^over the 1 KiB cap and still arriving past the 1 MiB drain bound/);
  await server.whenAbandoned(abandoned + 1);
});

test('an endless body ends at the drain bound (the default 64 MiB), with the cap kept', async () => {
  const abandoned = server.abandoned();
  server.setReply(endlessReply());
  const answer = await readBoundedText(await get());
  assert.equal(answer.text.length, 1024 * 1024);
  assert.equal(answer.body.cut, 'endless');
  assert.ok(answer.body.seenBytes > 64 * 1024 * 1024);
  await server.whenAbandoned(abandoned + 1);
});

test('a dripping body ends at the deadline as "too slow", with what had arrived', async () => {
  const abandoned = server.abandoned();
  server.setReply(drippingReply());
  const answer = await readBoundedText(await get(bodyLimits({ ...patient, deadlineMs: 300 })));
  assert.equal(answer.body.cut, 'too slow');
  assert.equal(answer.body.keptBytes, answer.body.seenBytes);
  assert.equal(answer.text.length, answer.body.keptBytes);
  assert.match(answer.text, /^(\{x*)?$/, 'what had arrived: the start of the drip');
  assert.match(answer.cut ?? '', /^still arriving at the request's deadline, .* after the response head/);
  await server.whenAbandoned(abandoned + 1);
});

test("the caller's timeout during the body is the same cut; any other abort stays an error", async () => {
  server.setReply(drippingReply());
  // The caller's timeout, fired once the head is in: what a caller's AbortSignal.timeout does then.
  const deadline = new AbortController();
  const dripping = await get(patient, { signal: deadline.signal });
  deadline.abort(new DOMException("the caller's deadline", 'TimeoutError'));
  const timedOut = await readBoundedText(dripping);
  assert.equal(timedOut.body.cut, 'too slow');
  const stop = new AbortController();
  const response = await get(patient, { signal: stop.signal });
  stop.abort();
  await assert.rejects(response.text(), { name: 'AbortError' });
});

test('no response head within the head deadline: the request fails as a timeout, and says why', async () => {
  // The head is an hour away: the 300 ms head deadline passes first however busy the machine is.
  server.setReply({ ...jsonReply(200, {}), delayMs: 3_600_000 });
  await assert.rejects(get(bodyLimits({ ...patient, headDeadlineMs: 300 })), {
    name: 'TimeoutError',
    message: 'no response head within 300 ms',
  });
});

test('with a breaker: two drips cut in a row trip it, and the next call is refused unsent', async () => {
  const breaker = new TargetBreaker(2);
  const fetchTarget = targetFetch(
    server.url,
    undefined,
    bodyLimits({ ...patient, deadlineMs: 300 }),
    breaker,
  );
  server.setReply(drippingReply());
  for (let i = 0; i < 2; i++) await (await fetchTarget(`${server.url}/x`)).text();
  const sent = server.received.length;
  await assert.rejects(fetchTarget(`${server.url}/x`), {
    name: 'TargetCutOff',
    message: "the target's last 2 answers were cut as too slow: the run stops sending to it",
  });
  assert.equal(server.received.length, sent, 'nothing reached the server');
});

test('a clone of a bounded response is bounded too', async () => {
  server.setReply(hugeReply(256 * 1024));
  const response = await get(bodyLimits({ ...patient, capBytes: 4096 }));
  const clone = response.clone();
  const [original, copy] = await Promise.all([response.text(), clone.text()]);
  assert.equal(original.length, 4096);
  assert.equal(copy, original);
});

test('a response without a body is whole; a response not from targetFetch is refused', async () => {
  server.setReply({ status: 204, body: '' });
  const answer = await readBoundedText(await get());
  assert.deepEqual(answer.body, { keptBytes: 0, seenBytes: 0 });
  await assert.rejects(readBoundedText(new Response('x')), /not a response from targetFetch/);
});

/** A server that answers every connection with `head` (raw bytes, Latin-1) and the body `x`. */
async function rawServer(statusLine: string): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    socket.once('data', () =>
      socket.end(`${statusLine}\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx`, 'latin1'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

test('a status the Response constructor refuses (600) and a reason phrase that is no ByteString pass as they came', async () => {
  for (const [line, status, statusText] of [
    ['HTTP/1.1 600 Odd', 600, 'Odd'],
    ['HTTP/1.1 200 \u00e9t\u00e9', 200, '\ufffdt\ufffd'],
  ] as const) {
    const { url, server: raw } = await rawServer(line);
    try {
      const response = await targetFetch(url, undefined, patient)(`${url}/x`);
      for (const answer of [response, response.clone()]) {
        assert.equal(answer.status, status);
        assert.equal(answer.statusText, statusText);
        assert.equal(answer.ok, status === 200);
        assert.equal(answer.url, `${url}/x`);
      }
      const read = await readBoundedText(response);
      assert.equal(read.text, 'x');
      assert.deepEqual(read.body, { keptBytes: 1, seenBytes: 1 });
    } finally {
      raw.close();
    }
  }
});
