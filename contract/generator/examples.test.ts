/**
 * The generated phase's examples, without a server: made from the spec alone, valid where they
 * claim to be (checked with the same ajv validators the sandbox uses), each constraint broken on its
 * own where they claim that, and the same list for the same seed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type OperationId, operationIds } from '../../core/spec.ts';
import { requestValidator } from '../../core/validators.ts';
import { authExamples, boundaryExamples, negativeExamples, transportExamples } from './buildExamples.ts';
import type { Example } from './example.ts';
import { boundaries, textOfLength, violations } from './fieldCases.ts';
import { taggedNote } from './grounding.ts';
import { documentedAuthStatus, keyVariant, keyVariantNames } from './keyVariants.ts';
import { positiveBodies } from './positives.ts';
import { requestFields } from './requestFields.ts';
import { deriveSeed } from './seed.ts';
import { keepRules } from './semantics.ts';

/** Placeholders filled the way the run fills them, with stand-in values of the right shape. */
function grounded(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(grounded);
  if (typeof value !== 'object' || value === null) return value;
  const ground = value as {
    $ground?: string;
    index?: number;
    text?: string;
    exact?: boolean;
    offset?: number;
  };
  switch (ground.$ground) {
    case 'ownUnusedLink':
    case 'ownLink':
    case 'otherAccountsLink':
    case 'paidLink':
      return 100_001;
    case 'recipientToken':
      return `recipient${ground.index}`;
    case 'ownRecipientToken':
      return 'ownrecipient';
    case 'berlinDay':
      return '2026-12-01';
    case 'note':
      return ground.exact ? taggedNote(ground.text!, '[run:0000]') : `[run:0000] ${ground.text}`;
    default:
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, grounded(v)]));
  }
}

function schemaValid(example: Pick<Example, 'operationId' | 'body'>): boolean {
  const validate = requestValidator(example.operationId, 'application/json')!;
  return validate(grounded(example.body)) as boolean;
}

const all = (make: (id: OperationId) => Example[]) => operationIds.flatMap(make);

describe('fields and their cases, from the schema alone', () => {
  test('a made-up constraint gets its boundaries and violations with no code for it', () => {
    const field = {
      path: ['n'],
      name: 'n',
      required: true,
      schema: { type: 'integer', minimum: 5, maximum: 7 },
    };
    const { valid, invalid } = boundaries(field);
    assert.deepEqual(
      valid.map((v) => [v.rule, v.value]),
      [
        ['minimum', 5],
        ['maximum', 7],
      ],
    );
    assert.deepEqual(
      invalid.map((v) => [v.rule, v.value]),
      [
        ['minimum-step', 4],
        ['maximum+step', 8],
      ],
    );
    assert.ok(violations(field).some((v) => v.rule === 'type: fraction'));
    const text = {
      path: ['t'],
      name: 't',
      required: false,
      schema: { type: 'string', minLength: 2, maxLength: 3 },
    };
    assert.deepEqual(
      boundaries(text).invalid.map((v) => v.value),
      ['x', 'xxxx'],
    );
  });

  test("a pattern keeps the length's boundaries it takes, and is broken inside the length", () => {
    const key = requestFields('createLink').find((f) => f.name === 'encryption_key')!;
    assert.equal(key.schema.pattern, '^[!-~]{32}$', 'the spec gives encryption_key a pattern');
    const { valid, invalid } = boundaries(key);
    // 32 `€` or `😀` has the length but is not printable ASCII: not a boundary of this field.
    assert.deepEqual(
      valid.map((v) => v.value),
      ['x'.repeat(32), 'x'.repeat(32)],
    );
    assert.deepEqual(
      invalid.map((v) => v.value),
      ['x'.repeat(31), 'x'.repeat(33)],
    );
    const broken = violations(key).filter((v) => v.rule.startsWith('pattern'));
    assert.deepEqual(
      broken.map((v) => v.rule),
      ['pattern: a space', 'pattern: a 3-byte character', 'pattern: a 4-byte character'],
    );
    for (const { value } of broken) assert.equal([...(value as string)].length, 32);
  });

  test('money boundaries are exact to the cent: 0.01 and 999999.99 in, 0 and 1000000 out', () => {
    const amount = requestFields('createLink').find((f) => f.name === 'amount')!;
    const { valid, invalid } = boundaries(amount);
    assert.deepEqual(
      valid.map((v) => v.value),
      [0.01, 999999.99],
    );
    assert.deepEqual(
      invalid.map((v) => v.value),
      [0, 1000000],
    );
    assert.ok(violations(amount).some((v) => v.rule === 'multipleOf' && String(v.value) === '1.005'));
  });

  test('lengths count code points: 500 characters of € or 😀 is a valid note', () => {
    assert.equal([...textOfLength(500, 'emoji')].length, 500);
    assert.equal([...taggedNote(textOfLength(500, 'euro'), '[run:ab12]')].length, 500);
    assert.equal(taggedNote('short', '[run:ab12]'), 'short');
  });
});

