/**
 * Inputs at the edges of what the schemas allow, each found by probing or fuzzing the sandbox:
 * they must be answered on purpose (200 or 400), never with a 500 or silently ignored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { FORM, JSON_TYPE } from '../testing/api.ts';
import { assertError, assertOk } from '../testing/assertions.ts';
import { createTenant } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();

test('getPayInTransactions accepts the first and last days the date format allows', async () => {
  const tenant = await createTenant(env.url);
  for (const date of ['0001-01-01', '1970-01-01', '9999-12-30', '9999-12-31']) {
    const answer = await tenant.call('getPayInTransactions', { date });
    assert.equal(answer.status, 200, `date=${date}: ${answer.status} ${answer.text}`);
    assertOk('getPayInTransactions', answer);
  }
});

test('the payout run accepts the last day the date format allows', async () => {
  const control = createControlClient({ baseUrl: env.url });
  const { response, data, error } = await control.api.POST('/sandbox/payouts/run', {
    body: { date: '9999-12-31' },
  });
  assert.equal(response.status, 200, JSON.stringify(error));
  assert.equal(data?.data.date, '9999-12-31');
});

test('an unknown form field named __proto__ is refused like any other unknown field', async () => {
  const tenant = await createTenant(env.url);
  assertError(
    'createLink',
    await tenant.call('createLink', 'amount=5&constructor=x', { contentType: FORM }),
    400,
    'InvalidParameters',
  );
  assertError(
    'createLink',
    await tenant.call('createLink', 'amount=5&__proto__=x', { contentType: FORM }),
    400,
    'InvalidParameters',
  );
  assertError(
    'createLink',
    await tenant.call('createLink', '{"amount":5,"__proto__":{}}', { contentType: JSON_TYPE }),
    400,
    'InvalidParameters',
  );
});

test('JSON numbers beyond double range and negative zero are refused, not rounded into money', async () => {
  const tenant = await createTenant(env.url);
  for (const text of ['{"amount":1e309}', '{"amount":-0}', '{"amount":0.001}', '{"amount":-1e-7}']) {
    assertError(
      'createLink',
      await tenant.call('createLink', text, { contentType: JSON_TYPE }),
      400,
      'InvalidParameters',
    );
  }
  assert.equal((await tenant.call('getMyUnusedLinks', {})).body.totalRecords, 0);
});

test('a note of 500 characters of any script is kept exactly; 501 is refused', async () => {
  const tenant = await createTenant(env.url);
  const note = '😀é\u202eא'.repeat(100).slice(0, 500);
  const created = assertOk(
    'createLink',
    await tenant.call('createLink', { amount: 1, recipient_note: note }),
  );
  assert.equal(created.data.recipient_note, note);
  const listed = assertOk(
    'getMyUnusedLinks',
    await tenant.call('getMyUnusedLinks', { search: note.slice(3, 40) }),
  );
  assert.equal(listed.totalRecords, 1);
  assertError(
    'createLink',
    await tenant.call('createLink', { amount: 1, recipient_note: `${'x'.repeat(501)}` }),
    400,
    'InvalidParameters',
  );
});
