import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formText } from '../../core/formBody.ts';
import { apiDocument } from '../../core/spec.ts';
import {
  encodeNotification,
  type NotificationFormat,
  notificationFormFields,
  type PaymentNotification,
} from '../../core/webhooks/notification.ts';
import { type ExpectedNotification, fieldRule, judgeNotification } from './judgeNotification.ts';
import type { ReceivedRequest } from './receiver.ts';

const key = 'k3Y-0123456789_abcdefghijklmnopq';
const paid: PaymentNotification = {
  event: 'paid',
  payId: 1466,
  userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  amountCents: 2550,
  note: '[run:x] webhooks m1',
};
const expected: ExpectedNotification = { ...paid };

function arrived(contentType: string | undefined, body: string, method = 'POST'): ReceivedRequest {
  return {
    seq: 1,
    at: '2026-05-04T10:15:02.120Z',
    method,
    path: '/notify/1-ab',
    target: '/notify/1-ab',
    headers: contentType ? { 'Content-Type': contentType } : {},
    ...(contentType ? { contentType } : {}),
    body,
    bodyBytes: Buffer.byteLength(body),
    answered: 200,
  };
}

function sent(n: PaymentNotification, format: NotificationFormat, encryptionKey?: string): ReceivedRequest {
  const { contentType, body } = encodeNotification(n, {
    format,
    ...(encryptionKey ? { encryptionKey } : {}),
  });
  return arrived(contentType, body);
}

const checks = (verdict: ReturnType<typeof judgeNotification>) => verdict.failures.map((f) => f.check);

test('a notification as the spec says, in each documented encoding, passes every check', () => {
  for (const format of ['form', 'json'] as const) {
    const verdict = judgeNotification(sent(paid, format), expected);
    assert.deepEqual(verdict.failures, [], format);
  }
  const cancelled = judgeNotification(sent({ ...paid, event: 'cancelled' }, 'form'), {
    ...expected,
    event: 'cancelled',
  });
  assert.deepEqual(cancelled.failures, []);
  const encrypted = judgeNotification(sent(paid, 'form', key), { ...expected, encryptionKey: key });
  assert.deepEqual(encrypted.failures, []);
  assert.equal(encrypted.mediaType, 'application/json');
});

test('another link, amount, owner, note or status is each named by its check', () => {
  const wrong = { ...paid, payId: 1467, amountCents: 2512, userId: 'a44c4429-4a7b-4e27-85af-c1c2f43f4ffe' };
  const verdict = judgeNotification(sent({ ...wrong, event: 'cancelled', note: 'other' }, 'json'), expected);
  assert.deepEqual(checks(verdict), [
    'notificationLink',
    'notificationAmount',
    'notificationUser',
    'notificationStatus',
    'notificationNote',
  ]);
  const amount = verdict.failures.find((f) => f.check === 'notificationAmount')!;
  assert.equal(amount.message, "data.amount: received 25.12 / expected 25.50 (the link's whole amount)");
  assert.equal(amount.signature, "data.amount: received an amount other than the link's");
  const form = judgeNotification(sent({ ...paid, amountCents: 2512 }, 'form'), expected);
  assert.match(form.failures[0]?.message ?? '', /received "25\.12" \/ expected 25\.50/);
});

test('the schema of the media type it came as: a missing field is the schema’s, with its rule', () => {
  const fields = notificationFormFields(paid).filter(([name]) => name !== 'data[pay_id]');
  const verdict = judgeNotification(arrived('application/x-www-form-urlencoded', formText(fields)), expected);
  assert.deepEqual(checks(verdict), ['notificationSchema'], 'the missing pay_id is not compared as well');
  assert.match(verdict.failures[0]!.message, /data\[pay_id\]/);
  assert.match(verdict.failures[0]!.schemaPath ?? '', /^#\/required/);
  const bracketed = judgeNotification(sent(paid, 'json-bracketed'), expected);
  assert.ok(checks(bracketed).includes('notificationSchema'), 'the how-to’s bracketed JSON is not valid');
});

test('encryption: a plain body where it was asked fails, and so does an encrypted one where it was not', () => {
  const plain = judgeNotification(sent(paid, 'form'), { ...expected, encryptionKey: key });
  assert.deepEqual(checks(plain), ['notificationEncrypted']);
  assert.match(
    plain.failures[0]!.message,
    /received a plain form notification \/ expected \{"data": "<base64>"\}/,
  );
  const unasked = judgeNotification(sent(paid, 'form', key), expected);
  assert.deepEqual(checks(unasked), ['notificationEncrypted']);
  const otherKey = judgeNotification(sent(paid, 'form', key.replace('k', 'K')), {
    ...expected,
    encryptionKey: key,
  });
  assert.deepEqual(checks(otherKey), ['notificationReadable']);
  assert.match(otherKey.failures[0]!.message, /does not decrypt under this key/);
});

test('not a POST, no notification at all, a body cut at the cap', () => {
  assert.deepEqual(
    checks(
      judgeNotification(
        arrived('application/x-www-form-urlencoded', formText(notificationFormFields(paid)), 'PUT'),
        expected,
      ),
    ),
    ['notificationMethod'],
  );
  assert.deepEqual(checks(judgeNotification(arrived('text/plain', 'paid'), expected)), [
    'notificationReadable',
  ]);
  assert.deepEqual(checks(judgeNotification(arrived(undefined, ''), expected)), ['notificationReadable']);
  const cut = {
    ...arrived('application/json', '{"a":'),
    bodyBytes: 2_000_000,
    bodyCut: '65536 of 2000000 bytes kept',
  };
  assert.deepEqual(checks(judgeNotification(cut, expected)), ['notificationBodyBounded']);
});

test('a field check names its rule in the schema of the media type it came as', () => {
  const verdict = judgeNotification(sent({ ...paid, amountCents: 2512 }, 'json'), expected);
  assert.equal(verdict.failures[0]?.schemaPath, '#/oneOf/0/properties/data/properties/amount');
  for (const mediaType of ['application/x-www-form-urlencoded', 'application/json'])
    for (const field of ['pay_id', 'amount', 'user_id', 'status', 'note'] as const) {
      const schema = `/webhooks/paymentNotification/post/requestBody/content/${mediaType.replace('/', '~1')}/schema`;
      let node: unknown = apiDocument;
      for (const key of `${schema}${fieldRule(mediaType, field).slice(1)}`.split('/').slice(1))
        node = (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/')];
      assert.ok(node, `${mediaType} ${field}: no rule at ${fieldRule(mediaType, field)}`);
    }
});