describe('examples', () => {
  test('every example claimed valid by its schema is valid, and every one-step-past is not', () => {
    for (const example of all(boundaryExamples)) {
      const onePast = /[+-](step|1)$/.test(example.rule);
      assert.equal(schemaValid(example), !onePast, example.id);
      if (onePast) assert.deepEqual(example.expect, [400], example.id);
    }
  });

  test('every field of every operation is violated, and every required one left out', () => {
    for (const operationId of operationIds) {
      const negatives = negativeExamples(operationId);
      for (const field of requestFields(operationId)) {
        assert.ok(
          negatives.some((e) => e.field === field.name),
          `${operationId}.${field.name} is never violated`,
        );
        if (field.required)
          assert.ok(
            negatives.some((e) => e.field === field.name && e.rule === 'required: missing'),
            `${field.name} missing`,
          );
      }
      for (const e of negatives.filter(
        (x) => x.body && x.kind === 'negative' && !x.contentType && !x.repeatField && !x.because,
      ))
        assert.equal(schemaValid(e), false, `${e.id} is valid by the schema, so it is no negative`);
    }
  });

  test('ids are unique, safe to quote in a shell, and the same on every call', () => {
    const examples = [
      ...all(boundaryExamples),
      ...all(negativeExamples),
      ...all(authExamples),
      ...all(transportExamples),
    ];
    const ids = examples.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_.+#[\]/-]+$/);
    assert.deepEqual(all(negativeExamples), all(negativeExamples));
  });

  test('positives are schema-valid and keep the split rules, and one seed gives the same bodies', () => {
    for (const operationId of operationIds) {
      const arbitrary = positiveBodies(operationId, { recipientTokens: 5 });
      const seed = deriveSeed(42, operationId);
      const bodies = fc.sample(arbitrary, { seed, numRuns: 50 }).filter((b) => b !== undefined);
      assert.ok(bodies.length >= 40, `${operationId}: only ${bodies.length} of 50 samples were usable`);
      for (const body of bodies) {
        assert.ok(schemaValid({ operationId, body }), `${operationId}: ${JSON.stringify(body)}`);
        assert.deepEqual(keepRules(operationId, body), body);
      }
      assert.deepEqual(
        fc.sample(arbitrary, { seed, numRuns: 50 }).filter((b) => b !== undefined),
        bodies,
      );
    }
  });

  test('without recipient tokens a split link has no positive; with one it has single recipients', () => {
    assert.deepEqual(
      fc.sample(positiveBodies('createSplitLink', { recipientTokens: 0 }), { seed: 1, numRuns: 5 }),
      [undefined, undefined, undefined, undefined, undefined],
    );
    for (const body of fc.sample(positiveBodies('createSplitLink', { recipientTokens: 1 }), {
      seed: 1,
      numRuns: 20,
    }))
      assert.equal((body!.recipients as unknown[]).length, 1);
  });
});

describe('split rules the schema cannot say', () => {
  const split = (split_type: string, amount: number, shares: number[]) => ({
    amount,
    split_type,
    recipients: shares.map((share, index) => ({ token: { $ground: 'recipientToken', index }, share })),
  });

  test('shares are rescaled to fit 100 % or the amount', () => {
    assert.deepEqual(
      keepRules('createSplitLink', split('normal', 10, [60, 60])),
      split('normal', 10, [50, 50]),
    );
    assert.deepEqual(
      keepRules('createSplitLink', split('absolute', 1, [1, 1])),
      split('absolute', 1, [0.5, 0.5]),
    );
    assert.equal(keepRules('createSplitLink', split('absolute', 0.01, [0.01, 0.01])), undefined);
  });

  test('a share under test keeps its value: the split becomes absolute with an amount that covers it', () => {
    assert.deepEqual(
      keepRules('createSplitLink', split('normal', 10, [999999.99]), 'recipients[].share'),
      split('absolute', 999999.99, [999999.99]),
    );
  });
});

describe('key variants (D-AUTH)', () => {
  const key = 'AbCdEfGh12345678';
  const real = [key, 'ZzZzZzZz87654321'];
  test('no variant but surrounding whitespace acts as the key', () => {
    const statuses = Object.fromEntries(
      keyVariantNames.map((name) => [name, documentedAuthStatus(keyVariant(key, name), real)]),
    );
    assert.deepEqual(statuses, {
      'upper case': 201,
      'lower case': 201,
      'swapped case': 201,
      prefix: 401, // 15 characters: malformed
      extension: 201,
      'space inside': 401,
      'Bearer prefix': 401,
      'surrounding whitespace': 200,
      empty: 401,
      'given twice': 401,
    });
    assert.equal(
      documentedAuthStatus(keyVariant(`${key}Q`, 'prefix'), real),
      200,
      'a prefix that is itself a real key',
    );
    assert.equal(documentedAuthStatus(undefined, real), 401);
  });

  test('a variant equal to the key is not sent as one', () => {
    assert.equal(keyVariant('ABCDEFGH12345678', 'upper case'), undefined);
  });
});
