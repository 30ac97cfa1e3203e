import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operations } from '../../core/spec.ts';
import { unknownFields } from './drift.ts';

const listSchema = operations.getMyUnusedLinks.responseSchema(200);

test('drift walks allOf and array items, reporting unknown paths once', () => {
  const body = {
    ResponseCode: 1,
    data: [
      { linktopay_id: '1', pay_link: 'x', secret_flag: true },
      { linktopay_id: '2', secret_flag: false, nested: { a: 1 } },
    ],
    totalRecords: 2,
    page_hint: 3,
  };
  assert.deepEqual(unknownFields(listSchema, body), ['data[].nested', 'data[].secret_flag', 'page_hint']);
});

test('drift follows oneOf branches (recipients: null or JSON text) without false alarms', () => {
  const item = { linktopay_id: '1', recipients: null, is_split_link: 'false' };
  assert.deepEqual(unknownFields(listSchema, { data: [item] }), []);
});

test('no schema, no drift', () => assert.deepEqual(unknownFields(undefined, { a: 1 }), []));
