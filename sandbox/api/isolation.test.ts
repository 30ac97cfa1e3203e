/** No operation shows or changes another tenant's data (and the checks do catch a leaking server). */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { operationIds } from '../../core/spec.ts';
import { startSandbox } from '../index.ts';
import { buildScenario, isolationChecks, type Scenario } from '../testing/isolation.ts';
import { useSandbox } from '../testing/sandboxFixture.ts';

const env = useSandbox();
let scenario: Scenario;
before(async () => {
  scenario = await buildScenario((await env.ready()).url);
});

test('every operation has an isolation check', () => {
  assert.deepEqual(Object.keys(isolationChecks).sort(), [...operationIds].sort());
});

for (const operationId of Object.keys(isolationChecks) as (keyof typeof isolationChecks)[]) {
  test(`${operationId}: tenant B never sees or changes tenant A's data`, async () => {
    assert.deepEqual(await isolationChecks[operationId](scenario), []);
  });
}

async function leaksOfBrokenSandbox(brokenMode: string): Promise<string[]> {
  const sandbox = await startSandbox({ port: 0, brokenMode });
  try {
    const s = await buildScenario(sandbox.url);
    const leaks: string[] = [];
    for (const check of Object.values(isolationChecks)) leaks.push(...(await check(s)));
    return leaks;
  } finally {
    await sandbox.close();
  }
}

test("the checks catch a sandbox that lists every tenant's links", async () => {
  const leaks = await leaksOfBrokenSandbox('tenant-leak');
  assert.ok(
    leaks.some((l) => l.startsWith('getMyUnusedLinks')),
    leaks.join('\n'),
  );
});

test("the checks catch a sandbox that lets B delete A's link", async () => {
  const leaks = await leaksOfBrokenSandbox('cross-tenant-delete');
  assert.ok(
    leaks.some((l) => l.includes('not 404')),
    leaks.join('\n'),
  );
});
