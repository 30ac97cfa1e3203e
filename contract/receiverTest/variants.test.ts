/**
 * The variants read back as meant with core/webhooks/readNotification.ts, the suite's own reader:
 * the genuine ones as the notification in their encoding, the refused ones as bodies no receiver can
 * take for a valid notification. Then the verdicts (judge.ts) on every kind of answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeErrors, webhookValidator } from '../../core/validators.ts';
import type { PaymentNotification } from '../../core/webhooks/notification.ts';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import type { Exchange } from './exchange.ts';
import { judgeAnswer, judgeFulfilments } from './judge.ts';
import { testKey } from './keyNowhere.ts';
import { otherKeyThan, type Variant, variantsFor } from './variants.ts';

const paid: PaymentNotification = {
  event: 'paid',
  payId: 1001,
  userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  amountCents: 1999,
  note: 'Order #1001',
};

const sent = (variant: Variant) => {
  assert.ok(!('notRun' in variant.send), `${variant.id} is sent`);
  return variant.send as { contentType: string; body: string };
};

describe('variants', () => {
  const variants = variantsFor(paid, testKey);
  const byId = new Map(variants.map((v) => [v.id, v]));

  test('ids are unique; the expected answers are 2xx for 9 genuine ones, 4xx for 4 refused ones', () => {
    assert.equal(byId.size, variants.length);
    assert.deepEqual(
      variants.filter((v) => v.expects === '4xx').map((v) => v.id),
      ['form-without-pay-id', 'invalid-json', 'wrongly-encrypted', 'response-code-0'],
    );
    assert.equal(variants.filter((v) => v.expects === '2xx').length, 9);
  });

  test('each genuine variant reads back as the notification, in its encoding, with its status', () => {
    for (const v of variants.filter((x) => x.expects === '2xx')) {
      const { contentType, body } = sent(v);
      const read = readNotification(contentType, body, testKey);
      assert.ok(read.ok, `${v.id}: ${!read.ok && read.problem}`);
      const { fields, format, encrypted } = read.value;
      assert.equal(String(fields.payId), '1001', v.id);
      assert.equal(String(fields.responseCode), '1', v.id);
      assert.equal(fields.status, v.id.startsWith('paid') ? 'success' : 'cancel', v.id);
      assert.equal(encrypted, v.id.endsWith('encrypted'), v.id);
      const expectedFormat = v.id.includes('bracketed')
        ? 'json-bracketed'
        : v.id.includes('form')
          ? 'form'
          : 'json';
      assert.equal(format, expectedFormat, v.id);
    }
    assert.equal(sent(byId.get('paid-form-again')!).body, sent(byId.get('paid-form')!).body);
  });

  test("the genuine variants conform to the spec's notification, all but the how-to's bracketed JSON", () => {
    for (const v of variants.filter((x) => x.expects === '2xx')) {
      const { contentType, body } = sent(v);
      const read = readNotification(contentType, body, testKey);
      assert.ok(read.ok, v.id);
      const validate = webhookValidator('paymentNotification', contentType)!;
      const conforms = validate(read.value.document) && validate(read.value.payload);
      assert.equal(conforms, !v.id.includes('bracketed'), `${v.id}: ${describeErrors(validate.errors)}`);
    }
  });

  test('each refused variant is no valid notification', () => {
    const read = (id: string) => {
      const { contentType, body } = sent(byId.get(id)!);
      return readNotification(contentType, body, testKey);
    };
    const noPayId = read('form-without-pay-id');
    assert.ok(noPayId.ok && noPayId.value.fields.payId === undefined);
    assert.match((read('invalid-json') as { problem: string }).problem, /not JSON/);
    assert.match((read('wrongly-encrypted') as { problem: string }).problem, /does not decrypt|not UTF-8/);
    const code0 = read('response-code-0');
    assert.ok(code0.ok && code0.value.fields.responseCode === '0');
  });

  test('without a key the encrypted variants say why they are not run; the wrongly encrypted one still runs', () => {
    const plain = variantsFor(paid, undefined);
    for (const id of ['paid-encrypted', 'cancelled-encrypted']) {
      const send = plain.find((v) => v.id === id)!.send;
      assert.ok('notRun' in send && /SECPAID_WEBHOOK_KEY/.test(send.notRun), id);
    }
    assert.ok('body' in plain.find((v) => v.id === 'wrongly-encrypted')!.send);
  });

  test('the other key is never the receiver’s', () => {
    assert.notEqual(otherKeyThan(testKey), testKey);
    assert.notEqual(otherKeyThan(otherKeyThan(undefined)), otherKeyThan(undefined));
    assert.equal(otherKeyThan(undefined).length, 32);
  });
});

describe('verdicts', () => {
  const variants = variantsFor(paid, testKey);
  const genuine = variants.find((v) => v.id === 'paid-form')!;
  const unreadable = variants.find((v) => v.id === 'invalid-json')!;
  const request: Exchange['request'] = {
    method: 'POST',
    url: 'http://127.0.0.1:1/hook',
    headers: {},
    body: '',
  };
  const answered = (status: number, location?: string): Exchange => ({
    request,
    answer: { status, body: '', ...(location ? { location } : {}) },
  });
  const problems = (variant: Variant, exchange: Exchange) =>
    judgeAnswer(variant, exchange).map((f) => f.problem);

  test('a genuine notification passes on 2xx only', () => {
    assert.deepEqual(problems(genuine, answered(200)), []);
    assert.deepEqual(problems(genuine, answered(204)), []);
    assert.match(
      problems(genuine, answered(400))[0]!,
      /^refused a genuine notification with 400; expected 2xx$/,
    );
    assert.match(problems(genuine, answered(503))[0]!, /^answered 503, a 5xx; expected 2xx$/);
    assert.match(
      problems(genuine, answered(302, '/x'))[0]!,
      /^answered 302, a redirect to \/x \(not followed\)/,
    );
    assert.match(problems(genuine, answered(302))[0]!, /a redirect without a Location/);
  });

  test('an unreadable body passes on 4xx only', () => {
    assert.deepEqual(problems(unreadable, answered(400)), []);
    assert.deepEqual(problems(unreadable, answered(422)), []);
    assert.match(problems(unreadable, answered(200))[0]!, /^accepted it with 200: .*expected 4xx$/);
    assert.match(problems(unreadable, answered(500))[0]!, /a 5xx; expected 4xx/);
  });

  test('no answer is a finding with its code; every finding cites the docs and D-WEBHOOK', () => {
    const findings = judgeAnswer(genuine, {
      request,
      error: { code: 'ECONNRESET', message: 'socket hang up' },
    });
    assert.equal(findings[0]!.problem, 'no answer: ECONNRESET (socket hang up)');
    assert.match(
      findings[0]!.docs,
      /docs\.secpaid\.com\/concepts\/payment-endpoint\/.*\(spec\/DECISIONS\.md D-WEBHOOK\)$/,
    );
  });

  test('the fulfilments count: 1 passes; 0, 2, a non-count or another status is a finding', () => {
    const counted = (status: number, body: string) => judgeFulfilments(answered(status), body, 1, 'docs');
    assert.deepEqual(counted(200, '{"count":1}'), []);
    assert.match(counted(200, '{"count":0}')[0]!.problem, /never fulfilled \(count 0\)/);
    assert.match(counted(200, '{"count":2}')[0]!.problem, /fulfilled 2 times/);
    assert.match(counted(200, '{"count":"1"}')[0]!.problem, /no whole number as "count"/);
    assert.match(counted(200, 'one')[0]!.problem, /not JSON/);
    assert.match(counted(404, '')[0]!.problem, /answered 404, not 200/);
    assert.equal(counted(404, '')[0]!.exchange, 1);
  });
});
