import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { type ReceivedRequest, ReceiverWaitEnded, startReceiver } from './receiver.ts';

/** A POST with node:http, so headers go exactly as given; resolves with the answer's status. */
function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const seen: ReceivedRequest[] = [];
const receiver = await startReceiver({
  maxBodyBytes: 16,
  drainBytes: 64,
  onRequest: (r) => seen.push(r),
});
after(() => receiver.close());

test('listens on 127.0.0.1 and hands out a fresh path per endpoint', () => {
  assert.match(receiver.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  const [a, b] = [receiver.endpoint(), receiver.endpoint()];
  assert.notEqual(a.path, b.path);
  assert.equal(a.url, `${receiver.origin}${a.path}`);
});

test('answers 200 and keeps the request as it arrived, in arrival order', async () => {
  const { url, path } = receiver.endpoint();
  const status = await post(`${url}?x=1`, 'a=1&b=2', {
    'Content-Type': 'application/x-www-form-urlencoded',
    'User-Agent': 'SecPaid-Sandbox-Webhooks/1',
  });
  assert.equal(status, 200);
  await post(url, '{}', { 'content-type': 'application/json' });
  const [first, second] = receiver.received(path);
  assert.equal(first?.method, 'POST');
  assert.equal(first?.path, path);
  assert.equal(first?.target, `${path}?x=1`);
  assert.equal(first?.headers['Content-Type'], 'application/x-www-form-urlencoded');
  assert.equal(first?.headers['User-Agent'], 'SecPaid-Sandbox-Webhooks/1');
  assert.equal(first?.contentType, 'application/x-www-form-urlencoded');
  assert.equal(first?.body, 'a=1&b=2');
  assert.equal(first?.bodyBytes, 7);
  assert.equal(first?.bodyCut, undefined);
  assert.ok(second && first && second.seq > first.seq);
  assert.ok(seen.includes(first), 'onRequest heard it');
});

test('waitFor resolves once the count has arrived, at once when it already has', async () => {
  const { url, path } = receiver.endpoint();
  const waiting = receiver.waitFor(path, 2, { withinMs: 60_000 });
  await post(url, 'one');
  await post(url, 'two');
  const got = await waiting;
  assert.deepEqual(
    got.map((r) => r.body),
    ['one', 'two'],
  );
  const again = await receiver.waitFor(path, 1, { withinMs: 60_000 });
  assert.equal(again[0]?.body, 'one');
});

test('a wait that its bound or its signal ends says how many arrived', async () => {
  const { url, path } = receiver.endpoint();
  await post(url, 'only');
  await assert.rejects(receiver.waitFor(path, 2, { withinMs: 1 }), (error: unknown) => {
    assert.ok(error instanceof ReceiverWaitEnded);
    assert.equal(error.why, 'bound');
    assert.equal(error.arrived.length, 1);
    assert.match(error.message, /1 of 2 requests arrived on \/notify\/.+ within 1 ms/);
    return true;
  });
  const stop = new AbortController();
  const waiting = receiver.waitFor(path, 3, { withinMs: 60_000, signal: stop.signal });
  stop.abort();
  await assert.rejects(
    waiting,
    (error: unknown) => error instanceof ReceiverWaitEnded && error.why === 'aborted',
  );
});

test('a long body is kept up to the cap, an endless one is cut and answered 413', async () => {
  const { url, path } = receiver.endpoint();
  assert.equal(await post(url, 'x'.repeat(40)), 200);
  const [long] = receiver.received(path);
  assert.equal(long?.body, 'x'.repeat(16));
  assert.equal(long?.bodyBytes, 40);
  assert.equal(long?.bodyCut, '16 of 40 bytes kept');
  const endless = receiver.endpoint();
  // The connection is closed after the 413: the client may see the answer or the reset first.
  const status = await post(endless.url, Buffer.alloc(200, 'y')).catch(
    (error: { code?: string }) => error.code,
  );
  assert.ok([413, 'ECONNRESET', 'EPIPE'].includes(status as never), `answered ${status}`);
  assert.match(receiver.received(endless.path)[0]?.bodyCut ?? '', /cut after 64 bytes/);
});

test('past maxRequests, requests are answered and counted, not kept', async () => {
  const small = await startReceiver({ maxRequests: 2 });
  after(() => small.close());
  const { url } = small.endpoint();
  for (const body of ['one', 'two', 'three']) assert.equal(await post(url, body), 200);
  assert.deepEqual(
    small.received().map((r) => r.body),
    ['one', 'two'],
  );
  assert.equal(small.dropped, 1);
});

test('close ends pending waits and stops listening', async () => {
  const other = await startReceiver();
  const { url, path } = other.endpoint();
  const waiting = other.waitFor(path, 1, { withinMs: 60_000 });
  await other.close();
  await assert.rejects(
    waiting,
    (error: unknown) => error instanceof ReceiverWaitEnded && error.why === 'closed',
  );
  await assert.rejects(post(url, 'late'), /ECONNREFUSED/);
});
