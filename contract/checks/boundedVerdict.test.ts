/**
 * A server may send fields of any length and any number of keys: every message that quotes what it
 * received stays short, an answer's failures and drift are cut to the first 50 with a count of the
 * rest, and every failure is still named by its check.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Example } from '../generator/example.ts';
import { judge } from '../generator/judge.ts';
import { RunModel } from '../oracle/runModel.ts';
import { judgeAgainstModel } from '../oracle/stateOracle.ts';
import { boundVerdict, maxShown, messageChars, moreDrift } from './boundedVerdict.ts';
import { conformsToSpec, toExchange } from './conformsToSpec.ts';
import type { CheckFailure } from './types.ts';

const huge = 'x'.repeat(150_000);
/** Longer than any message needs: the words around a few quoted values. */
const short = 400;

function verdictOf(
  operationId: 'createLink' | 'getMyUnusedLinks',
  status: number,
  body: unknown,
  headers = {},
) {
  const exchange = toExchange(
    operationId,
    { status, headers: { 'content-type': 'application/json', ...headers }, bodyText: JSON.stringify(body) },
    undefined,
  );
  return boundVerdict(conformsToSpec(exchange));
}

const checksOf = (failures: CheckFailure[]) => new Set(failures.map((f) => f.check));

function assertShort(failures: CheckFailure[]): void {
  for (const f of failures) assert.ok(f.message.length < short, `${f.check}: ${f.message.length} characters`);
}

describe('every received value is quoted short, and each failure keeps its check', () => {
  test('an envelope, a clock and a link of 150 KB fields', () => {
    const link = { id: huge, linktopay_id: huge, pay_link: huge, qr_img: huge, amount: huge };
    const { failures } = verdictOf('createLink', 200, {
      ResponseCode: huge,
      Result: huge,
      ServerTime: huge,
      data: link,
    });
    assertShort(failures);
    for (const check of ['envelopeStatusAgreement', 'clockConformance', 'linkConsistency'])
      assert.ok(checksOf(failures).has(check), `${check} is named`);
    const envelope = failures.find((f) => f.check === 'envelopeStatusAgreement');
    assert.match(envelope?.message ?? '', /^received HTTP 200 with ResponseCode "x{10,}… \(150002 chars\)/);
  });

  test('an error name, a header and a content type of 150 KB', () => {
    const error = verdictOf(
      'createLink',
      429,
      { ResponseCode: 0, Result: 'False', error: huge },
      {
        'retry-after': huge,
        'content-type': `application/${huge}`,
      },
    );
    assertShort(error.failures);
    for (const check of ['envelopeStatusAgreement', 'headerConformance', 'contentTypeConformance'])
      assert.ok(checksOf(error.failures).has(check), `${check} is named`);
  });

  test("a redirect's Location of 150 KB", () => {
    const { failures } = verdictOf('createLink', 307, {}, { location: `https://elsewhere.test/${huge}` });
    assertShort(failures);
    assert.ok(checksOf(failures).has('statusCodeConformance'));
  });

  test("the generated phase's echo of a created link", () => {
    const example: Example = {
      id: 'createLink/positive/test/form',
      operationId: 'createLink',
      kind: 'positive',
      rule: 'valid body',
      encoding: 'form',
      body: { amount: '1.00', recipient_note: 'a note' },
      token: { kind: 'own' },
      expect: [200],
    };
    const body = { ResponseCode: 1, Result: 'True', data: { amount: huge, recipient_note: huge } };
    const { failures } = judge(
      example,
      example.body,
      { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) },
      undefined,
    );
    assertShort(failures);
    assert.ok(checksOf(failures).has('createdAsSent'));
  });

  test("the state oracle's notes, dates and lists", () => {
    const model = new RunModel();
    model.freshAccount('OwnerKey0123456789');
    const items = Array.from({ length: 3 }, (_, i) => ({ linktopay_id: String(i), recipient_note: huge }));
    const failures = judgeAgainstModel(model, {
      operationId: 'getMyUnusedLinks',
      token: 'OwnerKey0123456789',
      request: { search: 'needle', limit: '1000' },
      status: 200,
      body: { data: items, totalRecords: huge },
    });
    assert.ok(failures.length >= 4);
    for (const message of failures) assert.ok(message.length < short, `${message.length} characters`);
  });
});

describe('an answer keeps at most 50 failures and 50 drift paths, and says how many more', () => {
  test('60,000 unknown keys: the first 50 and one line for the rest', () => {
    const body: Record<string, unknown> = { ResponseCode: 1, Result: 'True', data: [], totalRecords: 0 };
    for (let i = 0; i < 60_000; i++) body[`u${String(i).padStart(5, '0')}`] = 0;
    const { drift } = verdictOf('getMyUnusedLinks', 200, body);
    assert.equal(drift.length, maxShown + 1);
    assert.equal(drift[0], 'u00000');
    assert.equal(drift.at(-1), moreDrift);
  });

  test('60,000 failures: the first 50, and the rest counted by check', () => {
    const failures = Array.from({ length: 60_000 }, (_, i) => ({
      check: i < 10 ? 'linkConsistency' : 'stateOracle',
      message: `failure ${i}`,
    }));
    const bounded = boundVerdict({ failures, drift: [] }).failures;
    assert.equal(bounded.length, maxShown + 1);
    assert.deepEqual(bounded.at(-1), {
      check: 'stateOracle',
      message: '… and 59,950 more failures of this answer, not listed (stateOracle ×59,950)',
      rollup: true,
    });
  });

  test('a message longer than any check writes is cut too', () => {
    const [failure] = boundVerdict({ failures: [{ check: 'any', message: huge }], drift: [huge] }).failures;
    assert.ok((failure?.message.length ?? 0) < messageChars + 40);
    assert.ok(boundVerdict({ failures: [], drift: [huge] }).drift[0]!.length < short);
  });
});
