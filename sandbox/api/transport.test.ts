/** HTTP around the operations: wrong method, unknown path, oversized bodies, injected delays. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { encodeFormBody } from '../../core/formBody.ts';
import { type Answer, FORM } from '../testing/api.ts';
import { assertError, assertOk } from '../testing/assertions.ts';
import { armFault, clearFaults, createTenant } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();
const BODY_LIMIT = 64 * 1024;

function assertErrorEnvelope(answer: Answer, status: number, error: string): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(answer.body.error, error);
  assert.equal(answer.body.Result, 'False');
  assert.equal(answer.body.ResponseCode, 0);
}

test('405 on GET of an operation, with Allow: POST', async () => {
  const tenant = await createTenant(env.url);
  const answer = await tenant.call('getMyUnusedLinks', undefined, { method: 'GET' });
  assertErrorEnvelope(answer, 405, 'MethodNotAllowed');
  assert.equal(answer.headers.get('allow'), 'POST');
});

test('404 on an unknown path, with the error envelope', async () => {
  for (const path of ['/', '/api/v2/createlink', '/api/v2/createLink/', '/api/v3/createLink', '/nope?x=1']) {
    // Paths no operation has: deliberately past the typed client, which only knows the spec's.
    const response = await fetch(`${env.url}${path}`, { method: 'POST' });
    const answer = {
      status: response.status,
      headers: response.headers,
      text: '',
      body: await response.json(),
    };
    assertErrorEnvelope(answer, 404, 'NotFound');
  }
});

test('a body over 64 KiB is 400 with the envelope; one just under is served', async () => {
  const tenant = await createTenant(env.url);
  const prefix = 'amount=5&recipient_note=';
  const over = `${prefix}${'a'.repeat(BODY_LIMIT + 1 - prefix.length)}`;
  assertError(
    'createLink',
    await tenant.call('createLink', over, { contentType: FORM }),
    400,
    'InvalidParameters',
  );
  // The note may be 500 characters at most, so just under the limit is a 400 of validation, not size.
  const under = `${prefix}${'a'.repeat(BODY_LIMIT - prefix.length)}`;
  const validation = await tenant.call('createLink', under, { contentType: FORM });
  assertError('createLink', validation, 400, 'InvalidParameters');
  assert.doesNotMatch(validation.body.errorMessage, /64 KiB/);
  assertOk('createLink', await tenant.call('createLink', { amount: 5 }));
});

test('a chunked body over 64 KiB (no Content-Length) is refused the same way', async () => {
  const tenant = await createTenant(env.url);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${env.url}/api/v2/createLink`,
      { method: 'POST', headers: { token: tenant.token, 'content-type': FORM } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write('amount=5&recipient_note=');
    for (let i = 0; i < 10; i++) req.write('b'.repeat(8 * 1024));
    req.end();
  });
  assert.equal(status, 400);
  assert.equal(JSON.parse(text).error, 'InvalidParameters');
});

test('a fault with delay_ms answers that late, and only once', async () => {
  const tenant = await createTenant(env.url);
  const delayMs = 300;
  await armFault(env.url, { delay_ms: delayMs, user_id: tenant.userId });
  let started = performance.now();
  assertOk('getMyUnusedLinks', await tenant.call('getMyUnusedLinks', {}));
  const delayed = performance.now() - started;
  assert.ok(delayed >= delayMs - 5, `answered after ${delayed.toFixed(0)} ms, armed ${delayMs} ms`);
  started = performance.now();
  assertOk('getMyUnusedLinks', await tenant.call('getMyUnusedLinks', {}));
  assert.ok(performance.now() - started < delayMs, 'the second request was not delayed');
});

test('a fault with status and count answers that status count times', async () => {
  const tenant = await createTenant(env.url);
  await armFault(env.url, { status: 403, count: 2, user_id: tenant.userId, operationId: 'getMyUsedLinks' });
  assertError('getMyUsedLinks', await tenant.call('getMyUsedLinks', {}), 403, 'Forbidden');
  assertError('getMyUsedLinks', await tenant.call('getMyUsedLinks', {}), 403, 'Forbidden');
  assertOk('getMyUsedLinks', await tenant.call('getMyUsedLinks', {}));
});

test('clearing faults disarms them before they are used', async () => {
  const tenant = await createTenant(env.url);
  await armFault(env.url, { status: 500, count: 5, user_id: tenant.userId });
  await clearFaults(env.url);
  assertOk('getMyUnusedLinks', await tenant.call('getMyUnusedLinks', {}));
});

test('a 404 fault is refused for operations that do not document 404, and accepted for deleteLink', async () => {
  // As a form, the control API's other encoding.
  const control = createControlClient({ baseUrl: env.url });
  const asForm = {
    bodySerializer: (body: Record<string, unknown>) => encodeFormBody(body, []),
    headers: { 'content-type': FORM },
  };
  const refused = await control.api.POST('/sandbox/faults', {
    body: { status: 404, operationId: 'createLink' },
    ...asForm,
  });
  assert.equal(refused.response.status, 400);
  const unscoped = await control.api.POST('/sandbox/faults', { body: { status: 404 }, ...asForm });
  assert.equal(unscoped.response.status, 400);
  const tenant = await createTenant(env.url);
  const link = assertOk('createLink', await tenant.call('createLink', { amount: 5 }));
  await armFault(env.url, { status: 404, operationId: 'deleteLink', user_id: tenant.userId });
  assertError('deleteLink', await tenant.call('deleteLink', { link_id: link.data.id }), 404, 'NotFound');
  assertOk('deleteLink', await tenant.call('deleteLink', { link_id: link.data.id }));
});

test('an injected 429 carries the Retry-After header the spec requires', async () => {
  const tenant = await createTenant(env.url);
  await armFault(env.url, { status: 429, operationId: 'getMyUnusedLinks', user_id: tenant.userId });
  const answer = await tenant.call('getMyUnusedLinks', {});
  assertError('getMyUnusedLinks', answer, 429, 'TooManyRequests');
  assert.match(answer.headers.get('retry-after') ?? '', /^[0-9]+$/);
});
