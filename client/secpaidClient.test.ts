/**
 * The typed calls: what each sends and how its answer is read, and how a call fails (refused,
 * redirected, too slow, too big, badly configured) without the token in the error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { drippingReply, hugeReply } from './hostileBodies.ts';
import { closedPort, jsonReply, startRecordingServer } from './recordingServer.ts';
import { startRedirectTrap } from './redirectTrap.ts';
import { createSecPaidClient, type SecPaidExchange, SecPaidRequestError } from './secpaidClient.ts';
import { errorBody, link, token } from './secpaidFixtures.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  server = await startRecordingServer();
});
after(() => server.close());

test('createLink sends a form body, the token header and the path, and reads 200 as ok', async () => {
  server.setReply(jsonReply(200, link));
  const client = createSecPaidClient({ baseUrl: `${server.url}/`, token });
  const result = await client.createLink({ amount: 100, recipient_note: 'Invoice 42 & co' });
  const sent = server.last();
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url, '/api/v2/createLink');
  assert.equal(sent.body, 'amount=100&recipient_note=Invoice+42+%26+co');
  assert.equal(sent.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(sent.headers.token, token);
  assert.equal(result.ok, true);
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, link);
  assert.equal(result.bodyText, JSON.stringify(link));
});

test('createSplitLink sends recipients as ONE form field holding the JSON array', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  const recipients = [{ token: 'receivera', share: 50 }];
  await client.createSplitLink({ amount: 80.5, recipients, split_type: 'normal', cancellable: false });
  const params = new URLSearchParams(server.last().body);
  assert.deepEqual([...params.keys()], ['amount', 'recipients', 'split_type', 'cancellable']);
  assert.equal(params.get('amount'), '80.5');
  assert.equal(params.get('recipients'), '[{"token":"receivera","share":50}]');
  assert.equal(params.get('cancellable'), 'false');
  // Which fields are JSON text comes from the spec's `encoding`, so even a (wrong) string is JSON-quoted.
  await client.call('createSplitLink', { amount: 1, recipients: 'x' as never });
  assert.equal(server.last().body, 'amount=1&recipients=%22x%22');
});

test('bodyFormat json sends JSON, per client and per call', async () => {
  const jsonClient = createSecPaidClient({ baseUrl: server.url, token, bodyFormat: 'json' });
  await jsonClient.createSplitLink({ amount: 10, recipients: [{ token: 'receivera', share: 5 }] });
  assert.equal(server.last().headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(server.last().body), {
    amount: 10,
    recipients: [{ token: 'receivera', share: 5 }],
  });
  const formClient = createSecPaidClient({ baseUrl: server.url, token });
  await formClient.deleteLink({ link_id: 7 }, { bodyFormat: 'json' });
  assert.equal(server.last().body, '{"link_id":7}');
  assert.equal(server.last().headers['content-type'], 'application/json');
});

test('an optional body may be left out: no body, no content type', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  await client.getMyUnusedLinks();
  assert.equal(server.last().body, '');
  assert.equal(server.last().headers['content-type'], undefined);
});

test('status decides success: only 200 is ok; 201 is UserNotFound; undocumented codes are set apart', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  const cases = [
    { status: 201, error: 'UserNotFound', documented: true },
    { status: 400, error: 'InvalidParameters', documented: true },
    { status: 404, error: 'NotFound', documented: false }, // createLink documents no 404
    { status: 500, error: 'InternalServerError', documented: true },
    { status: 418, error: 'InvalidParameters', documented: false },
  ];
  for (const { status, error, documented } of cases) {
    server.setReply(jsonReply(status, errorBody(error)));
    const result = await client.createLink({ amount: 1 });
    assert.equal(result.ok, false, `status ${status}`);
    assert.equal(result.status, status);
    assert.equal(result.documented, documented, `status ${status}`);
    assert.deepEqual(result.body, errorBody(error));
  }
  server.setReply(jsonReply(404, errorBody('NotFound')));
  const deleted = await client.deleteLink({ link_id: 1 });
  assert.ok(!deleted.ok && deleted.documented && deleted.body.error === 'NotFound');
  server.setReply({ status: 200, body: '<html>oops</html>' });
  const html = await client.createLink({ amount: 1 });
  assert.deepEqual([html.ok, html.documented, html.body], [false, false, '<html>oops</html>']);
  server.setReply(jsonReply(429, errorBody('TooManyRequests')));
  const limited = await client.createLink({ amount: 1 });
  assert.equal(limited.headers.get('content-type'), 'application/json');
});

test('per-call headers override or remove the token (for 401 tests)', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  await client.createLink({ amount: 1 }, { headers: { token: null } });
  assert.equal(server.last().headers.token, undefined);
  await client.createLink({ amount: 1 }, { headers: { token: '' } });
  assert.equal(server.last().headers.token, '');
});

test('a redirect is the answer, never followed: the token does not reach the Location host', async () => {
  const trap = await startRedirectTrap();
  try {
    for (const bodyFormat of ['form', 'json'] as const) {
      const client = createSecPaidClient({ baseUrl: trap.url, token, bodyFormat });
      const result = await client.createLink({ amount: 5 });
      assert.equal(result.status, 307);
      assert.equal(result.ok, false);
      assert.equal(result.headers.get('location'), `${trap.elsewhere.url}/api/v2/createLink`);
    }
    // An injected fetch gets the same Request: redirect 'manual', whatever openapi-fetch defaults to.
    const seen: string[] = [];
    const observed = createSecPaidClient({
      baseUrl: trap.url,
      token,
      fetch: (request) => {
        seen.push(request.redirect);
        return fetch(request);
      },
    });
    assert.equal((await observed.getMyUnusedLinks()).status, 307);
    assert.deepEqual(seen, ['manual']);
    assert.equal(trap.target.received.length, 3);
    assert.deepEqual(trap.leaked(), []);
  } finally {
    await trap.close();
  }
});

test('a refused connection is a clear SecPaidRequestError without the token', async () => {
  const port = await closedPort();
  const exchanges: SecPaidExchange[] = [];
  const client = createSecPaidClient({
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    onExchange: (e) => void exchanges.push(e),
  });
  const error = await client.createLink({ amount: 1 }).then(
    () => assert.fail('expected a refused connection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SecPaidRequestError);
  assert.equal(error.code, 'ECONNREFUSED');
  assert.match(
    error.message,
    new RegExp(`createLink: POST http://127.0.0.1:${port}/api/v2/createLink failed`),
  );
  assert.ok(!inspect(error, { showHidden: true, depth: 10 }).includes(token));
  assert.equal(exchanges[0]?.response, null);
  assert.match(exchanges[0]?.error ?? '', /ECONNREFUSED/);
  assert.ok(!JSON.stringify(exchanges).includes(token));
});

test('a server that does not answer in time gives a TIMEOUT error', async () => {
  server.setReply({ ...jsonReply(200, link), delayMs: 5_000 });
  const client = createSecPaidClient({ baseUrl: server.url, token, timeoutMs: 150 });
  await assert.rejects(client.getMyUsedLinks({ limit: 1 }), (error: unknown) => {
    assert.ok(error instanceof SecPaidRequestError);
    assert.equal(error.code, 'TIMEOUT');
    assert.match(error.message, /no response within 150 ms/);
    return true;
  });
});

test('the timeout still fires when garbage is collected while the answer is awaited', {
  timeout: 20_000,
}, async () => {
  // A Request re-made from the caller's follows its signal only weakly: collected, it never fired.
  v8.setFlagsFromString('--expose_gc');
  const collect = runInNewContext('gc') as () => void;
  server.setReply({ ...jsonReply(200, link), delayMs: 5_000 });
  const client = createSecPaidClient({ baseUrl: server.url, token, timeoutMs: 150 });
  // Settled into a value at once, so a timeout that fires during the collections is not unhandled.
  const outcome = client.getMyUsedLinks({ limit: 1 }).then(
    () => 'answered',
    (error: unknown) => error,
  );
  for (let i = 0; i < 5; i++) {
    await sleep(10);
    collect();
  }
  const error = await outcome;
  assert.ok(error instanceof SecPaidRequestError && error.code === 'TIMEOUT', `got ${String(error)}`);
});

test("a body over maxBodyBytes, or still arriving at the call's deadline, is never read as a typed answer", async () => {
  // Valid JSON of the success envelope, only longer than the cap: its start must not pass for it.
  server.setReply(hugeReply(256 * 1024));
  const exchanges: SecPaidExchange[] = [];
  const client = createSecPaidClient({
    baseUrl: server.url,
    token,
    maxBodyBytes: 4096,
    onExchange: (e) => void exchanges.push(e),
  });
  const over = await client.createLink({ amount: 1 });
  assert.equal(over.ok, false);
  assert.equal(over.documented, false);
  assert.equal(over.bodyText.length, 4096);
  assert.equal(exchanges[0]?.response?.body.length, 4096, 'the exchange record reads a bounded clone');
  assert.match(
    !over.documented ? (over.bodyCut ?? '') : '',
    /^over the 4 KiB cap \(262,144 bytes; 4,096 kept\)$/,
  );
  // The call's deadline passes once the head is in, whenever that is: a caller's timeout, here
  // fired by the test the moment fetch hands back the head, so no clock decides the outcome.
  server.setReply(drippingReply());
  const deadline = new AbortController();
  const headFirst = async (request: Request) => {
    const response = await fetch(request);
    deadline.abort(new DOMException("the caller's deadline", 'TimeoutError'));
    return response;
  };
  const slow = await createSecPaidClient({ baseUrl: server.url, token, fetch: headFirst }).createLink(
    { amount: 1 },
    { signal: deadline.signal },
  );
  assert.equal(slow.documented, false);
  assert.match(!slow.documented ? (slow.bodyCut ?? '') : '', /still arriving at the request's deadline/);
});

test('a bad timeoutMs or maxBodyBytes is refused up front, by the name the caller gave it', () => {
  for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31])
    assert.throws(() => createSecPaidClient({ baseUrl: server.url, token, timeoutMs }), {
      name: 'RangeError',
      message: /^createSecPaidClient: timeoutMs must be a number of milliseconds above 0/,
    });
  for (const maxBodyBytes of [0, 1.5, 64 * 1024 * 1024])
    assert.throws(() => createSecPaidClient({ baseUrl: server.url, token, maxBodyBytes }), {
      name: 'RangeError',
      message: /^createSecPaidClient: maxBodyBytes must be a whole number of bytes from 1 to 33554432, got/,
    });
});

test('a baseUrl that is not http(s) is refused up front', () => {
  assert.throws(() => createSecPaidClient({ baseUrl: 'ftp://127.0.0.1', token }), /must be http\(s\)/);
  assert.throws(() => createSecPaidClient({ baseUrl: 'not a url', token }), TypeError);
});
