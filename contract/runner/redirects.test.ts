/**
 * A target that answers everything with a redirect to another host: the run's API keys (and the
 * tenants it would make through a control API) must stay with the target. Every HTTP path of a
 * contract run is tried: the control API probe and client, the suites (Pactum), and cleanup.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { startRedirectTrap } from '../../client/redirectTrap.ts';
import { spawnTsx } from '../selftest/spawnTsx.ts';
import { probeControlApi } from '../target/probeControlApi.ts';
import { cleanupRun } from './cleanup.ts';

const keys = {
  SECPAID_TOKEN: 'TrapKeyA-0123456789abcdef',
  SECPAID_TOKEN_B: 'TrapKeyB-0123456789abcdef',
  SECPAID_RECIPIENT_TOKEN: 'traprecipient',
};
const notFollowed = /a redirect \(HTTP 307 to http:\/\/127\.0\.0\.2:\d+\/[^)]*\), not followed/;

let trap: Awaited<ReturnType<typeof startRedirectTrap>>;
const dirs: string[] = [];
before(async () => {
  trap = await startRedirectTrap();
});
after(async () => {
  await trap.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('the control API probe takes a redirect for "no control API", and the control client names it', async () => {
  assert.equal(await probeControlApi(trap.url), false);
  await assert.rejects(createControlClient({ baseUrl: trap.url }).createTenant(), notFollowed);
  assert.deepEqual(trap.leaked(), []);
});

test('cleanup reports the redirect as the reason links may be left behind', async () => {
  const log: Parameters<typeof cleanupRun>[3] = [];
  const account = { token: keys.SECPAID_TOKEN, label: 'SECPAID_TOKEN', fromEnvironment: true };
  const result = await cleanupRun(trap.url, [account], 'feedbeef', log);
  assert.equal(result.deleted, 0);
  assert.equal(result.problems.length, 1);
  assert.match(
    result.problems[0]!,
    /SECPAID_TOKEN: listing answered 307 \(a redirect .*not followed.*left behind/,
  );
  assert.equal(log.length, 1);
  assert.deepEqual(trap.leaked(), []);
});

test('a whole contract run sends every key to the target only, fails, and says why', {
  timeout: 120_000,
}, async () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'contract-redirect-'));
  dirs.push(reportsDir);
  const sentBefore = trap.target.received.length;
  const run = await spawnTsx('contract/cli.ts', ['--base-url', trap.url, '--reports', reportsDir], keys);
  assert.equal(run.code, 1, run.stdout.slice(-2000) + run.stderr);
  const sent = trap.target.received.slice(sentBefore);
  const apiCalls = sent.filter((r) => r.url.startsWith('/api/v2/'));
  // The suites did run against the target with the keys (so the run proves something) ...
  assert.ok(apiCalls.length > 50, `only ${apiCalls.length} API calls reached the target`);
  assert.ok(apiCalls.some((r) => r.headers.token === keys.SECPAID_TOKEN));
  assert.ok(apiCalls.some((r) => r.headers.token === keys.SECPAID_TOKEN_B));
  // ... and not one request, keyed or not, went where the redirects pointed.
  assert.deepEqual(trap.leaked(), []);
  const junit = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  assert.match(
    junit,
    /statusCodeConformance: received HTTP 307 \(a redirect \(HTTP 307 to http:\/\/127\.0\.0\.2/,
  );
  assert.match(run.stdout, notFollowed);
});
