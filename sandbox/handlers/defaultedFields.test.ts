/** The handlers' body types say which fields are always there; the spec's defaults decide that. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type JsonSchema, operationIds, operations } from '../../core/spec.ts';
import { readApiRequest } from '../http/readRequest.ts';
import { defaultedFields } from './types.ts';

function fieldsWithDefault(schema: JsonSchema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.keys(properties).filter((name) => 'default' in properties[name]!);
}

for (const operationId of operationIds) {
  test(`${operationId}: the fields typed as always there are the ones the spec gives a default`, () => {
    const schemas = Object.entries(operations[operationId].requestSchemas);
    assert.ok(schemas.length > 0);
    for (const [mediaType, schema] of schemas)
      assert.deepEqual(
        fieldsWithDefault(schema).sort(),
        [...defaultedFields[operationId]].sort(),
        `${operationId} ${mediaType}`,
      );
  });
}

test('a validated body has its defaults filled in, from a form and from JSON', () => {
  const form = readApiRequest(
    'getPayInTransactions',
    'application/x-www-form-urlencoded',
    Buffer.from('search=x'),
  );
  assert.deepEqual({ page: form.page, limit: form.limit }, { page: 1, limit: 200 });
  const json = readApiRequest(
    'createSplitLink',
    'application/json',
    Buffer.from('{"amount":1,"recipients":[{"token":"rcpt-a","share":50}]}'),
  );
  assert.equal(json.split_type, 'normal');
  assert.deepEqual(readApiRequest('getMyUsedLinks', undefined, Buffer.alloc(0)), { limit: 10 });
});
