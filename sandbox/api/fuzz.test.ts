/**
 * Property: whatever body arrives at any operation with a valid token, the sandbox answers a
 * documented status below 500 with a JSON body that conforms to that status's schema.
 * Bounded: RUNS bodies per operation (about 2 100 requests, a few seconds on loopback).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type OperationId, operationIds, operations } from '../../core/spec.ts';
import { describeErrors, responseValidator } from '../../core/validators.ts';
import { startSandbox } from '../index.ts';
import { callApi } from '../testing/api.ts';
import { createTenant, payLink } from '../testing/control.ts';
import { type FuzzBody, fuzzBody } from '../testing/fuzzBodies.ts';
import type { FuzzContext } from '../testing/fuzzValues.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const RUNS = 300;
const env = useSandbox();

function answersWell(url: string, token: string, operationId: OperationId, context: FuzzContext) {
  return fc.asyncProperty(fuzzBody(operationId, context), async ({ contentType, body }: FuzzBody) => {
    const answer = await callApi(url, operationId, body, { token, contentType });
    // The counterexample prints bytes; say the body as text too.
    const sent = `${contentType ?? '(no type)'} ${new TextDecoder().decode(body).slice(0, 200)}`;
    const got = `${answer.status} ${answer.text.slice(0, 300)}`;
    assert.ok(answer.status < 500, `sent ${sent}\ngot ${got}`);
    assert.ok(
      operations[operationId].statuses.includes(answer.status),
      `undocumented: sent ${sent}\ngot ${got}`,
    );
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    const validate = responseValidator(operationId, answer.status);
    assert.ok(validate?.(answer.body), `sent ${sent}\ngot ${got}\n${describeErrors(validate?.errors)}`);
  });
}

for (const operationId of operationIds) {
  test(`${operationId}: random bodies never give a 5xx or an undocumented answer`, async () => {
    const tenant = await createTenant(env.url);
    const others = [await createTenant(env.url), await createTenant(env.url)];
    // Real links and recipient tokens, so random ids and splits also reach the handlers' own rules.
    const linkIds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await tenant.call('createLink', { amount: i + 1, recipient_note: `seed ${i}` });
      linkIds.push(created.body.data.id);
    }
    await payLink(env.url, linkIds[0]!);
    const context = { recipientTokens: [...others, tenant].map((t) => t.recipientToken), linkIds };
    await fc.assert(answersWell(env.url, tenant.token, operationId, context), { numRuns: RUNS });
  });
}

test('the property does catch a sandbox that crashes on malformed JSON', async () => {
  const broken = await startSandbox({ port: 0, brokenMode: 'crash-on-bad-json' });
  try {
    const tenant = await createTenant(broken.url);
    const context = { recipientTokens: [], linkIds: [] };
    const result = await fc.check(answersWell(broken.url, tenant.token, 'createLink', context), {
      numRuns: RUNS,
      endOnFailure: true,
    });
    assert.equal(result.failed, true, 'no random body found the crash');
  } finally {
    await broken.close();
  }
});
