import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pactum from 'pactum';
import { jsonReply, startRecordingServer } from '../../client/recordingServer.ts';
import { sharedAjvSchemaAdapter } from './schemaAdapter.ts';

let server: Awaited<ReturnType<typeof startRecordingServer>>;
before(async () => {
  server = await startRecordingServer();
  pactum.settings.setLogLevel('SILENT');
  pactum.settings.setJsonSchemaAdapter(sharedAjvSchemaAdapter);
});
after(() => server.close());

const money = {
  type: 'object',
  required: ['amount', 'day'],
  properties: { amount: { type: 'number', multipleOf: 0.01 }, day: { type: 'string', format: 'date' } },
};

test('expectJsonSchema passes what the shared ajv accepts: 0.07 is a whole number of cents', async () => {
  // A binary-float multipleOf says 0.07 is not a multiple of 0.01; the harness's ajv says it is.
  server.setReply(jsonReply(200, { amount: 0.07, day: '2026-12-02' }));
  await pactum.spec().get(`${server.url}/x`).expectJsonSchema(money).toss();
});

test('expectJsonSchema fails with the shared words for what the shared ajv refuses', async () => {
  server.setReply(jsonReply(200, { amount: 0.071, day: '2 Dec' }));
  await assert.rejects(
    pactum.spec().get(`${server.url}/x`).expectJsonSchema(money).toss(),
    (error: Error) => {
      assert.match(error.message, /amount must be a multiple of 0\.01 \(at most 2 decimals\)/);
      assert.match(error.message, /day must match format "date"/);
      return true;
    },
  );
});
