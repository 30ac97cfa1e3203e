import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRedactor, markerPattern, redactedAs, redactedMarker } from './redact.ts';
import { foreignMarkers } from './testing/redactionMarkers.ts';

const token = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

test('a known secret disappears everywhere, raw and URL-encoded, as the one marker', () => {
  const redact = makeRedactor([token, 'a+b/c=secretvalue']);
  const out = redact(`Authorization failed for ${token}; form: t=${encodeURIComponent('a+b/c=secretvalue')}`);
  assert.equal(out, 'Authorization failed for «redacted»; form: t=«redacted»');
});

test('a secret that contains another is replaced whole', () => {
  assert.equal(makeRedactor(['abcdefgh', 'abcdefgh12345678'])('x abcdefgh12345678 y'), 'x «redacted» y');
});

test('token headers and key fields (token, recipient_token, encryption_key) are masked even when unknown', () => {
  const redact = makeRedactor([]);
  assert.equal(redact('token: abc123'), 'token: «redacted»');
  assert.equal(redact('{"token":"zz","share":50}'), '{"token":"«redacted»","share":50}');
  assert.equal(
    redact('{"encryption_key":"a\\"b\\\\c","is_encryption":true}'),
    '{"encryption_key":"«redacted»","is_encryption":true}',
  );
  assert.equal(
    redact('"recipient":"[{\\"token\\":\\"zz\\",\\"share\\":50}]"'),
    '"recipient":"[{\\"token\\":\\"«redacted»\\",\\"share\\":50}]"',
  );
  assert.equal(
    redact('amount=1.00&encryption_key=a%26b%3Dc!x&is_encryption=true'),
    'amount=1.00&encryption_key=«redacted»&is_encryption=true',
  );
  const inJson = JSON.stringify({ body: 'amount=1&token=ab\\"c&encryption_key=x"y' });
  assert.deepEqual(JSON.parse(redact(inJson)), {
    body: 'amount=1&token=«redacted»\\"c&encryption_key=«redacted»"y',
  });
  assert.equal(redact('encryption_key=k%20ey&token=abc'), 'encryption_key=«redacted»&token=«redacted»');
  assert.equal(redact('GET /x?recipient_token=abc HTTP/1.1'), 'GET /x?recipient_token=«redacted» HTTP/1.1');
  assert.equal(
    redact('my_token=abc&encryption_key='),
    'my_token=abc&encryption_key=',
    'other names and empty values stay',
  );
  // A curl line reads the key from its variable: the splice holds no key, and stays shell.
  const splice = `'"$SECPAID_ENCRYPTION_KEY"'`;
  assert.equal(redact(`amount=1&encryption_key=${splice}'`), `amount=1&encryption_key=${splice}'`);
  assert.equal(redact(`{"encryption_key":"${splice}"}`), `{"encryption_key":"${splice}"}`);
  for (const escaped of [JSON.stringify(`encryption_key=${splice}'`), `encryption_key='&quot;$K&quot;''`])
    assert.equal(redact(escaped), escaped);
  const jsonInJson = JSON.stringify(`{"encryption_key":"${splice}"}`);
  assert.equal(redact(jsonInJson), jsonInJson);
});

test('a marker that names its variable is kept as it is', () => {
  const named = redactedAs('SECPAID_TOKEN_B');
  const redact = makeRedactor([], { freeText: true });
  assert.equal(redact(`token: ${named}`), `token: ${named}`);
  assert.equal(redact(`{"token": "${named}"}`), `{"token": "${named}"}`);
});

test('short strings are not secrets unless the caller lowers the bound', () => {
  assert.equal(makeRedactor(['abc1'])('abc1 abc1'), 'abc1 abc1');
  assert.equal(makeRedactor(['abc1'], { minSecretLength: 4 })('abc1 x'), '«redacted» x');
});

test('free text: values a log line presents as a token are masked; ordinary words are not', () => {
  const redact = makeRedactor([], { freeText: true });
  const cases: [string, string][] = [
    [`token ${'A'.repeat(70)} end`, 'token «redacted» end'],
    ['token=Abcdefghijklmnop1234&x=1', 'token=«redacted»&x=1'],
    ['recipient token (split): rcpt-ABCdef123456', 'recipient token (split): «redacted»'],
    ['token bucket refilled at 12:00', 'token bucket refilled at 12:00'],
  ];
  for (const [text, expected] of cases) assert.equal(redact(text), expected, text);
  // Without freeText, a report's prose about tokens stays as written.
  assert.equal(makeRedactor([])('the token header: received 401'), 'the token header: received 401');
});

test('the marker pattern matches the marker in both its forms, and nothing else', () => {
  const text = `${redactedMarker} ${redactedAs('SECPAID_TOKEN')} <redacted> [REDACTED] «redacted: lower»`;
  assert.deepEqual(text.match(new RegExp(markerPattern, 'g')), [redactedMarker, '«redacted: SECPAID_TOKEN»']);
});

test('foreign markers are named, the marker in both its forms is not', () => {
  const text = `${redactedMarker} ${redactedAs('SECPAID_TOKEN_B')} <redacted> [REDACTED] «Redacted»`;
  assert.deepEqual(foreignMarkers(text), ['<redacted>', '[REDACTED]', '«Redacted»']);
  assert.deepEqual(foreignMarkers('token: «redacted» and «redacted: SECPAID_TOKEN»'), []);
});

test('a token field holding more than one marker (a key variant like "K, K") becomes one marker', () => {
  const redact = makeRedactor([]);
  assert.equal(redact('token: «redacted», «redacted»'), 'token: «redacted»');
  assert.equal(redact('{"token": "«redacted», «redacted»"}'), '{"token": "«redacted»"}');
});
