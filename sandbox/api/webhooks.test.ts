/**
 * What a paid or cancelled link sends to its payment endpoints, read by a real receiver on loopback
 * with the one notification reader (core/webhooks/readNotification.ts): the form by default, JSON
 * for a JSON account, encrypted under the link's key or the account's, one POST per endpoint of a
 * comma-separated mix, nothing for a deletion, the owner alone (with the whole amount) for a split link.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { startRecordingServer } from '../../client/recordingServer.ts';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import { assertOk } from '../testing/assertions.ts';
import { createTenant, type TestTenant } from '../testing/control.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';
import { allAre, assertControlAnswer, deliveriesWhen } from '../testing/webhooks.ts';

// Generous, so that a loaded machine never turns an answer into a timeout and a retry.
const env = useSandbox({ webhooks: { timeoutMs: 60_000, retryDelayMs: 1 } });
let receiver: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  receiver = await startRecordingServer();
});
after(() => receiver.close());

const control = () => createControlClient({ baseUrl: env.url });

async function createLink(owner: TestTenant, fields: Record<string, unknown>): Promise<number> {
  return assertOk('createLink', await owner.call('createLink', fields)).data.id;
}

/** The requests received for `path`, once `count` of them have come. */
async function receivedAt(path: string, count: number) {
  for (;;) {
    const found = receiver.received.filter((r) => r.url === path);
    if (found.length >= count) return found;
    await receiver.whenReceived(receiver.received.length + 1);
  }
}

