import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRedactor } from './redact.ts';

const token = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

test('a known token disappears everywhere, raw and URL-encoded', () => {
  const redact = makeRedactor([token, 'a+b/c=secretvalue']);
  const text = `Authorization failed for ${token}; form: t=${encodeURIComponent('a+b/c=secretvalue')}`;
  const out = redact(text);
  assert.ok(!out.includes(token));
  assert.ok(!out.includes('secretvalue'));
});

test('token headers and token fields are masked even when unknown', () => {
  const redact = makeRedactor([]);
  assert.equal(redact('token: abc123'), 'token: «redacted»');
  assert.equal(redact('{"token":"zz","share":50}'), '{"token":"«redacted»","share":50}');
  assert.equal(
    redact('"recipient":"[{\\"token\\":\\"zz\\",\\"share\\":50}]"'),
    '"recipient":"[{\\"token\\":\\"«redacted»\\",\\"share\\":50}]"',
  );
});

test('short strings are not treated as secrets', () => {
  assert.equal(makeRedactor(['abc'])('abc abc'), 'abc abc');
});
