import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conformsToSpec, toExchange } from './conformsToSpec.ts';
import { headerFailures } from './headerConformance.ts';

const json = { 'content-type': 'application/json; charset=utf-8' };
const payLink = 'https://app.dev.secpaid.com/payment?link_id=MTI0';
const link = {
  user_id: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  amount: '100.00',
  recipient_note: 'Payment for Invoice #1234',
  status: 'Unused',
  paymentEndpoint: 'https://app.dev.secpaid.com/payment',
  callback_url: 'https//secpaid.com',
  service_fee: '1.5',
  recipient: null,
  created_at: '2024-10-26 16:18:01',
  id: 124,
  pay_link: payLink,
  qr_img: `https://quickchart.io/chart?chl=${payLink}&chs=300x300&cht=qr`,
  transaction_type: 'Basic',
};
const created = {
  data: link,
  ResponseCode: 1,
  ResponseMsg: 'Link has been created',
  Result: 'True',
  ServerTime: 'CEST',
};
const unauthorized = {
  error: 'Unauthorized',
  errorMessage: 'Incorrect token or missing token',
  ResponseCode: 0,
  ResponseMsg: 'Incorrect token or missing token',
  Result: 'False',
  ServerTime: 'CEST',
};
/** The seed's answers were made at 2024-10-26 16:18:01 in Berlin (CEST): the clock checks judge them then. */
const seedTime = Date.UTC(2024, 9, 26, 14, 18, 3);

function verdict(status: number, body: unknown, expected?: number, headers: Record<string, string> = json) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const exchange = toExchange('createLink', { status, headers, bodyText: text }, expected);
  return conformsToSpec({ ...exchange, receivedAt: seedTime });
}
const failedChecks = (v: ReturnType<typeof verdict>) => [...new Set(v.failures.map((f) => f.check))];

describe('conformsToSpec on canned createLink answers', () => {
  test('the seed example conforms', () =>
    assert.deepEqual(verdict(200, created, 200), { failures: [], drift: [] }));
  test('a documented 401 error envelope conforms', () =>
    assert.deepEqual(verdict(401, unauthorized, 401).failures, []));

  test('status other than provoked fails statusAsIntended with received/expected', () => {
    const v = verdict(200, created, 400);
    assert.deepEqual(failedChecks(v), ['statusAsIntended']);
    assert.match(v.failures[0]!.message, /received HTTP 200 \/ expected 400/);
  });

  test('undocumented status fails statusCodeConformance listing the documented ones', () => {
    const v = verdict(404, { ...unauthorized, error: 'NotFound' });
    assert.ok(failedChecks(v).includes('statusCodeConformance'));
    assert.match(v.failures[0]!.message, /documented for createLink: 200, 201, 400, 401, 403, 429, 500/);
  });

  test('text/plain fails contentTypeConformance', () => {
    const v = verdict(200, created, 200, { 'content-type': 'text/plain' });
    assert.deepEqual(failedChecks(v), ['contentTypeConformance']);
    assert.match(
      v.failures[0]!.message,
      /received content-type text\/plain \/ documented: application\/json/,
    );
  });

  test('amount as a number and a missing ServerTime fail the schema, naming place and values', () => {
    const { ServerTime: _, ...noTime } = created;
    const v = verdict(200, { ...noTime, data: { ...link, amount: 100 } }, 200);
    const messages = v.failures.map((f) => f.message).join('\n');
    assert.deepEqual(failedChecks(v), ['responseSchemaConformance']);
    assert.match(messages, /data\/amount: received 100 \/ documented: type string/);
    assert.match(messages, /ServerTime: received nothing \/ documented: required/);
  });

  test('a body that is not JSON fails the schema check', () => {
    const v = verdict(500, 'Internal Server Error', 500);
    assert.ok(failedChecks(v).includes('responseSchemaConformance'));
  });

  test('an error that says ResponseCode 1 / Result "True" fails envelopeStatusAgreement', () => {
    const v = verdict(401, { ...unauthorized, ResponseCode: 1, Result: 'True' }, 401);
    assert.ok(failedChecks(v).includes('envelopeStatusAgreement'));
  });

  test('a 200 with ResponseCode 0 fails envelopeStatusAgreement', () => {
    const v = verdict(200, { ...created, ResponseCode: 0 }, 200);
    assert.ok(failedChecks(v).includes('envelopeStatusAgreement'));
  });

  test("an error name that is not the status's fails envelopeStatusAgreement", () => {
    const v = verdict(201, { ...unauthorized, error: 'Unauthorized' }, 201);
    assert.deepEqual(failedChecks(v), ['envelopeStatusAgreement']);
    assert.match(
      v.failures[0]!.message,
      /received error "Unauthorized" with HTTP 201 \/ documented: UserNotFound/,
    );
  });

  test('a 429 with a Retry-After that is no integer fails headerConformance', () => {
    const tooMany = { ...unauthorized, error: 'TooManyRequests' };
    assert.deepEqual(verdict(429, tooMany, 429, { ...json, 'retry-after': '30' }).failures, []);
    assert.deepEqual(failedChecks(verdict(429, tooMany, 429, { ...json, 'retry-after': 'soon' })), [
      'headerConformance',
    ]);
  });

  test('a 429 without Retry-After fails headerConformance (the spec requires it)', () => {
    const v = verdict(429, { ...unauthorized, error: 'TooManyRequests' }, 429);
    assert.deepEqual(failedChecks(v), ['headerConformance']);
    assert.match(v.failures[0]!.message, /received no Retry-After header \/ documented: required with 429/);
  });

  test('a documented header marked required fails headerConformance when missing, an optional one does not', () => {
    const retryAfter = { schema: { type: 'integer', minimum: 0 } };
    const required = { 'Retry-After': { ...retryAfter, required: true } };
    assert.deepEqual(headerFailures(required, { 'content-type': 'application/json' }, 429), [
      'received no Retry-After header / documented: required with 429',
    ]);
    assert.deepEqual(headerFailures(required, { 'retry-after': '7' }, 429), []);
    assert.deepEqual(headerFailures({ 'Retry-After': retryAfter }, {}, 429), []);
    assert.equal(headerFailures(required, { 'retry-after': '-1' }, 429).length, 1);
  });

  test('a body cut at the cap fails responseBodyBounded alone: not parsed, not read by the body checks', () => {
    // The kept start here is itself valid JSON: it must not pass for the body.
    const bodyCut = 'over the 1 MiB cap (52,428,800 bytes; 1,048,576 kept)';
    const exchange = toExchange(
      'createLink',
      { status: 200, headers: json, bodyText: JSON.stringify(created), bodyCut },
      200,
    );
    assert.equal(exchange.bodyIsJson, false);
    assert.equal(exchange.body, undefined);
    const v = conformsToSpec({ ...exchange, receivedAt: seedTime });
    assert.deepEqual(v, {
      failures: [
        {
          check: 'responseBodyBounded',
          message: `received a response body ${bodyCut}: not checked against the schema / documented: a JSON body`,
        },
      ],
      drift: [],
    });
    const wrongStatus = toExchange('createLink', { status: 418, headers: json, bodyText: '{', bodyCut }, 200);
    assert.deepEqual(failedChecks(conformsToSpec(wrongStatus)), [
      'statusAsIntended',
      'statusCodeConformance',
      'responseBodyBounded',
    ]);
  });

  test('an unknown field is drift, not a failure', () => {
    const v = verdict(200, { ...created, data: { ...link, x_debug: { a: 1 } }, extra: true }, 200);
    assert.deepEqual(v, { failures: [], drift: ['data.x_debug', 'extra'] });
  });
});
