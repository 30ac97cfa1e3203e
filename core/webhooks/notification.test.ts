import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptNotificationText } from './encryption.ts';
import { encodeNotification, type PaymentNotification } from './notification.ts';
import { readNotification } from './readNotification.ts';

const paid: PaymentNotification = {
  event: 'paid',
  payId: 1466,
  userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  amountCents: 1999,
  note: 'Order #7 & co',
};
const cancelled: PaymentNotification = { ...paid, event: 'cancelled' };
const key = '0123456789abcdefghijklmnopqrstuv';

test("form: data[...] keys as SecPaid's plugin parses them, money as decimal text", () => {
  const { contentType, body } = encodeNotification(paid, { format: 'form' });
  assert.equal(contentType, 'application/x-www-form-urlencoded');
  const fields = Object.fromEntries(new URLSearchParams(body));
  assert.deepEqual(fields, {
    ResponseCode: '1',
    'data[pay_id]': '1466',
    'data[note]': 'Order #7 & co',
    'data[amount]': '19.99',
    'data[user_id]': paid.userId,
    'data[status]': 'success',
  });
});

test('json: a nested data object, amount a number, status lowercase', () => {
  const { contentType, body } = encodeNotification(cancelled, { format: 'json' });
  assert.equal(contentType, 'application/json');
  assert.deepEqual(JSON.parse(body), {
    ResponseCode: 1,
    data: { pay_id: 1466, note: 'Order #7 & co', amount: 19.99, user_id: paid.userId, status: 'cancel' },
  });
});

test("json-bracketed: the how-to's literal example, data[Status] on cancel", () => {
  const paidBody = JSON.parse(encodeNotification(paid, { format: 'json-bracketed' }).body);
  const cancelBody = JSON.parse(encodeNotification(cancelled, { format: 'json-bracketed' }).body);
  assert.equal(paidBody['data[status]'], 'success');
  assert.equal(cancelBody['data[Status]'], 'cancel');
  assert.equal(cancelBody['data[status]'], undefined);
});

test('encrypted: {"data": base64} of the JSON notification, whatever the format asked', () => {
  for (const format of ['form', 'json'] as const) {
    const { contentType, body } = encodeNotification(paid, { format, encryptionKey: key });
    assert.equal(contentType, 'application/json');
    const envelope = JSON.parse(body);
    assert.deepEqual(Object.keys(envelope), ['data']);
    assert.deepEqual(
      JSON.parse(decryptNotificationText(envelope.data, key)),
      JSON.parse(encodeNotification(paid, { format: 'json' }).body),
    );
  }
});

test('readNotification reads every encoding back to the same fields', () => {
  const expected = { responseCode: 1, payId: 1466, userId: paid.userId, status: 'cancel' };
  for (const [format, encryptionKey] of [
    ['form', undefined],
    ['json', undefined],
    ['json-bracketed', undefined],
    ['json', key],
  ] as const) {
    const sent = encodeNotification(cancelled, { format, encryptionKey });
    const read = readNotification(sent.contentType, sent.body, key);
    assert.ok(read.ok, `${format}: ${read.ok ? '' : read.problem}`);
    const { fields } = read.value;
    const got = {
      responseCode: Number(fields.responseCode),
      payId: Number(fields.payId),
      userId: fields.userId,
      status: fields.status,
    };
    assert.deepEqual(got, expected, format);
    assert.equal(read.value.encrypted, encryptionKey !== undefined);
    assert.equal(read.value.format, format);
  }
});

test('readNotification names what it cannot read', () => {
  const encrypted = encodeNotification(paid, { format: 'json', encryptionKey: key });
  const cases: [string | undefined, string, string | undefined, RegExp][] = [
    ['text/plain', 'x', undefined, /neither JSON nor a form/],
    [undefined, 'x', undefined, /\(none\)/],
    ['application/json', '{', undefined, /not JSON/],
    ['application/json', '[1]', undefined, /not an object/],
    [encrypted.contentType, encrypted.body, undefined, /no encryption key/],
    [encrypted.contentType, encrypted.body, 'vutsrqponmlkjihgfedcba9876543210', /decrypt|UTF-8/],
    ['application/x-www-form-urlencoded', 'ResponseCode=1&ResponseCode=1', undefined, /more than once/],
  ];
  for (const [type, body, k, problem] of cases) {
    const read = readNotification(type, body, k);
    assert.equal(read.ok, false, body);
    if (!read.ok) assert.match(read.problem, problem);
  }
});
