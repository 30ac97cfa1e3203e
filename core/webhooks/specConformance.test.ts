/**
 * The encoder (notification.ts) and the spec's `webhooks: paymentNotification` agree: every body the
 * sandbox may send validates against the schema of its content type, and what the spec rules out
 * (the how-to's bracketed JSON, `Success`, a missing `data[pay_id]`, three decimals, money as text
 * in JSON) does not. The spec's encrypted example is a real ciphertext under its documented key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiDocument } from '../spec.ts';
import { describeErrors, webhookValidator } from '../validators.ts';
import { decryptNotificationText, encryptNotificationText } from './encryption.ts';
import {
  encodeNotification,
  formContentType,
  jsonContentType,
  notificationObject,
  type PaymentNotification,
  webhookEvents,
} from './notification.ts';
import { readNotification } from './readNotification.ts';

const userId = 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe';
/** Characters that mean something in a form, in JSON or in a URL: the key must survive all three. */
const key = 'A&b#C=d+E/f%G"h\\I~j!K@l$M^n*O(p)';
const notes = ['Invoice #1234 & co: 19 € = 100 %', '', '#', '&', '€'];
const amounts = [1, 1999, 10_000, 99_999_999];

function conforms(contentType: string, document: unknown): { ok: boolean; problems: string } {
  const validate = webhookValidator('paymentNotification', contentType);
  assert.ok(validate, `the spec documents no ${contentType} body for paymentNotification`);
  const ok = validate(document) as boolean;
  return { ok, problems: describeErrors(validate.errors) };
}

/** The body as the receiver reads it (a form's fields, or the JSON value). */
function sent(n: PaymentNotification, how: Parameters<typeof encodeNotification>[1]) {
  const { contentType, body } = encodeNotification(n, how);
  const read = readNotification(contentType, body, how.encryptionKey);
  assert.ok(read.ok, read.ok ? '' : read.problem);
  return { contentType, ...read.value };
}

function* everyNotification(): Generator<PaymentNotification> {
  for (const event of webhookEvents)
    for (const note of notes)
      for (const amountCents of amounts) yield { event, payId: 1466, userId, amountCents, note };
}

test('every form, JSON and encrypted notification the sandbox may send conforms to the spec', () => {
  let checked = 0;
  for (const n of everyNotification()) {
    for (const how of [
      { format: 'form' },
      { format: 'json' },
      { format: 'form', encryptionKey: key },
    ] as const) {
      const body = sent(n, how);
      const where = `${n.event} ${how.format}${how.encryptionKey ? ' encrypted' : ''} note ${JSON.stringify(n.note)} ${n.amountCents} ct`;
      const document = conforms(body.contentType, body.document);
      assert.ok(document.ok, `${where}: ${document.problems}`);
      if (body.encrypted) {
        const plain = conforms(jsonContentType, body.payload);
        assert.ok(plain.ok, `${where}, decrypted: ${plain.problems}`);
      }
      checked++;
    }
  }
  assert.equal(checked, webhookEvents.length * notes.length * amounts.length * 3);
});

test("the how-to's bracket-keyed JSON does not conform, for either event", () => {
  for (const event of webhookEvents) {
    const body = sent(
      { event, payId: 1466, userId, amountCents: 10_000, note: '' },
      { format: 'json-bracketed' },
    );
    assert.equal(body.format, 'json-bracketed');
    assert.equal(conforms(jsonContentType, body.document).ok, false, event);
  }
});

const paidForm = (): Record<string, string> =>
  sent({ event: 'paid', payId: 1466, userId, amountCents: 1999, note: 'x' }, { format: 'form' })
    .document as Record<string, string>;

test('a form that breaks the spec fails it, naming the field', () => {
  // Each case: fields to set (undefined removes one), and what the validator must say.
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['status Success', { 'data[status]': 'Success' }, /data\[status\] must be equal to one of/],
    [
      "the how-to's data[Status] key",
      { 'data[status]': undefined, 'data[Status]': 'cancel' },
      /data\[status\] is required/,
    ],
    ['no data[pay_id]', { 'data[pay_id]': undefined }, /data\[pay_id\] is required/],
    ['amount with three decimals', { 'data[amount]': '19.999' }, /data\[amount\] must match pattern/],
    ['amount with one decimal', { 'data[amount]': '19.9' }, /data\[amount\] must match pattern/],
    ['ResponseCode 0', { ResponseCode: '0' }, /ResponseCode must be equal to constant/],
  ];
  for (const [what, changes, expected] of cases) {
    const form = paidForm();
    assert.ok(conforms(formContentType, form).ok, 'the unspoilt form conforms');
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) delete form[name];
      else form[name] = value;
    }
    const result = conforms(formContentType, form);
    assert.equal(result.ok, false, what);
    assert.match(result.problems, expected, what);
  }
});

test('JSON that breaks the spec fails it: money or pay_id as text, Success, data neither object nor base64', () => {
  const paid = notificationObject({ event: 'paid', payId: 1466, userId, amountCents: 1999, note: '' });
  assert.ok(conforms(jsonContentType, paid).ok);
  const spoilt = [
    { ...paid, data: { ...paid.data, amount: '19.99' } },
    { ...paid, data: { ...paid.data, status: 'Success' } },
    { ...paid, data: { ...paid.data, pay_id: '1466' } },
    { ...paid, ResponseCode: '1' },
    { data: 'not base64!' },
    { data: '' },
  ];
  for (const document of spoilt)
    assert.equal(conforms(jsonContentType, document).ok, false, JSON.stringify(document));
});

type Example = { value: unknown; 'x-encryption-key'?: string };
const jsonExamples = (
  apiDocument.webhooks.paymentNotification!.post!.requestBody!.content[jsonContentType] as unknown as {
    examples: Record<string, Example>;
  }
).examples;

test("the spec's encrypted example decrypts under its documented key to a conforming notification", () => {
  const example = jsonExamples.encryptedPaid;
  assert.ok(example, 'the encryptedPaid example is missing');
  const exampleKey = example['x-encryption-key'];
  assert.ok(exampleKey, 'the example documents no key');
  const { data } = example.value as { data: string };
  const plaintext = decryptNotificationText(data, exampleKey);
  const payload = JSON.parse(plaintext) as ReturnType<typeof notificationObject>;
  const result = conforms(jsonContentType, payload);
  assert.ok(result.ok, result.problems);
  assert.equal(payload.data.status, 'success');
  // The example is what encryption.ts writes (the IV is fixed, so one plaintext has one ciphertext).
  assert.equal(encryptNotificationText(plaintext, exampleKey), data);
});
