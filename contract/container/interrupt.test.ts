/**
 * `npm run contract -- --image ...` interrupted: one Ctrl-C (SIGINT to the whole process group, as a
 * terminal sends it) stops the suites, still writes the reports and removes the container, exit
 * 130; SIGTERM to npm alone (a cancelled CI job) ends every process of the tree and removes the
 * container too. Skipped without a Docker engine, except under CI=true.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { npmRun, processTree, survivors, until } from '../../core/testing/npmRun.ts';
import { buildSandboxImage } from './buildImage.ts';
import { detectEngine } from './engine.ts';

const engine = detectEngine();
const skip = engine.available || process.env.CI === 'true' ? false : `skipped: ${engine.reason}`;
// A tag of its own, so that other container tests building the default one at the same time do not matter.
const image = 'secpaid-sandbox:interrupt-test';
const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
before(async () => {
  if (!skip) await buildSandboxImage({ tag: image });
});

/** A run against the image, busy for minutes (many generated examples) unless interrupted. */
function startRun() {
  const temp = mkdtempSync(join(tmpdir(), 'contract-image-interrupt-'));
  temps.push(temp);
  const reports = join(temp, 'reports');
  const args = ['--image', image, '--only', 'getMyUnusedLinks', '--generate', '5000', '--reports', reports];
  return { temp, reports, run: npmRun('contract', args, { TMPDIR: temp }) };
}

/** Until the run made a tenant in the container (bounded: 120 s): its suites are under way. */
function tenantMade(temp: string): Promise<boolean> {
  return until(
    () =>
      readdirSync(temp).some(
        (name) => name.startsWith('secpaid-contract-') && existsSync(join(temp, name, 'secrets.jsonl')),
      ),
    120_000,
  );
}

function containerGone(reports: string): boolean {
  const { containerId } = JSON.parse(readFileSync(join(reports, 'container.json'), 'utf8')) as {
    containerId: string;
  };
  const listed = spawnSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `id=${containerId}`], {
    encoding: 'utf8',
  });
  assert.equal(listed.status, 0, listed.stderr);
  return listed.stdout.trim() === '';
}

test('one Ctrl-C stops the suites, writes the reports, removes the container, exit 130', {
  skip,
}, async () => {
  const { temp, reports, run } = startRun();
  try {
    assert.ok(await tenantMade(temp), `the run never made a tenant: ${run.stderr().slice(-2000)}`);
    run.ctrlC();
    const { code, signal } = await run.exited;
    assert.match(run.stderr(), /SIGINT: stopping the suites/);
    assert.doesNotMatch(run.stderr(), /again: quitting/, 'one Ctrl-C was taken for two');
    // npm re-raises on itself the SIGINT its script ended by, or passes on the script's exit code.
    assert.ok(signal === 'SIGINT' || code === 130, `${code} ${signal}: ${run.stderr().slice(-2000)}`);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as { reasons: string[] };
    assert.ok(
      summary.reasons.some((r) => r.startsWith('interrupted')),
      summary.reasons.join('; '),
    );
    assert.ok(containerGone(reports), 'the container was left behind');
  } finally {
    run.kill();
  }
});

test('SIGTERM to npm alone ends every process of the tree and removes the container', { skip }, async () => {
  const { temp, reports, run } = startRun();
  try {
    assert.ok(await tenantMade(temp), `the run never made a tenant: ${run.stderr().slice(-2000)}`);
    const tree = processTree(run.pid);
    run.terminateNpm();
    assert.deepEqual(await survivors(tree, 120_000), [], `the tree was ${tree.join(' ')}`);
    assert.match(run.stderr(), /parent exited: stopping the suites/);
    assert.ok(containerGone(reports), 'the container was left behind');
  } finally {
    run.kill();
  }
});
