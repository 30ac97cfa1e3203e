/**
 * What `npm run webhooks` refuses, each in one line with exit 2 and nothing on stdout: nothing
 * answering at --to (with the code and how to start the example receiver), a host that is not
 * loopback (before any connection: noConnections.mjs records every TCP connection the command
 * attempts, and refuses it), options it cannot use. Only loopback is ever contacted here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertKeyNowhere, testKey } from './keyNowhere.ts';
import { runWebhooks, type WebhooksRun } from './testReceivers.ts';

const spy = fileURLToPath(new URL('./noConnections.mjs', import.meta.url));

/** A loopback port nothing listens on (one the system just gave out and took back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** The run with every TCP connection it attempts recorded and refused. */
async function spied(
  args: string[],
): Promise<{ run: WebhooksRun; attempts: { host: string; port: string }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-connections-'));
  const log = join(dir, 'connections.jsonl');
  try {
    const run = await runWebhooks(args, { CONNECTIONS_LOG: log, NODE_OPTIONS: `--import=${spy}` });
    let lines = '';
    try {
      lines = readFileSync(log, 'utf8');
    } catch {
      // No attempt at all: the file was never written.
    }
    const attempts = lines
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    return { run, attempts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertOneLine(run: WebhooksRun, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^[^\n]+\n$/, 'one line');
  assert.match(run.stderr, pattern);
  assert.equal(run.json, '', 'no report for a run that could not start');
}

test('nothing listening at --to: one line with the error code and how to start a receiver, exit 2', {
  timeout: 240_000,
}, async () => {
  const port = await closedPort();
  const run = await runWebhooks(['--to', `http://127.0.0.1:${port}/hook`]);
  assertOneLine(
    run,
    new RegExp(
      `^nothing answers at http://127\\.0\\.0\\.1:${port}/hook: ECONNREFUSED .*node webhook-receiver\\.mjs \\(README\\.md, "Test your webhook receiver"\\)`,
    ),
  );
});

test('the connection spy sees a connection to loopback (so its silence below means something)', {
  timeout: 240_000,
}, async () => {
  const port = await closedPort();
  const { run, attempts } = await spied(['--to', `http://127.0.0.1:${port}/hook`]);
  assertOneLine(run, /ECONNREFUSED/);
  assert.deepEqual(attempts, [{ host: '127.0.0.1', port: String(port) }]);
});

test('--to a host that is not loopback, without --allow-remote: one line, exit 2, no connection', {
  timeout: 240_000,
}, async () => {
  const { run, attempts } = await spied(['--to', 'http://10.0.0.1/']);
  assertOneLine(
    run,
    /^--to 10\.0\.0\.1 is not a loopback address \(127\.0\.0\.0\/8, ::1, localhost\): give --allow-remote to send there \(npm run webhooks -- --help lists the options\)\n$/,
  );
  assert.deepEqual(attempts, []);
});

test('--fulfilments off loopback is refused the same way, before anything is sent', {
  timeout: 240_000,
}, async () => {
  const { run, attempts } = await spied([
    '--to',
    'http://127.0.0.1:9/hook',
    '--fulfilments',
    'http://receiver.example/fulfilments',
  ]);
  assertOneLine(run, /^--fulfilments receiver\.example is not a loopback address/);
  assert.deepEqual(attempts, []);
});

test('options it cannot use: one line each, exit 2, the key never quoted', { timeout: 240_000 }, async () => {
  const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
    [
      [],
      {},
      /^--to URL is required: the receiver's notification URL, e\.g\. --to http:\/\/127\.0\.0\.1:3000\/hook/,
    ],
    [
      ['--to', 'http://127.0.0.1:3000/hook', '--amount', '1.005'],
      {},
      /^--amount takes an amount from 0.01 to 999999.99/,
    ],
    [['--to', 'ftp://127.0.0.1/'], {}, /^--to takes an http or https URL, not ftp:/],
    [
      ['--to', 'http://127.0.0.1:3000/', '--encryption-key', testKey.slice(1)],
      {},
      /^--encryption-key: an encryption key has 32 characters, this one has 31/,
    ],
    [
      ['--to', 'http://127.0.0.1:3000/'],
      { SECPAID_WEBHOOK_KEY: `${testKey} ` },
      /^SECPAID_WEBHOOK_KEY: an encryption key has 32 characters, this one has 33/,
    ],
    [
      ['--to', 'http://127.0.0.1:3000/', '--reports', '/proc/no-such-dir/reports'],
      {},
      /^cannot write reports to \/proc\/no-such-dir\/reports/,
    ],
    // `npm run webhooks --encryption-key KEY` (no `--`): npm takes the option, the key is left as an argument.
    [
      [testKey, '--to', 'http://127.0.0.1:3000/'],
      { npm_config_encryption_key: 'true' },
      /^npm took --encryption-key for one of its own settings/,
    ],
    [
      [testKey, '--to', 'http://127.0.0.1:3000/'],
      {},
      /^Unexpected argument '«redacted»'\. This command does not take positional arguments; options go after `--`/,
    ],
  ];
  for (const [args, env, said] of cases) {
    const run = await runWebhooks(args, env);
    assertOneLine(run, said);
    assertKeyNowhere(run);
    assertKeyNowhere(run, testKey.slice(1));
  }
});
