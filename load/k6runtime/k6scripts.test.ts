/**
 * The k6 entry scripts run as k6 runs them (k6runtime): every module stripped of its types on its
 * own, in a realm with only what k6 offers, with k6's http over real HTTP to the embedded sandbox:
 * init, setup (seeding through the control API), a few dozen iterations of every scenario,
 * teardown (cleanup) and handleSummary, whose files must hold no key. A copy of the scripts using
 * something k6 lacks must fail, naming it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useSandbox } from '../../sandbox/testing/sandboxFixture.ts';
import { runK6 } from './runK6.ts';

const sandbox = useSandbox();
const loadDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'k6runtime-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Every API key and recipient token the sandbox hands out from now on, to look for them in the reports. */
function captureKeys(): string[] {
  const keys: string[] = [];
  const tenants = sandbox.sandbox.state.tenants;
  const create = tenants.create.bind(tenants);
  tenants.create = (options) => {
    const made = create(options);
    keys.push(made.apiKey, made.tenant.recipientToken);
    return made;
  };
  return keys;
}

/**
 * A copy of the scripts and of what they may import (load/ and core/, without tests), laid out as
 * in the repository so every relative import still resolves, to plant a fault in.
 */
function copyOfScripts(name: string): string {
  const root = join(work, name);
  for (const dir of ['load', 'core'])
    cpSync(join(repoDir, dir), join(root, dir), {
      recursive: true,
      filter: (path) => !path.endsWith('.test.ts'),
    });
  return join(root, 'load');
}

const iterations = 24;

for (const scenario of ['createLinks', 'listTransactions']) {
  describe(`load/k6/${scenario}.ts in the k6 runtime`, () => {
    it('runs init, setup, every scenario, teardown and handleSummary; checks pass; the summary files hold no key', async () => {
      await sandbox.ready();
      const keys = captureKeys();
      const cwd = join(work, scenario);
      const reports = join(cwd, 'reports');
      mkdirSync(reports, { recursive: true });
      const result = await runK6({
        script: join(loadDir, 'k6', `${scenario}.ts`),
        env: { BASE_URL: sandbox.url, PROFILE: 'smoke', REPORTS_DIR: reports },
        iterations,
        vus: 2,
        cwd,
      });
      assert.equal(result.error, undefined, result.error);
      assert.deepEqual(result.iterationErrors, []);
      // init for the options, for the VU of setup/teardown, then for each of the 2 iteration VUs.
      assert.deepEqual(result.phases, ['init', 'init', 'setup', 'init', 'init', 'teardown', 'handleSummary']);
      assert.ok(Object.keys(result.iterations).length >= 1);
      for (const [name, count] of Object.entries(result.iterations)) assert.equal(count, iterations, name);
      assert.equal(result.checks.fails, 0, `failed checks: ${result.checks.failed.join(', ')}`);
      assert.ok(result.checks.passes >= iterations);
      // Against the faithful sandbox no request fails and every check passes (latency is not judged here).
      const judged = result.thresholds.filter((t) => /^(http_req_failed|checks)\{/.test(t.metric));
      assert.ok(judged.length > 0);
      for (const t of judged) assert.ok(t.ok, `${t.metric} ${t.expression}`);
      assert.match(result.log.join('\n'), /teardown: deleted \d+ unused links/);
      assert.match(result.stdout, new RegExp(`${scenario} / smoke: \\d+ of \\d+ thresholds passed`));

      assert.deepEqual(readdirSync(reports).sort(), [`k6-${scenario}.json`, `k6-${scenario}.junit.xml`]);
      assert.ok(keys.length >= 2, 'setup made tenants in the sandbox');
      for (const file of result.files) {
        const text = readFileSync(file, 'utf8');
        for (const key of keys) assert.ok(!text.includes(key), `${file} holds a key`);
      }
      const summary = JSON.parse(readFileSync(join(reports, `k6-${scenario}.json`), 'utf8'));
      assert.ok(summary.metrics.http_reqs.values.count >= iterations);
    });
  });
}

describe('an archive made for one profile, run as another', () => {
  it('aborts in setup before seeding, says how to archive, and still runs teardown and handleSummary', async () => {
    await sandbox.ready();
    const keys = captureKeys();
    const cwd = join(work, 'archived-smoke');
    mkdirSync(join(cwd, 'reports'), { recursive: true });
    const result = await runK6({
      script: join(loadDir, 'k6', 'createLinks.ts'),
      archivedEnv: { BASE_URL: sandbox.url, PROFILE: 'smoke' },
      env: { BASE_URL: sandbox.url, PROFILE: 'stress', REPORTS_DIR: join(cwd, 'reports') },
      iterations,
      vus: 1,
      cwd,
    });
    assert.equal(result.error, undefined, result.error);
    assert.match(result.aborted ?? '', /profile smoke.*but PROFILE and RATE_SCALE ask for profile stress/);
    assert.match(result.aborted ?? '', /k6 archive -e PROFILE=<profile>/);
    assert.deepEqual(result.phases, ['init', 'init', 'init', 'teardown', 'handleSummary']);
    assert.deepEqual(Object.values(result.iterations), [0, 0]);
    assert.deepEqual(keys, [], 'setup seeded nothing');
  });
});

describe('a copy of the scripts using what k6 lacks', () => {
  it('fails at init when a shared module calls new URLSearchParams(), naming it', async () => {
    const root = copyOfScripts('planted-urlsearchparams');
    const form = join(root, 'scenarios', 'form.ts');
    writeFileSync(
      form,
      `${readFileSync(form, 'utf8')}\nexport const planted = new URLSearchParams('a=1').toString();\n`,
    );
    const result = await runK6({
      script: join(root, 'k6', 'createLinks.ts'),
      env: { BASE_URL: 'http://127.0.0.1:9' },
      iterations,
      vus: 1,
      cwd: root,
    });
    assert.match(result.error ?? '', /ReferenceError: URLSearchParams is not defined/);
    assert.match(result.error ?? '', /scenarios\/form\.ts/);
    assert.deepEqual(result.phases, []);
  });

  it('fails at init when a module imports a Node module, naming it', async () => {
    const root = copyOfScripts('planted-node-import');
    const retry = join(root, 'scenarios', 'retry.ts');
    writeFileSync(
      retry,
      `import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n${readFileSync(retry, 'utf8')}`,
    );
    const result = await runK6({
      script: join(root, 'k6', 'listTransactions.ts'),
      env: { BASE_URL: 'http://127.0.0.1:9' },
      iterations,
      vus: 1,
      cwd: root,
    });
    assert.match(result.error ?? '', /The module "node:fs" \(imported by .*scenarios\/retry\.ts\)/);
    assert.deepEqual(result.phases, []);
  });
});
