/**
 * How notifications are delivered, against real receivers on loopback: the control answer does not
 * wait for them; a failed attempt is retried by the policy and a 2xx ends it; a redirect is an
 * answer that failed, never followed; an endpoint that never answers times out; an endpoint the
 * sandbox may not send to is logged `not_sent` and never contacted; a redelivery is one more
 * attempt, marked. No assertion depends on how fast anything is: tests wait for states.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { startSandbox } from '../index.ts';
import { assertOk } from '../testing/assertions.ts';
import { createTenant, type TestTenant } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';
import { allAre, assertControlAnswer, deliveriesWhen } from '../testing/webhooks.ts';

// A timeout no loaded machine reaches with a receiver that answers; retries come at once.
const env = useSandbox({ webhooks: { timeoutMs: 60_000, retries: 3, retryDelayMs: 1 } });
const control = () => createControlClient({ baseUrl: env.url });
type Receiver = Awaited<ReturnType<typeof startRecordingServer>>;
const receivers: Receiver[] = [];
after(() => Promise.all(receivers.map((r) => r.close())));

async function receiver(): Promise<Receiver> {
  const started = await startRecordingServer();
  receivers.push(started);
  return started;
}

let owner: TestTenant;
before(async () => {
  await env.ready();
  owner = await createTenant(env.url);
});

async function paidLinkTo(paymentEndpoint: string): Promise<{ id: number; webhooks: string[] }> {
  const created = await owner.call('createLink', { amount: 4.2, payment_endpoint: paymentEndpoint });
  const id = assertOk('createLink', created).data.id;
  return { id, webhooks: (await control().payLink(id)).webhooks };
}

test('the pay answer does not wait for the receiver: the delivery is pending while it holds the request', async () => {
  const holding = await receiver();
  holding.setReply({ status: 200, body: '', delayMs: 3_600_000 });
  const { id } = await paidLinkTo(`${holding.url}/hold`);
  await holding.whenReceived(1);
  const [delivery] = await control().listWebhooks(id);
  assert.deepEqual([delivery!.state, delivery!.attempts], ['pending', []]);
});

test('answered 500 twice, then 200: three attempts, delivered', async () => {
  const flaky = await receiver();
  flaky.setReply(() => (flaky.received.length <= 2 ? jsonReply(500, { error: 'down' }) : jsonReply(200, {})));
  const { id } = await paidLinkTo(`${flaky.url}/flaky`);
  const [delivery] = await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.deepEqual(
    delivery!.attempts.map((a) => [a.attempt, a.status, a.redelivery]),
    [
      [1, 500, false],
      [2, 500, false],
      [3, 200, false],
    ],
  );
  assert.equal(flaky.received.length, 3);
  assert.equal(new Set(flaky.received.map((r) => r.body)).size, 1, 'every attempt sends the same body');
});

test('answered 500 every time: 1 + retries attempts, then failed, and no more', async () => {
  const down = await receiver();
  down.setReply(jsonReply(503, {}));
  const { id } = await paidLinkTo(`${down.url}/down`);
  const [delivery] = await deliveriesWhen(env.url, id, allAre('failed'));
  assert.deepEqual(
    delivery!.attempts.map((a) => a.status),
    [503, 503, 503, 503],
  );
  assert.equal(down.received.length, 4);
});

test('a 302 answer is a failed attempt and is never followed', async () => {
  const redirecting = await receiver();
  redirecting.setReply({ status: 302, body: '', headers: { location: `${redirecting.url}/elsewhere` } });
  const { id } = await paidLinkTo(`${redirecting.url}/moved`);
  const [delivery] = await deliveriesWhen(env.url, id, allAre('failed'));
  assert.deepEqual(
    delivery!.attempts.map((a) => [a.status, a.error]),
    Array(4).fill([302, 'a redirect (302) is not followed']),
  );
  assert.deepEqual(
    redirecting.received.map((r) => r.url),
    Array(4).fill('/moved'),
  );
});

test('a receiver that never answers: each attempt times out, then failed', async () => {
  const silent = await receiver();
  silent.setReply({ status: 200, body: '', delayMs: 3_600_000 });
  const sandbox = await startSandbox({ port: 0, webhooks: { timeoutMs: 20, retries: 1, retryDelayMs: 1 } });
  try {
    const tenant = await createTenant(sandbox.url);
    const created = await tenant.call('createLink', { amount: 1, payment_endpoint: `${silent.url}/silent` });
    const id = assertOk('createLink', created).data.id;
    await createControlClient({ baseUrl: sandbox.url }).payLink(id);
    const [delivery] = await deliveriesWhen(sandbox.url, id, allAre('failed'));
    assert.deepEqual(
      delivery!.attempts.map((a) => [a.attempt, a.status, a.error]),
      [
        [1, undefined, 'timed out: no answer within 20 ms'],
        [2, undefined, 'timed out: no answer within 20 ms'],
      ],
    );
  } finally {
    await sandbox.close();
  }
});

test('an invalid index, a non-URL, a non-http URL or a host not allowed: not_sent with a reason, no connection made', async () => {
  const counting = await receiver();
  const port = counting.port;
  const tenant = await createTenant(env.url, { payment_endpoints: [`${counting.url}/saved`] });
  const endpoint = ['1', '01', 'not a url', `ftp://127.0.0.1:${port}/x`, `http://0.0.0.0:${port}/x`, ''].join(
    ',',
  );
  const created = await tenant.call('createLink', { amount: 1, payment_endpoint: endpoint });
  const id = assertOk('createLink', created).data.id;
  const paid = await control().payLink(id);
  assert.equal(paid.webhooks.length, 6);
  const deliveries = await control().listWebhooks(id);
  assertControlAnswer('get', '/sandbox/webhooks', 200, { data: deliveries });
  assert.deepEqual(
    (await control().listWebhooks(id, 2)).map((d) => d.id),
    deliveries.slice(-2).map((d) => d.id),
    'limit keeps the newest, oldest first',
  );
  const byUrl = Object.fromEntries(deliveries.map((d) => [d.url, [d.state, d.reason, d.attempts.length]]));
  assert.deepEqual(byUrl, {
    '1': ['not_sent', "index 1 names none of the account's 1 saved payment endpoint (0-based)", 0],
    '01': ['not_sent', 'neither an http(s) URL nor an index of a saved payment endpoint', 0],
    'not a url': ['not_sent', 'neither an http(s) URL nor an index of a saved payment endpoint', 0],
    [`ftp://127.0.0.1:${port}/x`]: [
      'not_sent',
      'neither an http(s) URL nor an index of a saved payment endpoint',
      0,
    ],
    [`http://0.0.0.0:${port}/x`]: [
      'not_sent',
      'host 0.0.0.0 is neither loopback nor allowed (startSandbox webhooks.allowHosts, --webhook-allow-host)',
      0,
    ],
    '': ['not_sent', 'an empty item of payment_endpoint', 0],
  });
  // A link of the same account that names the saved endpoint is received: the first made no connection.
  const valid = assertOk('createLink', await tenant.call('createLink', { amount: 1, payment_endpoint: '0' }))
    .data.id;
  await control().payLink(valid);
  await deliveriesWhen(env.url, valid, allAre('delivered'));
  assert.equal(counting.connections(), 1);
  assert.deepEqual(
    counting.received.map((r) => r.url),
    ['/saved'],
  );
  const refused = await control().api.POST('/sandbox/webhooks/{delivery_id}/redeliver', {
    params: { path: { delivery_id: deliveries.find((d) => d.url === '1')!.id } },
  });
  assert.equal(refused.response.status, 409);
  assertControlAnswer('post', '/sandbox/webhooks/{delivery_id}/redeliver', 409, refused.error);
  assert.match(refused.error?.errorMessage ?? '', /was not sent and cannot be: index 1 names none/);
  assert.deepEqual([refused.error?.error, refused.error?.ResponseCode], ['Conflict', 0]);
});

test('a link whose account has no saved endpoint and which names none notifies nobody', async () => {
  const { id, webhooks } = await paidLinkTo('');
  assert.deepEqual(webhooks, []);
  assert.deepEqual(await control().listWebhooks(id), []);
});

test('a redelivery is one more attempt, marked, sent now with the same body', async () => {
  const ok = await receiver();
  const { id, webhooks } = await paidLinkTo(`${ok.url}/again`);
  await deliveriesWhen(env.url, id, allAre('delivered'));
  const again = await control().redeliverWebhook(webhooks[0]!);
  assertControlAnswer('post', '/sandbox/webhooks/{delivery_id}/redeliver', 200, { data: again });
  assert.deepEqual(
    again.attempts.map((a) => [a.attempt, a.status, a.redelivery]),
    [
      [1, 200, false],
      [2, 200, true],
    ],
  );
  assert.equal(again.state, 'delivered');
  assert.equal(ok.received.length, 2);
  assert.equal(ok.received[0]!.body, ok.received[1]!.body);
});

test('a redelivery of a failed delivery that succeeds makes it delivered', async () => {
  const recovering = await receiver();
  recovering.setReply(jsonReply(500, {}));
  const { id, webhooks } = await paidLinkTo(`${recovering.url}/recovers`);
  await deliveriesWhen(env.url, id, allAre('failed'));
  recovering.setReply(jsonReply(200, {}));
  const again = await control().redeliverWebhook(webhooks[0]!);
  assert.equal(again.state, 'delivered');
  assert.deepEqual(again.attempts.at(-1), {
    attempt: 5,
    at: again.attempts.at(-1)!.at,
    status: 200,
    latency_ms: again.attempts.at(-1)!.latency_ms,
    redelivery: true,
  });
});

test('redelivering an unknown id is 404 in the error body', async () => {
  for (const id of ['wh_999999999', 'nope']) {
    const answer = await fetch(`${env.url}/sandbox/webhooks/${id}/redeliver`, { method: 'POST' });
    assert.equal(answer.status, 404);
    const body = (await answer.json()) as { error: string; errorMessage: string };
    assert.equal(body.error, 'NotFound');
    assert.equal(body.errorMessage, `No webhook delivery ${id}`);
  }
});

test('the delivery log refuses a query it cannot read (400) and a method other than GET (405)', async () => {
  for (const [query, message] of [
    ['link_id=abc', "link_id must be a link's id, a whole number from 1"],
    ['link_id=0', "link_id must be a link's id, a whole number from 1"],
    ['link_id=1&link_id=2', 'link_id is given more than once'],
    ['since=5', 'unknown query parameter since: the only ones are link_id and limit'],
    ['limit=0', 'limit must be a whole number from 1 to 1000'],
    ['limit=1001', 'limit must be a whole number from 1 to 1000'],
    ['limit=01', 'limit must be a whole number from 1 to 1000'],
    ['limit=1&limit=2', 'limit is given more than once'],
  ]) {
    const answer = await fetch(`${env.url}/sandbox/webhooks?${query}`);
    assert.equal(answer.status, 400, query);
    const body = (await answer.json()) as { error: string; errorMessage: string };
    assertControlAnswer('get', '/sandbox/webhooks', 400, body);
    assert.deepEqual([body.error, body.errorMessage], ['InvalidParameters', message]);
  }
  const posted = await fetch(`${env.url}/sandbox/webhooks`, { method: 'POST' });
  assert.deepEqual([posted.status, posted.headers.get('allow')], [405, 'GET']);
  const refused = (await posted.json()) as { error: string; ResponseCode: number };
  assertControlAnswer('get', '/sandbox/webhooks', 405, refused);
  assert.deepEqual([refused.error, refused.ResponseCode], ['MethodNotAllowed', 0]);
});

test('the delivery log lists the newest 100 deliveries unless `limit` says otherwise, oldest first', async () => {
  const { id, webhooks } = await paidLinkTo(Array(150).fill('x').join(','));
  assert.equal(webhooks.length, 150);
  const listed = async (query: string) => {
    const answer = await fetch(`${env.url}/sandbox/webhooks?${query}`);
    assert.equal(answer.status, 200, query);
    const body = (await answer.json()) as { data: { id: string }[] };
    assertControlAnswer('get', '/sandbox/webhooks', 200, body);
    return body.data.map((d) => d.id);
  };
  assert.deepEqual(await listed(`link_id=${id}`), webhooks.slice(-100));
  assert.deepEqual(await listed(`link_id=${id}&limit=1000`), webhooks);
  assert.deepEqual(await listed(`limit=3&link_id=${id}`), webhooks.slice(-3));
  assert.deepEqual(await listed('limit=2'), webhooks.slice(-2));
});
