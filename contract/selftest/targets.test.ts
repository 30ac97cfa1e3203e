/**
 * The command against a server it did not start: with the sandbox control API, with only API keys
 * from the environment (what a real server gives), read-only, and refused for production. Also the
 * promise that no API key ever reaches a report or the console.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createControlClient, type Tenant } from '../../client/controlClient.ts';
import { createSecPaidClient } from '../../client/secpaidClient.ts';
import { foreignMarkers } from '../../core/testing/redactionMarkers.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { spawnTsx } from './spawnTsx.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let owner: Tenant;
let other: Tenant;
let recipient: Tenant;
const dirs: string[] = [];

function reportsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-target-'));
  dirs.push(dir);
  return dir;
}

function readReports(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const envTokens = () => ({
  SECPAID_TOKEN: owner.token,
  SECPAID_TOKEN_B: other.token,
  SECPAID_RECIPIENT_TOKEN: recipient.recipient_token,
});

async function unusedCount(tenant: Tenant, url = sandbox.url): Promise<number> {
  const result = await createSecPaidClient({ baseUrl: url, token: tenant.token }).getMyUnusedLinks({});
  assert.ok(result.ok, `getMyUnusedLinks answered ${result.status}`);
  const total = result.body.totalRecords;
  assert.ok(total !== undefined, 'getMyUnusedLinks answered without totalRecords');
  return total;
}

/**
 * Every link id a server could make of a sent link_id by reading it loosely: the number truncated
 * or rounded (from its leading digits on), without its sign, and the decimal text inside base64.
 */
function looseLinkIds(value: string): number[] {
  const text = value.replace(/^"|"$/g, '');
  const readings = [Number.parseFloat(text)];
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  if (/^[0-9]+$/.test(decoded)) readings.push(Number(decoded));
  return readings.filter(Number.isFinite).flatMap((n) => [Math.trunc(Math.abs(n)), Math.round(Math.abs(n))]);
}

/** The link_id values of the deleteLink requests in requests.log (form, JSON and multipart bodies). */
function sentLinkIds(log: string): string[] {
  const ids: string[] = [];
  for (const block of log.split('\n\n=== ').filter((b) => b.includes('/api/v2/deleteLink'))) {
    const request = block.split('\n--> ')[0]!;
    for (const pattern of [
      /link_id=([^&\s]*)/g,
      /"link_id":\s*("[^"]*"|[^,}\s]*)/g,
      /name="link_id"\r?\n\r?\n(\S*)/g,
    ])
      for (const match of request.matchAll(pattern)) ids.push(decodeURIComponent(match[1]!));
  }
  return ids;
}

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  const control = createControlClient({ baseUrl: sandbox.url });
  [owner, other, recipient] = [
    await control.createTenant(),
    await control.createTenant(),
    await control.createTenant(),
  ];
});

