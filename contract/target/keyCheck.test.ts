import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { drippingReply } from '../../client/hostileBodies.ts';
import { closedPort, jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { refusedKeys } from './keyCheck.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

test('a key the sandbox takes passes; each refusal names the variable and the answer (D-AUTH)', async () => {
  const control = createControlClient({ baseUrl: sandbox.url });
  const [good, suspended] = [await control.createTenant(), await control.createTenant({ suspended: true })];
  assert.deepEqual(await refusedKeys(sandbox.url, [{ variable: 'SECPAID_TOKEN', token: good.token }]), []);
  const refused = await refusedKeys(sandbox.url, [
    { variable: 'SECPAID_TOKEN', token: `NoSuchUser${'7'.repeat(22)}` },
    { variable: 'SECPAID_TOKEN_B', token: 'not a key!' },
    { variable: 'OTHER', token: suspended.token },
    { variable: 'FINE', token: good.token },
  ]);
  assert.deepEqual(refused, [
    'SECPAID_TOKEN (HTTP 201 UserNotFound: no account has this key)',
    'SECPAID_TOKEN_B (HTTP 401 Unauthorized: not a valid key (malformed, or cut short))',
    "OTHER (HTTP 403 Forbidden: the key's account may not use the API (suspended?))",
  ]);
});

test('what the server sends is never quoted beyond a documented error name, so an echoed key stays out', async () => {
  const key = 'EchoedKey0123456789abcdef';
  const server = await startRecordingServer();
  try {
    server.setReply(jsonReply(401, { error: key, errorMessage: `bad key ${key}` }));
    const refused = await refusedKeys(server.url, [{ variable: 'SECPAID_TOKEN', token: key }]);
    assert.deepEqual(refused, ['SECPAID_TOKEN (HTTP 401: not a valid key (malformed, or cut short))']);
    assert.equal(server.last().headers.token, key, 'the probe sent the key to the target');
    assert.equal(server.last().url, '/api/v2/getMyUnusedLinks');
    assert.equal(server.last().body, 'limit=1');
  } finally {
    await server.close();
  }
});

test('answers that do not refuse the key are left to the run: 200 with a body never read, 429, 500, none', async () => {
  const server = await startRecordingServer();
  try {
    const key = [{ variable: 'SECPAID_TOKEN', token: 'SomeKey0123456789abcdef' }];
    // A body dripping for ever: the probe needs only the status, so it does not wait on the body.
    server.setReply(drippingReply());
    assert.deepEqual(await refusedKeys(server.url, key), []);
    for (const status of [429, 500, 404]) {
      server.setReply(jsonReply(status, { error: 'TooManyRequests', errorMessage: 'x' }));
      assert.deepEqual(await refusedKeys(server.url, key), [], String(status));
    }
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    assert.deepEqual(await refusedKeys(nobody, key), [], 'no answer at all');
  } finally {
    await server.close();
  }
});
