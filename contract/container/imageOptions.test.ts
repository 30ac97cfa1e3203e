import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ImageArgs,
  ImageUsageError,
  parseDuration,
  parseImageOptions,
  parseWait,
} from './imageOptions.ts';
import { redact, secretValues } from './redact.ts';

test('--image options: defaults are the sandbox health path and 60 s, PORT chosen by the harness', () => {
  const options = parseImageOptions({ image: 'backend:abc' });
  assert.deepEqual(options.wait, { kind: 'http', path: '/sandbox/health' });
  assert.equal(options.startupTimeoutMs, 60_000);
  assert.equal(options.port, undefined);
  assert.deepEqual(options.env, {});
});

test('--image options: port, repeatable env (values may hold =), log wait, durations', () => {
  const options = parseImageOptions({
    image: 'backend:abc',
    'image-port': '8080',
    'image-env': ['DATABASE_URL=postgres://u@h/db?a=b', 'EMPTY='],
    'image-wait': 'log:Listening on \\d+',
    'image-startup-timeout': '2m',
  });
  assert.equal(options.port, 8080);
  assert.deepEqual(options.env, { DATABASE_URL: 'postgres://u@h/db?a=b', EMPTY: '' });
  assert.ok(options.wait.kind === 'log' && options.wait.pattern.test('Listening on 8080'));
  assert.equal(options.startupTimeoutMs, 120_000);
  assert.equal(parseDuration('1500ms'), 1_500);
  assert.deepEqual(parseWait('http:/health'), { kind: 'http', path: '/health' });
});

test('--image options: bad values are refused with the option name', () => {
  const cases: [ImageArgs, string][] = [
    [{ image: 'x', 'image-port': '0' }, '--image-port'],
    [{ image: 'x', 'image-env': ['NOVALUE'] }, '--image-env'],
    [{ image: 'x', 'image-wait': 'tcp:80' }, '--image-wait'],
    [{ image: 'x', 'image-wait': 'log:(' }, '--image-wait'],
    [{ image: 'x', 'image-startup-timeout': '5h' }, '--image-startup-timeout'],
    [{}, '--image'],
  ];
  for (const [args, flag] of cases) {
    assert.throws(
      () => parseImageOptions(args),
      (error: Error) => error instanceof ImageUsageError && error.message.includes(flag),
    );
  }
});

test('container logs: secret env values and token-shaped values are masked', () => {
  const secrets = secretValues({
    SECPAID_TOKEN: 'Abcdefghijklmnop1234',
    DB_PASSWORD: 'hunter22',
    PORT: '8080',
  });
  assert.deepEqual(secrets, ['Abcdefghijklmnop1234', 'hunter22']);
  const text =
    'login with hunter22\napi token: ZYXWVUTSRQPONMLK9876 accepted\nkey Abcdefghijklmnop1234 on port 8080';
  assert.equal(
    redact(text, secrets),
    'login with «redacted»\napi token: «redacted» accepted\nkey «redacted» on port 8080',
  );
});
