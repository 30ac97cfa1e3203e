/**
 * The options of `npm run webhooks`, read without running anything: defaults a receiver can match to
 * an order, where the key comes from, which hosts are refused (and allowed with --allow-remote:
 * checked here on the text alone, never by sending anything), mistakes in one line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testKey } from './keyNowhere.ts';
import { readReceiverTestArgs, urlProblem } from './options.ts';

const to = ['--to', 'http://127.0.0.1:3000/hook'];
const values = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const read = readReceiverTestArgs(args, env);
  assert.equal(read.kind, 'values', read.kind === 'values' ? '' : read.text);
  return (read as Extract<typeof read, { kind: 'values' }>).values;
};
const mistake = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const read = readReceiverTestArgs(args, env);
  assert.equal(read.kind, 'mistake');
  return (read as { text: string }).text;
};

test('defaults: pay_id 1001, 19.99, b44c4429-4a7b-4e27-85af-c1c2f43f4ffe, note "Order #1001", reports/, 5000 ms, no key', () => {
  assert.deepEqual(values(to), {
    to: 'http://127.0.0.1:3000/hook',
    notification: {
      event: 'paid',
      payId: 1001,
      userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
      amountCents: 1999,
      note: 'Order #1001',
    },
    reportDir: 'reports',
    timeoutMs: 5000,
  });
  const given = values([
    ...to,
    '--pay-id',
    '42',
    '--amount',
    '7.5',
    '--user-id',
    'b44c',
    '--timeout-ms',
    '250',
  ]);
  assert.deepEqual(given.notification, {
    event: 'paid',
    payId: 42,
    userId: 'b44c',
    amountCents: 750,
    note: 'Order #42',
  });
  assert.equal(given.timeoutMs, 250);
});

test('the key: from SECPAID_WEBHOOK_KEY, or --encryption-key over it; an empty variable is none', () => {
  assert.equal(values(to, { SECPAID_WEBHOOK_KEY: testKey }).encryptionKey, testKey);
  const other = 'A'.repeat(32);
  assert.equal(
    values([...to, '--encryption-key', other], { SECPAID_WEBHOOK_KEY: testKey }).encryptionKey,
    other,
  );
  assert.equal(values(to, { SECPAID_WEBHOOK_KEY: '' }).encryptionKey, undefined);
  const text = mistake([...to, '--encryption-key', `${testKey.slice(0, 20)} with space`]);
  assert.match(text, /^--encryption-key: an encryption key has 32 characters, this one has 31/);
  assert.ok(!text.includes(testKey.slice(0, 20)));
});

test('loopback hosts pass; any other host only with --allow-remote (judged on the text, nothing sent)', () => {
  for (const url of [
    'http://127.0.0.1:3000/',
    'http://127.9.8.7/',
    'http://[::1]:3000/x',
    'https://localhost/',
  ])
    assert.equal(urlProblem('--to', url, false), undefined, url);
  for (const url of ['http://10.0.0.1/', 'http://0.0.0.0/', 'http://example.com/'])
    assert.match(urlProblem('--to', url, false)!, /is not a loopback address .*give --allow-remote/, url);
  assert.equal(urlProblem('--to', 'http://10.0.0.1/', true), undefined);
  assert.match(urlProblem('--to', 'http://user:pw@127.0.0.1/', true)!, /without credentials/);
  assert.match(urlProblem('--to', '127.0.0.1:3000', false)!, /is not a URL|http or https/);
  assert.match(urlProblem('--to', 'hook', false)!, /hook is not a URL/);
});

test('mistakes are one line that points to --help', () => {
  const cases: [string[], RegExp][] = [
    [[], /^--to URL is required/],
    [[...to, '--pay-id', '0'], /^--pay-id takes a whole number >= 1, not '0'/],
    [[...to, '--timeout-ms', '600001'], /^--timeout-ms takes at most 600000, not 600001/],
    [[...to, '--amount', '0'], /^--amount takes an amount from 0.01 to 999999.99/],
    [[...to, '--amount', '1000000.00'], /^--amount takes an amount from 0.01 to 999999.99/],
    [
      [...to, '--amount', '1e3'],
      /^--amount takes an amount from 0.01 to 999999.99 with at most two decimals, e\.g\. 19\.99, not '1e3'/,
    ],
    [[...to, '--user-id', ' '], /^--user-id takes a non-empty id/],
    [[...to, '--fulfilment', 'x'], /^Unknown option '--fulfilment'; did you mean --fulfilments\?/],
  ];
  for (const [args, said] of cases) {
    const text = mistake(args);
    assert.match(text, said, args.join(' '));
    assert.match(text, / \(npm run webhooks -- --help lists the options\)$/);
    assert.ok(!text.includes('\n'));
  }
  assert.equal(readReceiverTestArgs(['--help'], {}).kind, 'help');
});
