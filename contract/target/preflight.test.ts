/**
 * `npm run contract -- --base-url …` refuses a run set up wrongly before any suite starts: one line
 * on stderr saying what is wrong and what to do, exit 2. Each mistake is made here as a user would
 * make it, against a sandbox started in this process (or a port just closed), on 127.0.0.1 only.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createControlClient, type Tenant } from '../../client/controlClient.ts';
import { closedPort } from '../../client/recordingServer.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { type Spawned, spawnTsx } from '../selftest/spawnTsx.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let owner: Tenant;
let other: Tenant;
const dirs: string[] = [];

function reportsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-preflight-'));
  dirs.push(dir);
  return dir;
}

/** The CLI with `args`, its reports in a fresh directory, and only the keys given here. */
function contract(args: string[], keys: NodeJS.ProcessEnv = {}): Promise<Spawned & { dir: string }> {
  const dir = reportsDir();
  const env = { SECPAID_TOKEN: '', SECPAID_TOKEN_B: '', SECPAID_RECIPIENT_TOKEN: '', ...keys };
  return spawnTsx('contract/cli.ts', [...args, '--reports', dir], env).then((run) => ({ ...run, dir }));
}

/** Exit 2 and exactly one line on stderr, which is returned. */
function refusedInOneLine(run: Spawned): string {
  assert.equal(run.code, 2, run.stdout.slice(-2000) + run.stderr);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/, 'a stack trace');
  return lines[0]!;
}

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  const control = createControlClient({ baseUrl: sandbox.url });
  [owner, other] = [await control.createTenant(), await control.createTenant()];
});

after(async () => {
  await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('checks before the run', { timeout: 180_000 }, () => {
  test('a base URL without a scheme: the URL meant', async () => {
    for (const [given, meant] of [
      ['127.0.0.1:4010', 'http://127.0.0.1:4010'],
      ['localhost:4010', 'http://localhost:4010'],
    ]) {
      const line = refusedInOneLine(await contract(['--base-url', given!]));
      assert.equal(
        line,
        `--base-url needs a scheme: ${meant}, not ${given} (npm run contract -- --help lists the options)`,
      );
    }
  });

  test('a base URL ending in /api/v2: the harness appends it itself', async () => {
    const line = refusedInOneLine(await contract(['--base-url', `${sandbox.url}/api/v2/`]));
    assert.equal(
      line,
      `--base-url ends in /api/v2, but the harness appends the operation paths (/api/v2/createLink) itself: give ${sandbox.url} (npm run contract -- --help lists the options)`,
    );
  });

  test('nothing listening: the URL, the error code and how to start a sandbox', async () => {
    const port = await closedPort();
    const run = await contract(['--base-url', `http://127.0.0.1:${port}`], { SECPAID_TOKEN: owner.token });
    assert.equal(
      refusedInOneLine(run),
      `contract run could not run: nothing answers at http://127.0.0.1:${port} (ECONNREFUSED): start the server, or a local sandbox there with npm run sandbox -- --port ${port}`,
    );
    assert.doesNotMatch(
      run.stdout,
      /generated phase: seed/,
      'a run that never started has no seed to replay',
    );
  });

  test('https:// to a server that speaks plain HTTP: it answers, and the URL meant', async () => {
    const url = sandbox.url.replace(/^http:/, 'https:');
    const run = await contract(['--base-url', url]);
    assert.match(
      refusedInOneLine(run),
      new RegExp(
        `^contract run could not run: ${url.replace(/[.]/g, '\\.')} answers, but not over TLS \\([A-Z_]+\\): did you mean ${sandbox.url.replace(/[.]/g, '\\.')}\\?$`,
      ),
    );
  });

  test('keys the server does not accept: each variable named with the answer, never the key', async () => {
    const unknown = `NoSuchUser${'7'.repeat(22)}`;
    const malformed = 'not-a-key';
    const run = await contract(['--base-url', sandbox.url, '--env-tokens'], {
      SECPAID_TOKEN: unknown,
      SECPAID_TOKEN_B: malformed,
    });
    assert.equal(
      refusedInOneLine(run),
      `contract run could not run: ${sandbox.url} does not accept SECPAID_TOKEN (HTTP 201 UserNotFound: no account has this key) nor SECPAID_TOKEN_B (HTTP 401 Unauthorized: not a valid key (malformed, or cut short)): set them to the API key of an account on this server`,
    );
    for (const key of [unknown, malformed])
      assert.ok(!(run.stdout + run.stderr).includes(key), 'a key was printed');
    assert.ok(!existsSync(join(run.dir, 'junit.xml')), 'suites ran');

    const one = await contract(['--base-url', sandbox.url, '--env-tokens'], {
      SECPAID_TOKEN: unknown,
      SECPAID_TOKEN_B: other.token,
    });
    assert.match(
      refusedInOneLine(one),
      /does not accept SECPAID_TOKEN \(HTTP 201 UserNotFound: .*\): set it to/,
    );
  });

  test('no second key where the isolation tests need one: refused, unless --single-account', async () => {
    const args = ['--base-url', sandbox.url, '--env-tokens', '--only', 'createLink', '--generate', '0'];
    const refused = await contract(args, { SECPAID_TOKEN: owner.token });
    assert.equal(
      refusedInOneLine(refused),
      'contract run could not run: SECPAID_TOKEN_B is not set, but the isolation tests of createLink need a second account: set it to another account\'s API key (a sandbox prints one at start; contract/README.md, "Keys for a run against a URL"), or pass --single-account to skip them as not provokable',
    );
    assert.ok(!existsSync(join(refused.dir, 'junit.xml')), 'suites ran');

    // The same key twice is no second account either.
    const twice = await contract(args, { SECPAID_TOKEN: owner.token, SECPAID_TOKEN_B: owner.token });
    assert.match(
      refusedInOneLine(twice),
      /SECPAID_TOKEN_B is the same key as SECPAID_TOKEN: the isolation tests need another account's key/,
    );

    // The opt-out keeps what a single account cannot do skipped, with the reason, in the matrix.
    const single = await contract([...args, '--single-account'], { SECPAID_TOKEN: owner.token });
    assert.equal(single.code, 0, single.stdout.slice(-3000) + single.stderr);
    const coverage = JSON.parse(readFileSync(join(single.dir, 'coverage.json'), 'utf8')) as {
      cells: { operationId: string; status: number; reasons: string[] }[];
    };
    const created = coverage.cells.find((c) => c.operationId === 'createLink' && c.status === 200)!;
    assert.ok(
      created.reasons.some((r) => r.includes('a second account is needed: set SECPAID_TOKEN_B')),
      JSON.stringify(created),
    );
    assert.match(
      readFileSync(join(single.dir, 'junit.xml'), 'utf8'),
      /not provokable on this target: a second account is needed: set SECPAID_TOKEN_B/,
    );
  });
});
