/** Every documented status code of the API, each provoked on purpose, with its error envelope. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aLink } from '../../core/testing/links.ts';
import { apiAs, JSON_TYPE } from '../testing/api.ts';
import { assertError, assertOk } from '../testing/assertions.ts';
import { armFault, createTenant, payLink } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();

test('200: a valid request of a known tenant', async () => {
  const tenant = await createTenant(env.url);
  const link = aLink({ amount: 12.5 });
  const body = assertOk('createLink', await tenant.call('createLink', link));
  assert.equal(body.Result, 'True');
  assert.equal(body.data.amount, '12.50');
  assert.equal(body.data.recipient_note, link.recipient_note);
});

test('201 UserNotFound: a well-formed key that matches nobody', async () => {
  for (const key of ['A'.repeat(16), `Unknown${'9'.repeat(25)}`, 'z'.repeat(64)]) {
    assertError(
      'createLink',
      await apiAs(env.url, key).call('createLink', { amount: 1 }),
      201,
      'UserNotFound',
    );
  }
});

test('400 InvalidParameters: bad amounts, unknown fields, wrong content type, malformed bodies', async () => {
  const tenant = await createTenant(env.url);
  const bad: [string, Parameters<typeof tenant.call>[1], string?][] = [
    ['amount 0', { amount: '0' }],
    ['negative amount', { amount: '-5' }],
    ['three decimals', { amount: '1.005' }],
    ['above the maximum', { amount: '1000000' }],
    ['exponent', { amount: '1e3' }],
    ['NaN', { amount: 'NaN' }],
    ['missing amount', { recipient_note: 'x' }],
    ['unknown field', { amount: 5, colour: 'red' }],
    ['field twice', 'amount=5&amount=6'],
    ['text/plain', 'amount=5', 'text/plain'],
    ['malformed JSON', '{"amount": 5', JSON_TYPE],
    ['JSON array', '[{"amount": 5}]', JSON_TYPE],
    ['raw bytes without content type', 'amount=5', ''],
  ];
  for (const [why, body, contentType] of bad) {
    // A raw string body goes without Content-Type unless one is named.
    const answer = await tenant.call('createLink', body, contentType ? { contentType } : {});
    assert.equal(answer.status, 400, `${why}: ${answer.status} ${answer.text}`);
    assertError('createLink', answer, 400, 'InvalidParameters');
  }
  assertError(
    'getMyUnusedLinks',
    await tenant.call('getMyUnusedLinks', { limit: 0 }),
    400,
    'InvalidParameters',
  );
  assertError(
    'getMyUnusedLinks',
    await tenant.call('getMyUnusedLinks', { limit: 1001 }),
    400,
    'InvalidParameters',
  );
  assertError(
    'getPayInTransactions',
    await tenant.call('getPayInTransactions', { date: '2024-02-30' }),
    400,
    'InvalidParameters',
  );
  assertError('deleteLink', await tenant.call('deleteLink', { link_id: '1.5' }), 400, 'InvalidParameters');
  assert.equal(
    (await tenant.call('getMyUnusedLinks', {})).body.totalRecords,
    0,
    'no refused request stored a link',
  );
});

test('400: deleting a paid link', async () => {
  const tenant = await createTenant(env.url);
  const link = assertOk('createLink', await tenant.call('createLink', { amount: 3 }));
  await payLink(env.url, link.data.id);
  assertError(
    'deleteLink',
    await tenant.call('deleteLink', { link_id: link.data.id }),
    400,
    'InvalidParameters',
  );
});

test('401 Unauthorized: missing, empty and malformed keys', async () => {
  const keys: [string, string | null][] = [
    ['missing', null],
    ['empty', ''],
    ['too short', 'abc123'],
    ['65 characters', 'a'.repeat(65)],
    ['not alphanumeric', 'abcdefghijklmnop-qrstuvwxyz'],
    ['spaces inside', 'abcdefgh ijklmnopqrstuvwxyz'],
  ];
  for (const [why, key] of keys) {
    const answer = await apiAs(env.url, key).call('getMyUnusedLinks', {});
    assert.equal(answer.status, 401, `${why}: ${answer.status}`);
    assertError('getMyUnusedLinks', answer, 401, 'Unauthorized');
  }
});

test('403 Forbidden: a suspended tenant, for every request it makes', async () => {
  const suspended = await createTenant(env.url, { suspended: true });
  assertError('createLink', await suspended.call('createLink', { amount: 1 }), 403, 'Forbidden');
  assertError('getMyUnusedLinks', await suspended.call('getMyUnusedLinks', {}), 403, 'Forbidden');
});

test("404 NotFound: deleting an id that does not exist, and another tenant's link", async () => {
  const tenant = await createTenant(env.url);
  const other = await createTenant(env.url);
  assertError('deleteLink', await tenant.call('deleteLink', { link_id: 999_999_999 }), 404, 'NotFound');
  const theirs = assertOk('createLink', await other.call('createLink', { amount: 4 }));
  const answer = assertError(
    'deleteLink',
    await tenant.call('deleteLink', { link_id: theirs.data.id }),
    404,
    'NotFound',
  );
  const missing = await tenant.call('deleteLink', { link_id: 999_999_998 });
  assert.equal(
    answer.errorMessage,
    missing.body.errorMessage,
    'a foreign link reads exactly like a missing one',
  );
});

test('429 TooManyRequests: a tenant limited to 2 requests a minute, with Retry-After', async () => {
  const limited = await createTenant(env.url, { rate_limit: 2 });
  assertOk('getMyUnusedLinks', await limited.call('getMyUnusedLinks', {}));
  assertOk('getMyUnusedLinks', await limited.call('getMyUnusedLinks', {}));
  assertError('createLink', await limited.call('createLink', { amount: 1 }), 429, 'TooManyRequests');
  const retryAfter = Number((await limited.call('getMyUnusedLinks', {})).headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  const unlimited = await createTenant(env.url);
  for (let i = 0; i < 5; i++) assertOk('getMyUnusedLinks', await unlimited.call('getMyUnusedLinks', {}));
});

test('500 InternalServerError: only through a fault scoped to one tenant and operation, then 200 again', async () => {
  const tenant = await createTenant(env.url);
  const bystander = await createTenant(env.url);
  await armFault(env.url, { status: 500, user_id: tenant.userId, operationId: 'createLink' });
  assertOk('createLink', await bystander.call('createLink', { amount: 1 }));
  assertOk('getMyUnusedLinks', await tenant.call('getMyUnusedLinks', {}));
  assertError('createLink', await tenant.call('createLink', { amount: 1 }), 500, 'InternalServerError');
  assertOk('createLink', await tenant.call('createLink', { amount: 1 }));
  assert.equal(
    (await tenant.call('getMyUnusedLinks', {})).body.totalRecords,
    1,
    'the failed request stored nothing',
  );
});
