/**
 * webhooks: the payment notifications the server sends to a link's `payment_endpoint`. Each test
 * makes a link whose endpoints are paths of this process's loopback receiver, does one thing to it
 * through the control API (pay, cancel) or the API (delete, nothing at all), and holds what arrives
 * against the spec's webhook request schema and against the link: its pay_id, amount in cents,
 * owner's user_id, note, and the event's status; exactly one per event per endpoint, none where
 * nothing happened. The tests run at once (their waits overlap); the last one counts every endpoint
 * again, so a duplicate that came late is still caught.
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import { centsFromAmount } from '../../core/money.ts';
import { aLink } from '../../core/testing/links.ts';
import { aNote } from '../../core/testing/notes.ts';
import type { WebhookEvent } from '../../core/webhooks/notification.ts';
import { aCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import type { TestOptions } from '../harness/contractSuite.ts';
import { currentTest } from '../harness/currentTest.ts';
import { cancelled, paid } from '../harness/fixtures.ts';
import {
  anEndpoint,
  type Endpoint,
  expectNone,
  expectNoneLate,
  expectNotified,
  startNotificationReceiver,
} from '../harness/notifications.ts';
import { recordEncryptionKey } from '../harness/recorder.ts';
import type { Caller } from '../harness/send.ts';
import { webhookSuite } from '../harness/webhookSuite.ts';
import type { ExpectedNotification } from '../webhooks/judgeNotification.ts';

const suite = webhookSuite();
const notifies: TestOptions = {
  needs: ['writes', 'control', 'receiver'],
  because: 'needs to pay and cancel links and to receive their notifications',
};

await startNotificationReceiver();

/** 32 characters of base64url: printable ASCII that no URL or form encoding changes. */
const anEncryptionKey = () => randomBytes(24).toString('base64url');

/**
 * A link that notifies `targets`, and what its notification must say for an event; `createdIn` is
 * the createLink exchange (it shows the payment_endpoint sent), the evidence when nothing arrives.
 */
async function notifyingLink(
  caller: Caller,
  targets: Endpoint[],
  amount: number,
  encryptionKey?: string,
): Promise<{
  id: number;
  createdIn: string | undefined;
  expect: (event: WebhookEvent) => ExpectedNotification;
}> {
  if (encryptionKey) recordEncryptionKey(encryptionKey);
  const note = aNote('webhooks');
  const link = await api.createLink(
    caller,
    aLink({
      amount,
      recipient_note: note,
      payment_endpoint: targets.map((t) => t.url).join(','),
      ...(encryptionKey ? { is_encryption: 'true', encryption_key: encryptionKey } : {}),
    }),
  );
  return {
    id: link.id,
    createdIn: currentTest.getStore()?.lastExchange,
    expect: (event) => ({
      event,
      payId: link.id,
      userId: caller.userId ?? link.user_id,
      amountCents: centsFromAmount(amount),
      note,
      ...(encryptionKey ? { encryptionKey } : {}),
    }),
  };
}

describe('notifications', { concurrency: true }, () => {
  suite.test(
    'paid',
    "paying a link notifies its endpoint once, status success, the link's fields",
    notifies,
    async () => {
      const endpoint = anEndpoint();
      const link = await notifyingLink(await aCaller(), [endpoint], 25.5);
      await paid(link);
      await expectNotified('paid', [endpoint], link.expect('paid'), link.createdIn);
    },
  );

  suite.test(
    'cancelled',
    'cancelling a link notifies its endpoint once, status cancel',
    notifies,
    async () => {
      const endpoint = anEndpoint();
      const link = await notifyingLink(await aCaller(), [endpoint], 42.1);
      await cancelled(link);
      await expectNotified('cancelled', [endpoint], link.expect('cancelled'), link.createdIn);
    },
  );

  suite.test(
    'encrypted',
    'a link with is_encryption "true" notifies {"data": base64} that decrypts under its key',
    notifies,
    async () => {
      const endpoint = anEndpoint();
      const link = await notifyingLink(await aCaller(), [endpoint], 19.99, anEncryptionKey());
      await paid(link);
      await expectNotified('encrypted', [endpoint], link.expect('paid'), link.createdIn);
    },
  );

  suite.test(
    'severalEndpoints',
    'a payment_endpoint of two comma-separated URLs: one notification on each',
    notifies,
    async () => {
      const endpoints = [anEndpoint(), anEndpoint()];
      const link = await notifyingLink(await aCaller(), endpoints, 7.05);
      await paid(link);
      await expectNotified('severalEndpoints', endpoints, link.expect('paid'), link.createdIn);
    },
  );

  suite.test('noneOnDelete', 'deleting a link notifies nobody', notifies, async () => {
    const caller = await aCaller();
    const endpoint = anEndpoint();
    const link = await notifyingLink(caller, [endpoint], 12);
    await api.deleteLink(caller, link.id);
    await expectNone(
      'noneOnDelete',
      endpoint,
      link.id,
      'deleting a link notifies nobody',
      currentTest.getStore()?.lastExchange,
    );
  });

  suite.test('noneUnpaid', 'a link never paid notifies nobody', notifies, async () => {
    const endpoint = anEndpoint();
    const link = await notifyingLink(await aCaller(), [endpoint], 3.3);
    await expectNone('noneUnpaid', endpoint, link.id, 'the link was never paid', link.createdIn);
  });
});

suite.test(
  'exactlyOnce',
  'at the end of the suite, no endpoint holds more notifications than its events',
  notifies,
  async () => {
    await expectNoneLate('exactlyOnce');
  },
);