after(async () => {
  await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A bound on five whole runs of the CLI, not a speed target: about a minute alone on a quiet 2-core
 * machine; beside the fault-mode self-test in a full `npm test` it took over two.
 */
const runsBoundMs = 300_000;

describe('npm run contract -- --base-url', { timeout: runsBoundMs }, () => {
  test('passes against a running sandbox through its control API', async () => {
    const dir = reportsDir();
    const run = await spawnTsx('contract/cli.ts', [
      '--base-url',
      sandbox.url,
      '--only',
      'createLink,deleteLink',
      '--reports',
      dir,
    ]);
    assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr);
    assert.match(run.stdout, /PASSED: \d+ passed, 0 failed, 0 skipped/);
  });

  test('with only API keys: passes, skips what it cannot provoke with the reason, cleans up, leaks no key', async () => {
    const dir = reportsDir();
    const run = await spawnTsx(
      'contract/cli.ts',
      ['--base-url', sandbox.url, '--env-tokens', '--reports', dir],
      envTokens(),
    );
    assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr);
    const reports = readReports(dir);
    const coverage = JSON.parse(reports['coverage.json']!) as {
      cells: { operationId: string; status: number; state: string; reasons: string[] }[];
    };
    for (const status of [403, 429, 500]) {
      const cells = coverage.cells.filter((c) => c.status === status);
      assert.equal(cells.length, 7);
      for (const cell of cells) {
        assert.equal(cell.state, 'notProvokable', `${cell.operationId} ${status}`);
        assert.match(cell.reasons.join(), /control API/);
      }
    }
    assert.match(reports['coverage.md']!, /not provokable on this target|Not provokable on this target/);
    assert.equal(await unusedCount(owner), 0, 'the run left links behind');
    const secrets = [
      owner.token,
      other.token,
      recipient.token,
      owner.recipient_token,
      recipient.recipient_token,
    ];
    for (const [name, text] of Object.entries({ ...reports, stdout: run.stdout, stderr: run.stderr })) {
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `${name} contains an API or recipient token`);
      assert.deepEqual(foreignMarkers(text), [], `${name} marks a secret otherwise than core/redact.ts`);
    }
    assert.match(reports['requests.log']!, /token: «redacted»/);
  });

  test('--read-only creates nothing and says why writes were not provoked', async () => {
    const dir = reportsDir();
    const before = await unusedCount(owner);
    const run = await spawnTsx(
      'contract/cli.ts',
      ['--base-url', sandbox.url, '--env-tokens', '--read-only', '--reports', dir],
      envTokens(),
    );
    assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr);
    assert.equal(await unusedCount(owner), before, 'a read-only run created links');
    // A read-only run's bad link_ids go out with a real key: none may read as a link that could exist.
    const linkIds = sentLinkIds(readReports(dir)['requests.log']!);
    assert.ok(linkIds.length >= 8, `only ${linkIds.length} deleteLink link_ids found in requests.log`);
    for (const id of linkIds) {
      const risky = looseLinkIds(id).filter((n) => n >= 1 && n < 9007199254740991);
      assert.deepEqual(risky, [], `link_id ${id} sent in a read-only run may be read as link ${risky[0]}`);
    }
    const coverage = JSON.parse(readReports(dir)['coverage.json']!) as {
      cells: { operationId: string; status: number; state: string; reasons: string[] }[];
    };
    const create = coverage.cells.find((c) => c.operationId === 'createLink' && c.status === 200)!;
    assert.deepEqual(
      [create.state, create.reasons.some((r) => r.includes('read-only'))],
      ['notProvokable', true],
    );
    assert.equal(
      coverage.cells.find((c) => c.operationId === 'getMyUnusedLinks' && c.status === 200)!.state,
      'valid',
    );
  });

  test('--read-only sends no valid create body, so a server ignoring authentication creates nothing', async () => {
    const careless = await startSandbox({ port: 0, brokenMode: 'auth-ignored' });
    try {
      // The oldest tenant: the one 'auth-ignored' serves a missing or malformed key as.
      const victim = await createControlClient({ baseUrl: careless.url }).createTenant();
      const dir = reportsDir();
      await spawnTsx(
        'contract/cli.ts',
        [
          '--base-url',
          careless.url,
          '--env-tokens',
          '--read-only',
          '--only',
          'createLink,createSplitLink',
          '--reports',
          dir,
        ],
        { SECPAID_TOKEN: victim.token, SECPAID_RECIPIENT_TOKEN: victim.recipient_token },
      ).then((run) => assert.ok(run.code !== 2, run.stderr));
      assert.equal(await unusedCount(victim, careless.url), 0, 'a read-only run created links');
      const coverage = JSON.parse(readReports(dir)['coverage.json']!) as {
        cells: { operationId: string; status: number; state: string; reasons: string[] }[];
      };
      for (const status of [201, 401]) {
        const cell = coverage.cells.find((c) => c.operationId === 'createLink' && c.status === status)!;
        assert.equal(cell.state, 'notProvokable', `createLink ${status}`);
        assert.match(cell.reasons.join(), /would send a valid create body/);
      }
    } finally {
      await careless.close();
    }
  });

  test('refuses the production host unless --allow-production and --read-only, before any request', async () => {
    const run = await spawnTsx('contract/cli.ts', [
      '--base-url',
      'https://app.secpaid.com',
      '--allow-production',
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /refusing to run against the production host app\.secpaid\.com/);
  });
});
