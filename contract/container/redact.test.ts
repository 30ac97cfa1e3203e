/**
 * Container-log redaction against what the sandbox image really prints at start (sandbox/main.ts):
 * the demo API key and the demo recipient token must both be masked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foreignMarkers } from '../../core/testing/redactionMarkers.ts';
import { spawnSandbox } from '../../sandbox/spawn.ts';
import { logTail, redact } from './redact.ts';

/** The sandbox's start-up lines, up to its `try:` line, then it is stopped. */
async function sandboxBanner(): Promise<string> {
  const sandbox = await spawnSandbox(['--port', '0']);
  try {
    return await sandbox.waitForOutput(/^try: .*$/m);
  } finally {
    await sandbox.stop();
  }
}

test('the sandbox banner: both demo keys and the demo recipient token are masked, nothing else is', async () => {
  const banner = await sandboxBanner();
  const key = /demo account: token ([A-Za-z0-9]+)/.exec(banner)?.[1];
  const second = /second account: token ([A-Za-z0-9]+)/.exec(banner)?.[1];
  const recipient = /demo recipient token \(for createSplitLink\): (\S+)/.exec(banner)?.[1];
  assert.ok(key && second && recipient, `the banner's format changed: ${banner}`);
  const masked = redact(banner, []);
  assert.ok(!masked.includes(key), `the demo key survived: ${masked}`);
  assert.ok(!masked.includes(second), `the second demo key survived: ${masked}`);
  assert.ok(!masked.includes(recipient), `the demo recipient token survived: ${masked}`);
  assert.match(masked, /\(SECPAID_TOKEN\)\n/);
  assert.match(masked, /\(SECPAID_TOKEN_B\)\n/);
  assert.match(masked, /listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.match(masked, /demo recipient token \(for createSplitLink\): «redacted»/);
  assert.deepEqual(foreignMarkers(masked), []);
});

test('token-shaped values in any spelling are masked, whole', () => {
  const long = 'A'.repeat(70);
  const cases: [string, string][] = [
    [`token ${long} end`, 'token «redacted» end'],
    ['"token":"Abcdefghijklmnop1234"', '"token":"«redacted»"'],
    ['token=Abcdefghijklmnop1234&x=1', 'token=«redacted»&x=1'],
    ['recipient token (split): rcpt-ABCdef123456', 'recipient token (split): «redacted»'],
    ['token bucket refilled at 12:00', 'token bucket refilled at 12:00'],
  ];
  for (const [text, expected] of cases) assert.equal(redact(text, []), expected, text);
});

test('a kept log tail starts at a line, so no token is cut away from its label', () => {
  const log = `demo account: token Abcdefghijklmnop1234abcd\nnext line\n`;
  const tail = logTail(log, log.length - 25);
  assert.equal(tail, 'next line\n');
  assert.equal(logTail(log, 1000), log);
});
