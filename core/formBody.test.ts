import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeForm } from './formBody.ts';
import { operations } from './spec.ts';

const split = operations.createSplitLink;
const schema = split.requestSchemas['application/x-www-form-urlencoded']!;
const decode = (text: string) => decodeForm(new URLSearchParams(text), schema, split.jsonEncodedFormFields);

test('numbers, booleans and JSON-encoded fields are read by their schema type', () => {
  const result = decode(
    'amount=19.99&recipients=%5B%7B%22token%22%3A%22a%22%2C%22share%22%3A50%7D%5D&cancellable=false',
  );
  assert.deepEqual(result, {
    ok: true,
    value: { amount: 19.99, recipients: [{ token: 'a', share: 50 }], cancellable: false },
  });
});

test('text that is not strictly a number stays text, so the schema rejects it', () => {
  for (const text of ['1e3', ' 12', 'NaN', 'Infinity', '+5', '0x10', '12.', '']) {
    const result = decode(`amount=${encodeURIComponent(text)}`);
    assert.ok(result.ok);
    assert.equal(result.value.amount, text, `amount=${text}`);
  }
});

test('a field given twice is refused rather than one value silently winning', () => {
  assert.deepEqual(decode('amount=1&amount=2'), { ok: false, message: 'amount is given more than once' });
});

test('recipients that are not JSON stay text (the schema then says it must be an array)', () => {
  const result = decode('recipients=%5Bnot-json');
  assert.ok(result.ok);
  assert.equal(result.value.recipients, '[not-json');
});
