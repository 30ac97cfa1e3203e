/** What the client shows of itself and its calls (onExchange, inspect, JSON): never the token. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import { jsonReply, startRecordingServer } from './recordingServer.ts';
import { createSecPaidClient, type SecPaidExchange } from './secpaidClient.ts';
import { errorBody, link, token } from './secpaidFixtures.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  server = await startRecordingServer();
});
after(() => server.close());

test('onExchange records the call with the token redacted', async () => {
  const echo = { ...errorBody('UserNotFound'), errorMessage: `no user for ${token}` };
  server.setReply(jsonReply(201, echo));
  const exchanges: SecPaidExchange[] = [];
  const client = createSecPaidClient({
    baseUrl: server.url,
    token,
    onExchange: (e) => void exchanges.push(e),
  });
  const result = await client.createLink({ amount: 100, recipient_note: 'x' });
  assert.equal(exchanges.length, 1);
  const [exchange] = exchanges;
  assert.equal(exchange?.operationId, 'createLink');
  assert.deepEqual(exchange?.request.method, 'POST');
  assert.equal(exchange?.request.url, `${server.url}/api/v2/createLink`);
  assert.equal(exchange?.request.headers.token, '«redacted»');
  assert.equal(exchange?.request.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(exchange?.request.body, 'amount=100&recipient_note=x');
  assert.equal(exchange?.response?.status, 201);
  assert.equal(exchange?.response?.body, JSON.stringify(echo).replace(token, '«redacted»'));
  assert.ok((exchange?.durationMs ?? -1) >= 0);
  assert.ok(!JSON.stringify(exchanges).includes(token));
  assert.equal(result.bodyText, JSON.stringify(echo), 'the result itself keeps the exact body');
});

test('inspect, toString and JSON of the client never show the token', () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  // `{ ...client }` shows every enumerable property, bypassing the custom inspect/toJSON/toString.
  const views = [inspect(client, { showHidden: true, depth: 5 }), inspect({ ...client }), String(client)];
  for (const text of [...views, JSON.stringify(client)]) {
    assert.ok(!text.includes(token), text);
    assert.ok(text.includes(server.url), text);
  }
});

test('onExchange names a token through describeToken, and sees raw calls like typed ones', async () => {
  server.setReply(jsonReply(200, link));
  const exchanges: SecPaidExchange[] = [];
  const client = createSecPaidClient({
    baseUrl: server.url,
    token,
    describeToken: (value) => (value === token ? '$SECPAID_TOKEN' : 'another key'),
    onExchange: (e) => void exchanges.push(e),
  });
  await client.createLink({ amount: 1 });
  await client.callRaw(
    'createLink',
    { body: 'amount=1', contentType: 'text/plain' },
    { headers: { token: 'other' } },
  );
  assert.deepEqual(
    exchanges.map((e) => [e.operationId, e.request.headers.token, e.request.body]),
    [
      ['createLink', '$SECPAID_TOKEN', 'amount=1'],
      ['createLink', 'another key', 'amount=1'],
    ],
  );
  assert.equal(exchanges[1]?.request.headers['content-type'], 'text/plain');
  const bytes = JSON.stringify(link).length;
  assert.deepEqual(exchanges[1]?.response?.bodySize, { keptBytes: bytes, seenBytes: bytes });
});
