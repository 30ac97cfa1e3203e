/**
 * Bodies the sandbox must refuse rather than read wrongly: another charset, bytes that are not
 * UTF-8, two Content-Type headers, sub-cent amounts (which would round to a 0.00 € link).
 */
import { request } from 'node:http';
import { test } from 'node:test';
import { FORM, JSON_TYPE } from '../testing/api.ts';
import { assertError, assertOk } from '../testing/assertions.ts';
import { createTenant } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();

test('400 for a declared charset other than UTF-8; utf-8 in any spelling is served', async () => {
  const tenant = await createTenant(env.url);
  for (const contentType of [`${FORM}; charset=ISO-8859-1`, `${JSON_TYPE};charset=utf-16`]) {
    const body = contentType.startsWith(FORM) ? 'amount=5' : '{"amount":5}';
    assertError(
      'createLink',
      await tenant.call('createLink', body, { contentType }),
      400,
      'InvalidParameters',
    );
  }
  for (const contentType of [`${FORM}; charset=UTF-8`, `${FORM};charset="utf8"`])
    assertOk('createLink', await tenant.call('createLink', 'amount=5', { contentType }));
});

test('400 for bytes that are not UTF-8, in a form and in JSON', async () => {
  const tenant = await createTenant(env.url);
  const latin1Note = Buffer.concat([Buffer.from('amount=5&recipient_note=caf'), Buffer.from([0xe9])]);
  assertError(
    'createLink',
    await tenant.call('createLink', latin1Note, { contentType: FORM }),
    400,
    'InvalidParameters',
  );
  const json = Buffer.concat([
    Buffer.from('{"amount":5,"recipient_note":"caf'),
    Buffer.from([0xe9]),
    Buffer.from('"}'),
  ]);
  assertError(
    'createLink',
    await tenant.call('createLink', json, { contentType: JSON_TYPE }),
    400,
    'InvalidParameters',
  );
});

/** fetch() merges repeated headers, so this goes through node:http, which sends each one. */
function postWithTwoContentTypes(target: string, token: string, types: string[]) {
  const url = new URL(target);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setHeader('token', token);
    req.setHeader('content-type', types);
    req.end('{"amount":5}');
  });
}

test('400 when Content-Type is given twice, whichever order', async () => {
  const tenant = await createTenant(env.url);
  for (const [first, second] of [
    [JSON_TYPE, 'text/plain'],
    ['text/plain', JSON_TYPE],
  ]) {
    const answer = await postWithTwoContentTypes(`${env.url}/api/v2/createLink`, tenant.token, [
      first!,
      second!,
    ]);
    if (answer.status !== 400) throw new Error(`${first} then ${second}: ${answer.status} ${answer.body}`);
  }
});

test('400 for amounts and shares below a cent or with a hidden third decimal', async () => {
  const tenant = await createTenant(env.url);
  const recipient = await createTenant(env.url);
  for (const amount of [1e-9, 1.000000001, 0.001])
    assertError(
      'createLink',
      await tenant.call('createLink', JSON.stringify({ amount }), { contentType: JSON_TYPE }),
      400,
      'InvalidParameters',
    );
  const split = { amount: 10, recipients: [{ token: recipient.recipientToken, share: 1e-9 }] };
  assertError(
    'createSplitLink',
    await tenant.call('createSplitLink', JSON.stringify(split), { contentType: JSON_TYPE }),
    400,
    'InvalidParameters',
  );
});
