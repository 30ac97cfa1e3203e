import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox } from '../sandbox/index.ts';
import { ControlCallError, createControlClient } from './controlClient.ts';
import type { SecPaidExchange } from './exchange.ts';
import { startRedirectTrap } from './redirectTrap.ts';
import { createSecPaidClient } from './secpaidClient.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

test('the named calls answer the data of a 200: a tenant whose key the API takes, a paid link', async () => {
  const exchanges: SecPaidExchange[] = [];
  const control = createControlClient({ baseUrl: sandbox.url, onExchange: (e) => void exchanges.push(e) });
  const tenant = await control.createTenant();
  const api = createSecPaidClient({ baseUrl: sandbox.url, token: tenant.token });
  const created = await api.createLink({ amount: 5 });
  assert.ok(created.ok, created.bodyText);
  const paid = await control.payLink(created.body.data.id);
  assert.deepEqual([paid.link_id, paid.status, paid.pay_ins?.length], [created.body.data.id, 'Used', 1]);
  assert.deepEqual(
    exchanges.map((e) => [e.request.method, new URL(e.request.url).pathname, e.response?.status]),
    [
      ['POST', '/sandbox/tenants', 200],
      ['POST', `/sandbox/links/${created.body.data.id}/pay`, 200],
    ],
  );
});

test("the delivery log: every delivery without a link, one link's with it; an unknown delivery is a 404", async () => {
  const control = createControlClient({ baseUrl: sandbox.url });
  const tenant = await control.createTenant({ payment_endpoints: ['http://192.0.2.1/hook'] });
  const api = createSecPaidClient({ baseUrl: sandbox.url, token: tenant.token });
  const created = await api.createLink({ amount: 5 });
  assert.ok(created.ok, created.bodyText);
  const paid = await control.payLink(created.body.data.id);
  const mine = await control.listWebhooks(created.body.data.id);
  assert.deepEqual(
    mine.map((d) => [d.id, d.state]),
    [[paid.webhooks[0], 'not_sent']],
  );
  assert.ok((await control.listWebhooks()).some((d) => d.id === paid.webhooks[0]));
  await assert.rejects(control.redeliverWebhook('wh_999999999'), (error: unknown) => {
    assert.ok(error instanceof ControlCallError);
    assert.equal(error.status, 404);
    return true;
  });
});

test('a named call that is refused throws with the status and what the sandbox said', async () => {
  const control = createControlClient({ baseUrl: sandbox.url });
  await assert.rejects(control.payLink(999_999_999), (error: unknown) => {
    assert.ok(error instanceof ControlCallError);
    assert.equal(error.status, 404);
    assert.match(error.message, /^control API POST \/sandbox\/links\/999999999\/pay answered 404: \w+: /);
    return true;
  });
});

test('api answers every status, typed, and is observed too', async () => {
  const exchanges: SecPaidExchange[] = [];
  const control = createControlClient({ baseUrl: sandbox.url, onExchange: (e) => void exchanges.push(e) });
  const { response, error } = await control.api.POST('/sandbox/faults', { body: { status: 404 } });
  assert.equal(response.status, 400);
  assert.equal(typeof error?.error, 'string');
  assert.equal(exchanges.length, 1);
  assert.equal(exchanges[0]?.request.body, '{"status":404}');
  assert.equal(exchanges[0]?.response?.status, 400);
});

test('a redirect is refused as such, never followed to the other host', async () => {
  const trap = await startRedirectTrap();
  try {
    const control = createControlClient({ baseUrl: trap.url });
    await assert.rejects(control.createTenant(), /answered 307: a redirect .* not followed/);
    assert.deepEqual(trap.leaked(), []);
  } finally {
    await trap.close();
  }
});
