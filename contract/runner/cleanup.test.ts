/**
 * Cleanup of a real account (a key from the environment) is never silently skipped: a 429 is
 * waited out within the budget, and whatever cannot be cleaned is reported as links left behind,
 * also when the listing is not what the spec says.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type ControlClient, createControlClient, type Tenant } from '../../client/controlClient.ts';
import { createSecPaidClient } from '../../client/secpaidClient.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { RequestRecord } from '../reporting/observations.ts';
import { type CleanupAccount, cleanupRun } from './cleanup.ts';
import { retryDelayMs } from './cleanupRetry.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let control: ControlClient;
const runId = 'c1ea0b0b';

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  control = createControlClient({ baseUrl: sandbox.url });
});
after(() => sandbox.close());

async function tenantWithLink(): Promise<Tenant> {
  const tenant = await control.createTenant();
  const api = createSecPaidClient({ baseUrl: sandbox.url, token: tenant.token });
  const created = await api.createLink({ amount: 12.5, recipient_note: `[run:${runId}] cleanup test` });
  assert.equal(created.status, 200, created.bodyText);
  return tenant;
}

const real = (tenant: Tenant): CleanupAccount[] => [
  { token: tenant.token, label: 'SECPAID_TOKEN', fromEnvironment: true },
];
const listings = (log: RequestRecord[]) => log.filter((r) => r.url.endsWith('/getMyUnusedLinks'));

test('Retry-After is read as seconds or an HTTP date; absent or unreadable waits 1 s', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(retryDelayMs('5', now), 5000);
  assert.equal(retryDelayMs('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
  assert.equal(retryDelayMs(null, now), 1000);
  assert.equal(retryDelayMs('-3', now), 1000);
});

/** The next `count` listings of this account (cleanup's first step) answer 429. */
function listingsAnswer429(userId: string, count: number) {
  return control.injectFault({ status: 429, count, operationId: 'getMyUnusedLinks', user_id: userId });
}

test("a real account's 429 is waited out, then its links are deleted", async () => {
  const tenant = await tenantWithLink();
  await listingsAnswer429(tenant.user_id, 1);
  const log: RequestRecord[] = [];
  const result = await cleanupRun(sandbox.url, real(tenant), runId, log);
  assert.deepEqual(result, { deleted: 1, problems: [] });
  assert.equal(listings(log)[0]?.status, 429);
});

test('a real account still answering 429 after 3 retries is reported: links left behind', async () => {
  const tenant = await tenantWithLink();
  await listingsAnswer429(tenant.user_id, 10);
  const log: RequestRecord[] = [];
  const result = await cleanupRun(sandbox.url, real(tenant), runId, log);
  assert.equal(result.deleted, 0);
  assert.equal(listings(log).length, 4, 'one listing and 3 retries');
  assert.match(
    result.problems.join('\n'),
    /SECPAID_TOKEN: listing answered 429 \(no retries left.*left behind/,
  );
});

test('a Retry-After beyond the wait budget is not waited for, and is reported', async () => {
  const tenant = await tenantWithLink();
  await listingsAnswer429(tenant.user_id, 1);
  const started = Date.now();
  const result = await cleanupRun(sandbox.url, real(tenant), runId, [], { retriesLeft: 3, msLeft: 500 });
  assert.ok(Date.now() - started < 900, 'it waited although the budget did not allow it');
  assert.match(result.problems.join('\n'), /beyond the 0 s of waiting left.*left behind/);
});

test('a real account that cannot list (403) is reported, a disposable test tenant is not', async () => {
  const suspended = await control.createTenant({ suspended: true });
  const asReal = await cleanupRun(sandbox.url, real(suspended), runId, []);
  assert.match(
    asReal.problems.join('\n'),
    /SECPAID_TOKEN: listing answered 403: links of this run.*left behind/,
  );
  const asTest = await cleanupRun(
    sandbox.url,
    [{ token: suspended.token, label: 'test account #1', fromEnvironment: false }],
    runId,
    [],
  );
  assert.deepEqual(asTest.problems, []);
});

test('a disposable test tenant rate-limited on purpose is no problem when its deletes answer 429', async () => {
  const tenant = await tenantWithLink();
  await control.injectFault({ status: 429, count: 5, operationId: 'deleteLink', user_id: tenant.user_id });
  const asTest = await cleanupRun(
    sandbox.url,
    [{ token: tenant.token, label: 'test account #2', fromEnvironment: false }],
    runId,
    [],
  );
  assert.deepEqual([asTest.deleted, asTest.problems], [0, []]);
});

test('a listing whose data is not a list is a named problem, not a crash', async () => {
  const odd = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end(JSON.stringify({ ResponseCode: 1, data: 'x'.repeat(100) })));
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    const account = { token: 'T'.repeat(32), label: 'SECPAID_TOKEN', fromEnvironment: true };
    const result = await cleanupRun(url, [account], runId, []);
    assert.equal(result.deleted, 0);
    assert.deepEqual(result.problems, [
      `SECPAID_TOKEN: listing answered data that is not a list: links of this run (note tag [run:${runId}]) may be left behind`,
    ]);
  } finally {
    odd.closeAllConnections();
    await new Promise((resolve) => odd.close(resolve));
  }
});
