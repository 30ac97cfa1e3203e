import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeForm } from '../load/scenarios/form.ts';
import { decimalText, encodeFormBody, formFields, formText } from './formBody.ts';
import { operations } from './spec.ts';

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

test('null is an empty field, except in a JSON-encoded field, where it is JSON null', () => {
  assert.deepEqual(formFields({ recipient_note: null, recipients: null }, ['recipients']), [
    ['recipient_note', ''],
    ['recipients', 'null'],
  ]);
});

test('exponent numbers are written as the decimals they mean', () => {
  assert.equal(
    encodeFormBody({ amount: 1e-7, big: 1e21, small: -2.5e-8 }, []),
    'amount=0.0000001&big=1000000000000000000000&small=-0.000000025',
  );
  assert.equal(
    encodeFormBody({ amount: Number.NaN, limit: Number.POSITIVE_INFINITY }, []),
    'amount=NaN&limit=Infinity',
  );
});

test('a field named __proto__ is written like any other', () => {
  const body = JSON.parse('{"__proto__": "x", "amount": 1}') as Record<string, unknown>;
  assert.equal(encodeFormBody(body, []), '__proto__=x&amount=1');
});

/** Text of every kind the scenarios could send: ASCII punctuation, spaces, any well-formed Unicode. */
const fieldText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~azAZ09'.split('')) }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);

test('the k6-safe writer of the load scenarios writes every text field as the Node writer does', () => {
  const fields = fc.dictionary(fieldText, fc.option(fieldText, { nil: undefined }), { maxKeys: 6 });
  fc.assert(
    fc.property(fields, fc.boolean(), (record, withNull) => {
      const body: Record<string, string | null | undefined> = { ...record };
      if (withNull) body.note = null;
      assert.equal(encodeForm(body), encodeFormBody(body, []));
    }),
    { numRuns: 500 },
  );
  // The characters where encodeURIComponent and a form differ, spelled out.
  assert.equal(encodeForm({ "a b!'()~*": "x y!'()~*" }), formText([["a b!'()~*", "x y!'()~*"]]));
  assert.equal(encodeForm({ "a b!'()~*": "x y!'()~*" }), 'a+b%21%27%28%29%7E*=x+y%21%27%28%29%7E*');
});
