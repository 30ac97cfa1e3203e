/** callRaw, the escape hatch: bodies, content types and methods the typed calls cannot send. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jsonReply, startRecordingServer } from './recordingServer.ts';
import { createSecPaidClient } from './secpaidClient.ts';
import { errorBody, token } from './secpaidFixtures.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  server = await startRecordingServer();
});
after(() => server.close());

test('callRaw sends the body untouched, without a content type unless given', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  server.setReply(jsonReply(400, errorBody('InvalidParameters')));
  const result = await client.callRaw('createLink', { body: 'amount=1e3&amount=2' });
  assert.equal(server.last().body, 'amount=1e3&amount=2');
  assert.equal(server.last().headers['content-type'], undefined);
  assert.equal(result.status, 400);
  await client.callRaw('createLink', { body: '{"amount":', contentType: 'application/json' });
  assert.equal(server.last().headers['content-type'], 'application/json');
});

test('callRaw sends another method, or no body at all, past every type', async () => {
  const client = createSecPaidClient({ baseUrl: server.url, token });
  server.setReply(jsonReply(405, errorBody('MethodNotAllowed')));
  const result = await client.callRaw('getMyUnusedLinks', { method: 'GET' });
  assert.equal(server.last().method, 'GET');
  assert.equal(server.last().body, '');
  assert.equal(server.last().headers['content-type'], undefined);
  assert.equal(result.status, 405);
  await client.callRaw('createLink', {
    body: new Uint8Array([0xff, 0x00]),
    contentType: 'application/octet-stream',
  });
  // The server reads the bytes as UTF-8: 0xff is no character, so it reads as U+FFFD.
  assert.equal(server.last().body, '\ufffd\u0000');
  assert.equal(server.last().headers['content-type'], 'application/octet-stream');
});