test('a paid link POSTs the form notification to the saved endpoint: every field, the headers, delivered', async () => {
  const owner = await createTenant(env.url, { payment_endpoints: [`${receiver.url}/paid-form`] });
  const id = await createLink(owner, { amount: '19.99', recipient_note: 'Invoice #7 & co' });
  const paid = await control().payLink(id);
  assert.equal(paid.webhooks.length, 1);
  assertControlAnswer('post', '/sandbox/links/{link_id}/pay', 200, { data: paid });

  const [request] = await receivedAt('/paid-form', 1);
  assert.equal(request!.method, 'POST');
  assert.equal(request!.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(request!.headers.accept, 'application/json');
  assert.equal(request!.headers['user-agent'], 'SecPaid-Sandbox-Webhooks/1');
  const read = readNotification(request!.headers['content-type'], request!.body);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  assert.equal(read.value.format, 'form');
  assert.equal(read.value.encrypted, false);
  assert.deepEqual(read.value.fields, {
    responseCode: '1',
    payId: String(id),
    amount: '19.99',
    userId: owner.userId,
    note: 'Invoice #7 & co',
    status: 'success',
  });

  const [delivery] = await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.equal(delivery!.id, paid.webhooks[0]);
  assert.deepEqual(
    [delivery!.event, delivery!.url, delivery!.content_type, delivery!.body, delivery!.encrypted],
    ['paid', `${receiver.url}/paid-form`, 'application/x-www-form-urlencoded', request!.body, false],
  );
  assert.deepEqual(
    delivery!.attempts.map((a) => [a.attempt, a.status, a.redelivery, a.error]),
    [[1, 200, false, undefined]],
  );
  assertControlAnswer('get', '/sandbox/webhooks', 200, { data: [delivery] });
});

test("a cancelled link notifies the link's own URL with status cancel", async () => {
  const owner = await createTenant(env.url);
  const id = await createLink(owner, { amount: 5, payment_endpoint: `${receiver.url}/cancelled` });
  const cancelled = await control().cancelLink(id);
  assert.equal(cancelled.webhooks.length, 1);
  const [request] = await receivedAt('/cancelled', 1);
  const read = readNotification(request!.headers['content-type'], request!.body);
  assert.ok(read.ok);
  assert.deepEqual(
    [read.value.fields.payId, read.value.fields.amount, read.value.fields.status, read.value.fields.note],
    [String(id), '5.00', 'cancel', ''],
  );
  const [delivery] = await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.equal(delivery!.event, 'cancelled');
});

test('an account with webhook_format json gets the nested JSON notification', async () => {
  const owner = await createTenant(env.url, {
    payment_endpoints: [`${receiver.url}/json`],
    webhook_format: 'json',
  });
  const id = await createLink(owner, { amount: '0.07', recipient_note: 'Ümlaut' });
  await control().payLink(id);
  const [request] = await receivedAt('/json', 1);
  assert.equal(request!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(request!.body), {
    ResponseCode: 1,
    data: { pay_id: id, note: 'Ümlaut', amount: 0.07, user_id: owner.userId, status: 'success' },
  });
});

test("encrypted under the link's own key when the link asks, and only that key opens it", async () => {
  const linkKey = 'LLLLLLLLLLLLLLLL!"#$%&()*+,-./:;';
  const owner = await createTenant(env.url);
  const id = await createLink(owner, {
    amount: 12,
    payment_endpoint: `${receiver.url}/link-key`,
    is_encryption: 'true',
    encryption_key: linkKey,
  });
  await control().payLink(id);
  const [request] = await receivedAt('/link-key', 1);
  assert.equal(request!.headers['content-type'], 'application/json');
  const read = readNotification(request!.headers['content-type'], request!.body, linkKey);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  assert.equal(read.value.encrypted, true);
  assert.deepEqual(read.value.payload, {
    ResponseCode: 1,
    data: { pay_id: id, note: '', amount: 12, user_id: owner.userId, status: 'success' },
  });
  assert.equal(
    readNotification(request!.headers['content-type'], request!.body, owner.encryptionKey).ok,
    false,
  );
  const [delivery] = await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.equal(delivery!.encrypted, true);
});

test("an encrypting account's key encrypts its links' notifications, unless a link says false", async () => {
  const accountKey = 'k3y-0f-th3-acc0unt-32-characters';
  const owner = await createTenant(env.url, {
    payment_endpoints: [`${receiver.url}/account-key`],
    is_encryption: true,
    encryption_key: accountKey,
  });
  assert.equal(owner.encryptionKey, accountKey);
  const encrypted = await createLink(owner, { amount: 3 });
  await control().payLink(encrypted);
  const [first] = await receivedAt('/account-key', 1);
  const read = readNotification(first!.headers['content-type'], first!.body, accountKey);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  assert.deepEqual([read.value.encrypted, read.value.fields.payId], [true, encrypted]);

  const plain = await createLink(owner, { amount: 3, is_encryption: 'false' });
  await control().payLink(plain);
  const [, second] = await receivedAt('/account-key', 2);
  const readPlain = readNotification(second!.headers['content-type'], second!.body);
  assert.ok(readPlain.ok);
  assert.deepEqual([readPlain.value.format, readPlain.value.fields.payId], ['form', String(plain)]);
});

test('a comma-separated mix of indexes and a URL notifies each endpoint once, in its order', async () => {
  const owner = await createTenant(env.url, {
    payment_endpoints: [`${receiver.url}/mix-a`, `${receiver.url}/mix-b`],
  });
  const id = await createLink(owner, { amount: 1, payment_endpoint: ` 1 ,${receiver.url}/mix-c, 0` });
  const paid = await control().payLink(id);
  assert.equal(paid.webhooks.length, 3);
  for (const path of ['/mix-a', '/mix-b', '/mix-c']) assert.equal((await receivedAt(path, 1)).length, 1);
  const deliveries = await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.deepEqual(
    deliveries.map((d) => [d.id, d.url]),
    [
      [paid.webhooks[0], `${receiver.url}/mix-b`],
      [paid.webhooks[1], `${receiver.url}/mix-c`],
      [paid.webhooks[2], `${receiver.url}/mix-a`],
    ],
  );
});

test('without payment_endpoint a link notifies every saved endpoint', async () => {
  const owner = await createTenant(env.url, {
    payment_endpoints: [`${receiver.url}/all-1`, `${receiver.url}/all-2`],
  });
  const id = await createLink(owner, { amount: 1 });
  assert.equal((await control().payLink(id)).webhooks.length, 2);
  for (const path of ['/all-1', '/all-2']) assert.equal((await receivedAt(path, 1)).length, 1);
});

test('a split link notifies its owner alone, with the whole amount', async () => {
  const owner = await createTenant(env.url, { payment_endpoints: [`${receiver.url}/split-owner`] });
  const recipient = await createTenant(env.url, { payment_endpoints: [`${receiver.url}/split-recipient`] });
  const created = await owner.call('createSplitLink', {
    amount: 80,
    recipients: [{ token: recipient.recipientToken, share: 25 }],
  });
  const id = assertOk('createSplitLink', created).data.id;
  const paid = await control().payLink(id);
  assert.equal(paid.pay_ins?.length, 2);
  assert.equal(paid.webhooks.length, 1);
  const [request] = await receivedAt('/split-owner', 1);
  const read = readNotification(request!.headers['content-type'], request!.body);
  assert.ok(read.ok);
  assert.deepEqual([read.value.fields.userId, read.value.fields.amount], [owner.userId, '80.00']);
  await deliveriesWhen(env.url, id, allAre('delivered'));
  assert.deepEqual(
    receiver.received.filter((r) => r.url === '/split-recipient'),
    [],
  );
});

test('a deleted link notifies nobody', async () => {
  const owner = await createTenant(env.url, { payment_endpoints: [`${receiver.url}/deleted`] });
  const id = await createLink(owner, { amount: 1 });
  assertOk('deleteLink', await owner.call('deleteLink', { link_id: id }));
  // A delivery is logged when it is planned, before anything is sent: none was.
  assert.deepEqual(await control().listWebhooks(id), []);
  const other = await createLink(owner, { amount: 2 });
  await control().payLink(other);
  await deliveriesWhen(env.url, other, allAre('delivered'));
  const payIds = receiver.received
    .filter((r) => r.url === '/deleted')
    .map((r) => {
      const read = readNotification(r.headers['content-type'], r.body);
      return read.ok ? read.value.fields.payId : read.problem;
    });
  assert.deepEqual(payIds, [String(other)]);
});
