/**
 * Random request bodies for the fuzz test: form bodies with known and unknown keys, hostile values
 * (unicode, huge and non-finite numbers, JSON text, repeated keys, raw `%` sequences), JSON bodies
 * of any shape (including texts JSON.stringify cannot write, such as 1e309), and random bytes
 * (invalid UTF-8) under random content types. Every body is bytes, so nothing is re-encoded.
 */
import fc from 'fast-check';
import { type JsonSchema, type OperationId, operations } from '../../core/spec.ts';
import { asJsonValue, type FuzzContext, nearValidText } from './fuzzValues.ts';

export interface FuzzBody {
  contentType: string | undefined;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const FORM = 'application/x-www-form-urlencoded';

// biome-ignore format: a table of values reads better packed
const hostileTexts = [
  '', 'NaN', 'Infinity', '-Infinity', '-0', '0', '1e309', '-1e309', '1e3', '-1', '0.001', '0.01',
  '999999.99', '1000000', '9007199254740993', '9'.repeat(400), ' 12', '12 ', '0x10', 'true', 'false',
  'null', '[]', '{}', '[{"token":"rcpt-x","share":50}]', '[{"token":"rcpt-x","share":1e309}]',
  '{"a":{"b":[1,{"c":null}]}}', '2026-03-29', '2026-10-25', '9999-12-31', '0000-01-01', '2024-02-30',
  'normal', 'absolute', '%', '%zz', '%C3%28', '\u0000', '\u202e', '😀', 'a&b=c',
];

// biome-ignore format: a table of values reads better packed
const rawJsonTexts = [
  '{"amount":1e309}', '{"amount":-0}', '{"amount":NaN}', '{"amount":5,"amount":6}', '{"link_id":1e400}',
  '{"limit":10.0}', '{"limit":10.000000001}', '{"__proto__":{"amount":5}}', '{"constructor":{}}', '[]',
  '"x"', 'null', '{"recipients":"[{\\"token\\":\\"x\\",\\"share\\":5}]","amount":5}', '{', '', ' ',
  '{"amount":5}garbage',
];

// biome-ignore format: a table of values reads better packed
const contentTypes = [
  'application/x-www-form-urlencoded', 'application/json', 'application/json; charset=utf-8',
  'APPLICATION/JSON', 'application/x-www-form-urlencoded; charset=latin1', 'text/plain',
  'multipart/form-data; boundary=x', 'application/xml', '*/*', '', 'garbage;;;=', undefined,
];

function propertiesOf(operationId: OperationId): Record<string, JsonSchema> {
  const schema = Object.values(operations[operationId].requestSchemas)[0] ?? {};
  return (schema.properties ?? {}) as Record<string, JsonSchema>;
}

function keyArbitrary(operationId: OperationId) {
  const known = Object.keys(propertiesOf(operationId));
  // Names that are special to JavaScript objects, and other operations' fields (unknown here).
  const special = [
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'amount',
    'link_id',
    'recipients',
  ];
  return fc.oneof(fc.constantFrom(...known, ...special), fc.string({ unit: 'binary', maxLength: 12 }));
}

const valueArbitrary = fc.oneof(
  fc.constantFrom(...hostileTexts),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.json({ maxDepth: 3 }),
);

function formBody(operationId: OperationId) {
  const pairs = fc.array(fc.tuple(keyArbitrary(operationId), valueArbitrary), { maxLength: 8 });
  return fc
    .record({ pairs, raw: fc.boolean(), contentType: fc.constantFrom(...contentTypes) })
    .map(({ pairs, raw, contentType }): FuzzBody => {
      // Raw keeps `&`, `=` and `%` as typed: malformed percent escapes and split fields on purpose.
      const text = raw ? pairs.map(([k, v]) => `${k}=${v}`).join('&') : new URLSearchParams(pairs).toString();
      return { contentType: contentType ?? FORM, body: encoder.encode(text) };
    });
}

function jsonBody(operationId: OperationId) {
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), valueArbitrary);
  const objects = fc.dictionary(keyArbitrary(operationId), value, { maxKeys: 6 });
  const text = fc.oneof(
    objects.map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
    fc.constantFrom(...rawJsonTexts),
  );
  return fc
    .record({ text, contentType: fc.constantFrom('application/json', ...contentTypes) })
    .map(({ text, contentType }): FuzzBody => ({ contentType, body: encoder.encode(text) }));
}

const byteBody = fc
  .record({
    prefix: fc.constantFrom('', 'amount=5&recipient_note=', '{"amount":5,"recipient_note":"'),
    bytes: fc.uint8Array({ maxLength: 200 }),
    contentType: fc.constantFrom(...contentTypes),
  })
  .map(({ prefix, bytes, contentType }): FuzzBody => {
    const head = encoder.encode(prefix);
    const body = new Uint8Array(head.length + bytes.length);
    body.set(head);
    body.set(bytes, head.length);
    return { contentType, body };
  });

/**
 * Known fields only: the required ones and up to three optional ones (more would almost always
 * hold one invalid value, and the handler would never run), each near the edges of its schema.
 */
function nearValidBody(operationId: OperationId, context: FuzzContext) {
  const properties = propertiesOf(operationId);
  const schema = Object.values(operations[operationId].requestSchemas)[0] ?? {};
  const required = (schema.required ?? []) as string[];
  const optional = Object.keys(properties).filter((name) => !required.includes(name));
  const fields = fc
    .subarray(optional, { maxLength: Math.min(3, optional.length) })
    .chain((chosen) =>
      fc.record(
        Object.fromEntries(
          [...required, ...chosen].map((name) => [
            name,
            nearValidText(name, properties[name] ?? {}, context),
          ]),
        ),
      ),
    );
  return fc.record({ fields, asJson: fc.boolean() }).map(({ fields, asJson }): FuzzBody => {
    const entries = Object.entries(fields as Record<string, string>);
    if (!asJson) return { contentType: FORM, body: encoder.encode(new URLSearchParams(entries).toString()) };
    const object = Object.fromEntries(entries.map(([name, text]) => [name, asJsonValue(name, text)]));
    return { contentType: 'application/json', body: encoder.encode(JSON.stringify(object)) };
  });
}

export function fuzzBody(operationId: OperationId, context: FuzzContext): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { arbitrary: nearValidBody(operationId, context), weight: 3 },
    { arbitrary: formBody(operationId), weight: 1 },
    { arbitrary: jsonBody(operationId), weight: 1 },
    { arbitrary: byteBody, weight: 1 },
  );
}
