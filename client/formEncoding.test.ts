import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operations } from '../core/spec.ts';
import { decimalText, encodeFormBody } from './formEncoding.ts';

test('numbers are plain decimal text, never exponents', () => {
  assert.equal(decimalText(100), '100');
  assert.equal(decimalText(49.9), '49.9');
  assert.equal(decimalText(999999.99), '999999.99');
  assert.equal(decimalText(1e-7), '0.0000001');
  assert.equal(decimalText(1e21), '1000000000000000000000');
  assert.equal(decimalText(-0.5), '-0.5');
});

test('fields keep their order; booleans are true/false; undefined is left out', () => {
  const text = encodeFormBody(
    { amount: 12.5, recipient_note: 'Invoice 42 & co', cancellable: false, callback_url: undefined },
    [],
  );
  assert.equal(text, 'amount=12.5&recipient_note=Invoice+42+%26+co&cancellable=false');
});

test("createSplitLink's recipients are one field of JSON text, as the spec's encoding says", () => {
  const jsonFields = operations.createSplitLink.jsonEncodedFormFields;
  assert.deepEqual(jsonFields, ['recipients']);
  const recipients = [
    { token: 'receivera', share: 50 },
    { token: 'receiverb', share: 25.5 },
  ];
  const text = encodeFormBody({ amount: 100, recipients, is_qr_link: true }, jsonFields);
  const params = new URLSearchParams(text);
  assert.deepEqual(params.getAll('recipients'), [JSON.stringify(recipients)]);
  assert.equal(params.get('is_qr_link'), 'true');
  assert.equal(
    text,
    'amount=100&recipients=%5B%7B%22token%22%3A%22receivera%22%2C%22share%22%3A50%7D%2C%7B%22token%22%3A%22receiverb%22%2C%22share%22%3A25.5%7D%5D&is_qr_link=true',
  );
});

test('a JSON-encoded field holding text is JSON text (quoted), other fields are sent raw', () => {
  assert.equal(encodeFormBody({ recipients: 'x', note: 'x' }, ['recipients']), 'recipients=%22x%22&note=x');
});

test('values a form cannot express stay visible instead of becoming "[object Object]"', () => {
  assert.equal(encodeFormBody({ a: null, b: { c: 1 }, d: [1] }, []), 'a=&b=%7B%22c%22%3A1%7D&d=%5B1%5D');
});
