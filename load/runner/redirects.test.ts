/**
 * A load target that answers everything with a redirect to another host: seeding, the measured
 * requests (autocannon) and cleanup all keep the keys with the target, and the report says why the
 * requests failed and cleanup could not delete.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRedirectTrap } from '../../client/redirectTrap.ts';
import type { Profile } from '../profiles/profiles.ts';
import { LoadRefused, runLoad } from './run.ts';

const token = 'LoadTrapKey-0123456789abcdef';
const twentyRequests: Profile = {
  name: 'smoke',
  description: 'test',
  startRate: 20,
  stages: [{ duration: 1, target: 20 }],
  preAllocatedVUs: 2,
  maxVUs: 2,
  abortOnLatency: false,
  abortOnErrors: false,
};
const quiet = { outDir: null, progress: false } as const;

let trap: Awaited<ReturnType<typeof startRedirectTrap>>;
before(async () => {
  trap = await startRedirectTrap();
});
after(() => trap.close());

test('the measured requests and cleanup send the key to the target only; the 307s are failures', async () => {
  const { report, exitCode } = await runLoad({
    scenario: 'createLinks',
    profile: twentyRequests,
    baseUrl: trap.url,
    token,
    recipientTokens: ['traprecipient'],
    ...quiet,
  });
  assert.equal(exitCode, 1);
  assert.ok(report.totals.answered > 0);
  const statuses = report.operations.flatMap((o) => Object.entries(o.statuses));
  assert.deepEqual(
    statuses.filter(([status]) => status !== '307'),
    [],
    'every answer counted as the 307 it was',
  );
  assert.match(
    (report.cleanup as { error: string }).error,
    /getMyUnusedLinks answered 307 \(Redirected: a redirect \(HTTP 307 to http:\/\/127\.0\.0\.2:\d+\/api\/v2\/getMyUnusedLinks\), not followed/,
  );
  const keyed = trap.target.received.filter((r) => r.headers.token === token);
  assert.equal(keyed.length, report.totals.issued + 1, 'the measured requests and one cleanup listing');
  assert.deepEqual(trap.leaked(), []);
});

test('seeding through a redirected control API is refused with the reason, and makes no tenant elsewhere', async () => {
  await assert.rejects(
    runLoad({ scenario: 'createLinks', profile: twentyRequests, baseUrl: trap.url, ...quiet }),
    (error: Error) =>
      error instanceof LoadRefused &&
      /setup failed: seeding: create a tenant answered 307 \(Redirected: a redirect .*not followed/.test(
        error.message,
      ),
  );
  assert.deepEqual(trap.leaked(), []);
});
