import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRedactor } from '../../core/redact.ts';
import { excerpt } from '../checks/types.ts';
import { registerSecrets } from './redact.ts';
import { requestsLogText } from './requestsLog.ts';

const token = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

test('a token across the 4000-character cut of requests.log is redacted whole, not half kept', () => {
  const redact = makeRedactor([token]);
  const body = `${'x'.repeat(3990)}${token}${'y'.repeat(100)}`;
  const record = {
    at: '2025-01-01T00:00:00.000Z',
    method: 'POST',
    url: 'http://127.0.0.1/x',
    requestHeaders: {},
    ms: 1,
  };
  // The pipeline of writeReports: the log text, then the whole file through the redactor.
  const log = redact(
    requestsLogText([{ ...record, requestBody: body, status: 200, responseBody: body }], redact),
  );
  assert.ok(!log.includes(token.slice(0, 8)), 'the first part of the token survived the cut');
  assert.match(log, /x«redacted»/);
});

test('a token across the 240-character cut of a check message is redacted whole', () => {
  registerSecrets(token);
  const shown = excerpt(`${'x'.repeat(230)}${token}`);
  assert.ok(!shown.includes(token.slice(0, 8)), shown);
  const unknown = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp';
  const field = excerpt({ filler: 'x'.repeat(215), token: unknown });
  assert.ok(!field.includes(unknown.slice(0, 8)), field);
});
