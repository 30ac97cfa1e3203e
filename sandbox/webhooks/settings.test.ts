import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSandbox } from '../index.ts';
import { allowHostProblem } from './allowedHost.ts';
import { webhookSettings } from './settings.ts';

test('the defaults: 5 s an attempt, 3 retries after 1 s, 2 s and 4 s, loopback only', () => {
  assert.deepEqual(webhookSettings(), { timeoutMs: 5000, retries: 3, retryDelayMs: 1000, allowHosts: [] });
});

test('values out of range and hosts that are not hosts are refused, naming the option', () => {
  assert.throws(
    () => webhookSettings({ timeoutMs: 0 }),
    /^RangeError: webhooks.timeoutMs must be a whole number from 1 to 300000, not 0$/,
  );
  assert.throws(
    () => webhookSettings({ retries: 1.5 }),
    /^RangeError: webhooks.retries must be a whole number from 0 to 10, not 1.5$/,
  );
  assert.throws(
    () => webhookSettings({ retryDelayMs: -1 }),
    /webhooks.retryDelayMs must be a whole number from 0 to 600000/,
  );
  assert.throws(
    () => webhookSettings({ allowHosts: ['http://x'] }),
    /^RangeError: webhooks.allowHosts: "http:\/\/x" is not a host name/,
  );
});

test('allowed hosts are kept as URL.hostname writes them', () => {
  assert.deepEqual(webhookSettings({ allowHosts: ['Hooks.Example.test', '::1'] }).allowHosts, [
    'hooks.example.test',
    '[::1]',
  ]);
});

test('a host that fits the pattern but no URL (256.1.1.1, a zone id) is refused in one line, not as "Invalid URL"', async () => {
  for (const host of ['256.1.1.1', 'fe80::1%eth0']) {
    assert.match(allowHostProblem(host) ?? '', /is not a host name or IP address/, host);
    await assert.rejects(
      startSandbox({ port: 0, webhooks: { allowHosts: [host] } }),
      (error: Error) =>
        error instanceof RangeError &&
        error.message === `webhooks.allowHosts: ${allowHostProblem(host)}` &&
        !error.message.includes('\n'),
    );
  }
});
