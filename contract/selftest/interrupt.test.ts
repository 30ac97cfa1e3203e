/**
 * Ctrl-C as a terminal sends it: to the whole process group of `npm run contract`, so npm forwards
 * it to the CLI that had it already. One Ctrl-C must be taken for one: the suites stop, the run's
 * links are still deleted, the reports are written and the keys' private directory removed. A second,
 * distinct Ctrl-C quits at once (exit 130) and the directory is still gone. The target answers every
 * API request late, so each signal lands while the run is busy.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createControlClient } from '../../client/controlClient.ts';
import { sameInterruptionMs } from '../../core/interrupts.ts';
import { npmRun, processTree, survivors, until } from '../../core/testing/npmRun.ts';
import { startSandbox } from '../../sandbox/index.ts';

const privateDirs = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('secpaid-contract-'));

/** `npm run contract -- args` in a process group of its own, as a terminal starts it. */
function npmRunContract(args: string[], temp: string) {
  const run = npmRun('contract', args, { TMPDIR: temp }, 120_000);
  return {
    ...run,
    // npm re-raises the signal on itself once its script has exited: a shell then shows 130 (128 + 2).
    exited: run.exited.then(({ code, signal }) => (signal === 'SIGINT' ? 130 : code)),
  };
}

/** Polls (bounded: 60 s) until the run has made a tenant, so its cleanup has something to delete. */
async function tenantMade(temp: string): Promise<boolean> {
  for (let i = 0; i < 1200; i++) {
    const [dir] = privateDirs(temp);
    if (dir && existsSync(join(temp, dir, 'secrets.jsonl'))) return true;
    await sleep(50);
  }
  return false;
}

test('one Ctrl-C through npm run stops the suites, still cleans up and writes the reports', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'contract-interrupt-'));
  const sandbox = await startSandbox({ port: 0 });
  let run: ReturnType<typeof npmRunContract> | undefined;
  try {
    await createControlClient({ baseUrl: sandbox.url }).injectFault({ delay_ms: 300, count: 100_000 });
    const reports = join(temp, 'reports');
    run = npmRunContract(
      ['--base-url', sandbox.url, '--only', 'getMyUnusedLinks', '--reports', reports],
      temp,
    );
    assert.ok(await tenantMade(temp), 'the run never made a tenant');
    // Let a few tests create links, so cleanup has something to delete.
    await until(
      () => sandbox.state.links.newestUnused(sandbox.state.tenants.all.at(-1)!, 1, undefined).total > 0,
    );
    run.ctrlC();
    const code = await run.exited;
    assert.match(run.stderr(), /SIGINT: stopping the suites/);
    assert.doesNotMatch(run.stderr(), /again: quitting/, 'one Ctrl-C was taken for two');
    assert.equal(code, 130, run.stderr().slice(-1500));
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as { ok: boolean };
    assert.equal(summary.ok, false);
    const tagged = sandbox.state.tenants.all.reduce(
      (sum, tenant) => sum + sandbox.state.links.newestUnused(tenant, 1, '[run:').total,
      0,
    );
    assert.equal(tagged, 0, 'links of the interrupted run were left behind');
    assert.deepEqual(privateDirs(temp), [], 'the private directory with the keys was left behind');
  } finally {
    run?.kill();
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
});

test('a second, distinct Ctrl-C exits 130 at once and still removes the private directory', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'contract-interrupt-'));
  const sandbox = await startSandbox({ port: 0 });
  let run: ReturnType<typeof npmRunContract> | undefined;
  try {
    await createControlClient({ baseUrl: sandbox.url }).injectFault({ delay_ms: 3000, count: 100_000 });
    const started = npmRunContract(
      ['--base-url', sandbox.url, '--only', 'getMyUnusedLinks', '--reports', join(temp, 'r')],
      temp,
    );
    run = started;
    assert.ok(await tenantMade(temp), 'the run never made a tenant');
    run.ctrlC();
    assert.ok(await until(() => /SIGINT: stopping/.test(started.stderr())), 'the first Ctrl-C was not heard');
    // Past the window in which a signal counts as the same Ctrl-C, from when the first was handled.
    await sleep(sameInterruptionMs + 500);
    run.ctrlC();
    const code = await run.exited;
    assert.match(run.stderr(), /SIGINT again: quitting: the run's cleanup and reports are skipped/);
    assert.equal(code, 130, run.stderr().slice(-1500));
    assert.deepEqual(privateDirs(temp), [], 'the private directory with the keys was left behind');
  } finally {
    run?.kill();
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
});

/**
 * Once the run has made a tenant, SIGTERM to npm alone; then no process of its tree may survive, the
 * CLI must have heard of it through its parent's exit, and its summary is returned.
 */
async function terminateNpmWhenBusy(run: ReturnType<typeof npmRun>, temp: string, reports: string) {
  assert.ok(await tenantMade(temp), `the run never made a tenant: ${run.stderr().slice(-1500)}`);
  const tree = processTree(run.pid);
  run.terminateNpm();
  // npm passes it to `sh -c`, which dies without passing it on: the CLI hears of it by its parent.
  assert.deepEqual(await survivors(tree, 120_000), [], `the tree was ${tree.join(' ')}`);
  assert.match(run.stderr(), /parent exited: stopping the suites/);
  return JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as {
    ok: boolean;
    reasons: string[];
  };
}

test('SIGTERM to npm alone (a cancelled CI job): the run still reports, and no process survives', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'contract-interrupt-'));
  const reports = join(temp, 'reports');
  const sandbox = await startSandbox({ port: 0 });
  await createControlClient({ baseUrl: sandbox.url }).injectFault({ delay_ms: 300, count: 100_000 });
  const run = npmRun(
    'contract',
    ['--base-url', sandbox.url, '--only', 'getMyUnusedLinks', '--reports', reports],
    { TMPDIR: temp },
  );
  try {
    const summary = await terminateNpmWhenBusy(run, temp, reports);
    assert.equal(summary.ok, false);
    assert.ok(
      summary.reasons.some((r) => r.startsWith('interrupted')),
      summary.reasons.join('; '),
    );
    assert.deepEqual(privateDirs(temp), [], 'the private directory with the keys was left behind');
    assert.deepEqual(await run.exited, { code: null, signal: 'SIGTERM' });
  } finally {
    run.kill();
    await sandbox.close();
    rmSync(temp, { recursive: true, force: true });
  }
});

test('SIGTERM to npm alone during an embedded run: the run reports, and no process survives', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'contract-interrupt-'));
  const reports = join(temp, 'reports');
  // Every suite and 5000 generated examples per operation (tens of thousands of requests): the run
  // is far from its end when its first tenant appears and the signal follows.
  const run = npmRun('contract', ['--generate', '5000', '--reports', reports], { TMPDIR: temp });
  try {
    const summary = await terminateNpmWhenBusy(run, temp, reports);
    assert.ok(
      summary.reasons.some((r) => r.startsWith('interrupted')),
      summary.reasons.join('; '),
    );
    assert.deepEqual(privateDirs(temp), [], 'the private directory with the keys was left behind');
  } finally {
    run.kill();
    rmSync(temp, { recursive: true, force: true });
  }
});
