/**
 * The bundled spec holds what the harness relies on: seven operations, every documented status, the
 * two webhooks, and every example (the operations' and the webhooks') valid against its schema
 * (ajv + ajv-formats on generated/openapi.json, the same validators the sandbox and the contract
 * suite use).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiDocument,
  type JsonSchema,
  operationIds,
  operations,
  webhookNames,
  webhookRequestSchema,
} from './spec.ts';
import { describeErrors, responseValidator, schemaValidator } from './validators.ts';

type Media = { schema: JsonSchema; examples?: Record<string, { value: unknown }> };
type Op = {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
  'x-seed-example-rejected'?: { value: unknown };
};

const ops = Object.values(apiDocument.paths).map(
  (item) => item.post as unknown as Op & { operationId: string },
);
/** What SecPaid sends to an integrator: their examples are checked like the operations'. */
const webhookOps = Object.values(apiDocument.webhooks).flatMap((item) =>
  Object.values(item).map((op) => op as unknown as Op & { operationId: string }),
);

test('the bundled spec has the seven operations, each POST /api/v2/<operationId>', () => {
  assert.deepEqual(Object.keys(operations).sort(), [...operationIds].sort());
  for (const id of operationIds) assert.equal(operations[id].path, `/api/v2/${id}`);
});

test('every operation documents 200, 201, 400, 401, 403, 429 and 500; deleteLink also 404', () => {
  for (const id of operationIds) {
    const expected =
      id === 'deleteLink' ? [200, 201, 400, 401, 403, 404, 429, 500] : [200, 201, 400, 401, 403, 429, 500];
    assert.deepEqual(operations[id].statuses, expected, id);
  }
});

test('the webhooks are the payment notification (POST, form or JSON) and the callback redirect (GET)', () => {
  assert.deepEqual(Object.keys(apiDocument.webhooks).sort(), [...webhookNames].sort());
  assert.deepEqual(Object.keys(apiDocument.webhooks.paymentNotification!), ['post']);
  assert.deepEqual(Object.keys(apiDocument.webhooks.paymentCallback!), ['get']);
  for (const mediaType of ['application/x-www-form-urlencoded', 'application/json'])
    assert.ok(webhookRequestSchema('paymentNotification', mediaType), mediaType);
  assert.equal(webhookRequestSchema('paymentCallback', 'application/json'), undefined);
});

test('every named example (seed and harness) is valid against its media type schema', () => {
  let checked = 0;
  let webhookExamples = 0;
  for (const op of [...ops, ...webhookOps]) {
    const media: [string, Media][] = [
      ...Object.entries(op.requestBody?.content ?? {}).map(
        ([t, m]) => [`${op.operationId} request ${t}`, m] as [string, Media],
      ),
      ...Object.entries(op.responses).flatMap(([status, r]) =>
        Object.entries(r.content ?? {}).map(
          ([t, m]) => [`${op.operationId} ${status} ${t}`, m] as [string, Media],
        ),
      ),
    ];
    for (const [where, m] of media) {
      for (const [name, example] of Object.entries(m.examples ?? {})) {
        const validate = schemaValidator(m.schema);
        assert.ok(validate(example.value), `${where} example ${name}: ${describeErrors(validate.errors)}`);
        checked++;
        if (webhookOps.includes(op)) webhookExamples++;
      }
    }
  }
  // 3 seed success answers, 5 seed errors used by 7 operations, 2 seed requests in 2 media types, ...
  assert.ok(checked >= 50, `only ${checked} examples were checked`);
  // Paid and cancelled as forms, cancelled as JSON, paid encrypted.
  assert.ok(webhookExamples >= 4, `only ${webhookExamples} webhook examples were checked`);
});

test('the seed placeholder pay-in example is rejected by the pay-in list schema, as DECISIONS.md says', () => {
  const op = ops.find((o) => o.operationId === 'getPayInTransactions')!;
  const rejected = op['x-seed-example-rejected'];
  assert.ok(rejected, 'x-seed-example-rejected is missing');
  const validate = responseValidator('getPayInTransactions', 200)!;
  assert.equal(validate(rejected.value), false);
  const problems = describeErrors(validate.errors);
  for (const field of ['ResponseCode', 'Result', 'created_at']) assert.match(problems, new RegExp(field));
});

test('response schemas allow unknown fields (drift), request schemas reject them', () => {
  const created = responseValidator('createLink', 200)!;
  const seed = (ops[0]!.responses['200']!.content!['application/json']!.examples!.seed!.value ??
    {}) as Record<string, unknown>;
  assert.ok(created({ ...seed, brandNewField: 1 }), describeErrors(created.errors));
  const request = schemaValidator(operations.createLink.requestSchemas['application/json']!);
  assert.equal(request({ amount: 1, amout: 2 }), false);
});
