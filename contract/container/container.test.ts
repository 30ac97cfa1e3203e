/**
 * The containerised release gate, for real: the sandbox image is built, started with
 * testcontainers and put through the whole contract suite; the same image with a broken mode baked
 * in must fail it; and no container of ours survives. Without a Docker engine the tests are skipped
 * with the reason, except under CI=true where a missing engine is a failure.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { createSecPaidClient } from '../../client/secpaidClient.ts';
import { buildSandboxImage } from './buildImage.ts';
import { detectEngine } from './engine.ts';
import { parseImageOptions } from './imageOptions.ts';
import { harnessLabel, startImage } from './startImage.ts';

const root = resolve(import.meta.dirname, '../..');
const engine = detectEngine();
const skip = engine.available || process.env.CI === 'true' ? false : `skipped: ${engine.reason}`;
if (skip) console.log(`container tests ${skip}; run scripts/docker-setup.sh to enable them`);
const reportsDirs: string[] = [];
after(() => {
  for (const dir of reportsDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Those of these containers that still exist, among the harness's (its label). Asked by id: other
 * runs on the same engine (another test file, another checkout) may have theirs up meanwhile.
 */
function leftBehind(...containerIds: string[]): string[] {
  const listed = spawnSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=${harnessLabel}`], {
    encoding: 'utf8',
  });
  assert.equal(listed.status, 0, listed.stderr);
  const present = listed.stdout.split('\n').filter(Boolean);
  return containerIds.filter((id) => present.includes(id));
}

function runContainerCli(...args: string[]) {
  const reportsDir = mkdtempSync(join(tmpdir(), 'secpaid-container-'));
  reportsDirs.push(reportsDir);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'contract/container/cli.ts', '--reports', reportsDir, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      // A bound for a stuck run, not a speed target: a whole run on a busy machine takes minutes.
      timeout: 600_000,
      // Inherited from `node --test`, it makes the suite runner's own node:test run() skip every file.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    },
  );
  const report = existsSync(join(reportsDir, 'container.json'))
    ? JSON.parse(readFileSync(join(reportsDir, 'container.json'), 'utf8'))
    : undefined;
  const junit = existsSync(join(reportsDir, 'junit.xml'))
    ? readFileSync(join(reportsDir, 'junit.xml'), 'utf8')
    : '';
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, report, junit };
}

test('a Docker engine is available (required under CI=true)', { skip }, () => {
  assert.ok(engine.available, `CI=true but ${engine.available ? '' : engine.reason}`);
});

test('the sandbox image starts, serves createLink, keeps its logs and is removed on stop', {
  skip,
}, async () => {
  const built = await buildSandboxImage();
  const started = await startImage(parseImageOptions({ image: built.imageName }));
  try {
    assert.match(started.containerId, /^[0-9a-f]{64}$/);
    assert.equal(started.imageId, built.imageId);
    const tenant = await createControlClient({ baseUrl: started.baseUrl }).createTenant();
    const client = createSecPaidClient({ baseUrl: started.baseUrl, token: tenant.token });
    const created = await client.createLink({ amount: 12.5 });
    assert.ok(created.ok, `createLink answered ${created.status}`);
    assert.equal(created.body.data.amount, '12.50');
    assert.match(await started.logs(), /listening on http:\/\//);
  } finally {
    await started.stop();
  }
  assert.deepEqual(leftBehind(started.containerId), []);
});

test('npm run contract:container passes and its report names the image and the container', { skip }, () => {
  assert.ok(existsSync(join(root, 'contract/cli.ts')), 'the contract suite (contract/cli.ts) is missing');
  const run = runContainerCli();
  assert.equal(run.status, 0, run.output.slice(-6_000));
  assert.equal(run.report?.image, 'secpaid-sandbox:local');
  assert.match(run.report?.imageId ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.match(run.report?.containerId ?? '', /^[0-9a-f]{64}$/);
  assert.ok(run.output.includes(run.report.containerId.slice(0, 12)), 'the output names the container');
  assert.deepEqual(leftBehind(run.report.containerId), []);
});

test('the image with SANDBOX_BROKEN_MODE=delete-noop fails the run, with the container logs', {
  skip,
}, () => {
  assert.ok(existsSync(join(root, 'contract/cli.ts')), 'the contract suite (contract/cli.ts) is missing');
  const run = runContainerCli('--broken-mode', 'delete-noop');
  assert.equal(run.status, 1, run.output.slice(-6_000));
  assert.equal(run.report?.passed, false);
  // The failure must come from deleteLink's tests (a delete that deletes nothing), not from a crash.
  assert.match(run.junit, /<testsuite name="deleteLink"[^>]*failures="[1-9]/);
  assert.match(run.output, /deliberately broken mode: delete-noop/);
  assert.deepEqual(leftBehind(run.report.containerId), []);
});
