/**
 * An account's webhook settings through `POST /sandbox/tenants`: the defaults, a generated key of
 * its own per account, the settings given (as JSON or as a form, whose array is one JSON field),
 * and a clear 400 for a key that cannot encrypt or a saved endpoint that is not an http(s) URL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createControlClient, type Tenant } from '../../client/controlClient.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';
import { assertControlAnswer } from '../testing/webhooks.ts';

const env = useSandbox();
const control = () => createControlClient({ baseUrl: env.url });

test('by default: no saved endpoint, no encryption, the form, and a generated key of its own', async () => {
  const a = await control().createTenant();
  const b = await control().createTenant();
  assertControlAnswer('post', '/sandbox/tenants', 200, { data: a });
  assert.deepEqual([a.payment_endpoints, a.is_encryption, a.webhook_format], [[], false, 'form']);
  assert.match(a.encryption_key, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a.encryption_key, b.encryption_key);
});

test('the settings given are kept and answered, from JSON and from a form', async () => {
  const settings = {
    payment_endpoints: ['http://127.0.0.1:9/a', 'https://hooks.example.test/b?x=1'],
    is_encryption: true,
    // Every character from ! to @ (quotes, punctuation, digits): a key may hold any printable ASCII.
    encryption_key: '!"#$%&\'()*+,-./0123456789:;<=>?@',
    webhook_format: 'json' as const,
  };
  const fromJson = await control().createTenant(settings);
  assert.deepEqual(
    [fromJson.payment_endpoints, fromJson.is_encryption, fromJson.encryption_key, fromJson.webhook_format],
    [settings.payment_endpoints, true, settings.encryption_key, 'json'],
  );
  const form = new URLSearchParams({
    payment_endpoints: JSON.stringify(settings.payment_endpoints),
    is_encryption: 'true',
    encryption_key: settings.encryption_key,
    webhook_format: 'json',
  });
  const answer = await fetch(`${env.url}/sandbox/tenants`, { method: 'POST', body: form });
  assert.equal(answer.status, 200);
  const { data } = (await answer.json()) as { data: Tenant };
  assert.deepEqual(
    [data.payment_endpoints, data.is_encryption, data.encryption_key, data.webhook_format],
    [settings.payment_endpoints, true, settings.encryption_key, 'json'],
  );
});

test('a key that cannot encrypt or an endpoint that is not an http(s) URL: 400 saying which', async () => {
  for (const [body, message] of [
    [{ encryption_key: 'x'.repeat(31) }, 'encryption_key must NOT have fewer than 32 characters'],
    [
      { encryption_key: `${'x'.repeat(31)} ` },
      'encryption_key: an encryption key is printable ASCII without spaces',
    ],
    [
      { encryption_key: `${'x'.repeat(31)}é` },
      'encryption_key: an encryption key is printable ASCII without spaces',
    ],
    [
      { payment_endpoints: ['http://127.0.0.1/ok', 'ftp://127.0.0.1/'] },
      'payment_endpoints/1 is not an http(s) URL',
    ],
    [{ payment_endpoints: ['/relative'] }, 'payment_endpoints/0 is not an http(s) URL'],
    [{ webhook_format: 'xml' }, 'webhook_format must be equal to one of the allowed values'],
  ] as const) {
    const { response, error } = await control().api.POST('/sandbox/tenants', {
      // biome-ignore lint/suspicious/noExplicitAny: values the schema refuses, on purpose.
      body: body as any,
    });
    assert.equal(response.status, 400, JSON.stringify(body));
    assertControlAnswer('post', '/sandbox/tenants', 400, error);
    assert.equal(error?.errorMessage, message);
  }
});
