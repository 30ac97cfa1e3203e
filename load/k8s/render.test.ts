/**
 * One source for a distributed run's profile: the committed TestRuns are the template's output, and
 * in every manifest the template makes, the archive command, the archive's name, the ConfigMap and
 * the pods' PROFILE/RATE_SCALE say the same profile, so the archive that command makes passes
 * setup()'s check in those pods, while an archive of another profile would not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { k6Options } from '../k6/options.ts';
import { type OptionsInEffect, profileMismatch } from '../k6/profileGuard.ts';
import { profileNames, profiles, scaleProfile } from '../profiles/profiles.ts';
import { scenarioNames, scenarios } from '../scenarios/index.ts';
import { archiveFile, manifestFile, planFrom, type TestRunPlan, testRunManifest } from './testRun.ts';

const root = join(import.meta.dirname, '..', '..');

function testRunOf(manifest: string) {
  const docs = parseAllDocuments(manifest).map((doc) => doc.toJS());
  return docs.find((doc) => doc.kind === 'TestRun');
}

const envOf = (testRun: { spec: { runner: { env: { name: string; value?: string }[] } } }, name: string) =>
  testRun.spec.runner.env.find((e) => e.name === name)?.value;

/** What the header's `k6 archive` line passes with -e, and the file it writes. */
function archiveLine(manifest: string) {
  const line = /^# {3}k6 archive (.*)$/m.exec(manifest)?.[1] ?? '';
  const env = Object.fromEntries([...line.matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  return { env, out: /-O (\S+)/.exec(line)?.[1], script: line.split(' ').at(-1) };
}

/** The options an archive made with `env` carries: k6 evaluates the script's options with that env. */
function archivedOptions(plan: TestRunPlan, env: Record<string, string>): OptionsInEffect {
  const name = env.PROFILE as keyof typeof profiles;
  const scale = env.RATE_SCALE ? Number(env.RATE_SCALE) : 1;
  const profile = scale === 1 ? profiles[name] : scaleProfile(profiles[name], scale);
  return JSON.parse(JSON.stringify(k6Options(scenarios[plan.scenario], profile)));
}

const plans: TestRunPlan[] = scenarioNames.flatMap((scenario) =>
  profileNames.flatMap((profile) =>
    [1, 0.5, 3].map((rateScale) => ({ scenario, profile, rateScale, parallelism: 4 })),
  ),
);

describe('TestRun template', () => {
  it('the committed TestRuns are its output', () => {
    for (const scenario of scenarioNames) {
      const plan: TestRunPlan = { scenario, profile: 'stress', rateScale: 1, parallelism: 4 };
      assert.equal(
        readFileSync(join(root, manifestFile(plan)), 'utf8'),
        testRunManifest(plan),
        manifestFile(plan),
      );
    }
  });

  it('names the profile once: archive command, archive, ConfigMap and the pods agree, and setup() accepts', () => {
    for (const plan of plans) {
      const manifest = testRunManifest(plan);
      const testRun = testRunOf(manifest);
      const archive = archiveLine(manifest);
      const label = `${plan.scenario} ${plan.profile} ×${plan.rateScale}`;
      assert.equal(envOf(testRun, 'PROFILE'), plan.profile, label);
      assert.equal(Number(envOf(testRun, 'RATE_SCALE')), plan.rateScale, label);
      assert.equal(archive.env.PROFILE, plan.profile, label);
      assert.equal(Number(archive.env.RATE_SCALE ?? 1), plan.rateScale, label);
      assert.equal(archive.out, archiveFile(plan), label);
      assert.equal(archive.script, `load/k6/${plan.scenario}.ts`, label);
      assert.equal(testRun.spec.script.configMap.file, archiveFile(plan), label);
      assert.match(
        manifest,
        new RegExp(`create configmap ${testRun.spec.script.configMap.name} --from-file=${archive.out}`),
      );
      assert.ok(
        testRun.metadata.name.length <= 52,
        `${label}: room for k6-operator's suffixes in 63 characters`,
      );
      const profile =
        plan.rateScale === 1 ? profiles[plan.profile] : scaleProfile(profiles[plan.profile], plan.rateScale);
      const scenario = scenarios[plan.scenario].name;
      assert.equal(profileMismatch(archivedOptions(plan, archive.env), scenario, profile), undefined, label);
    }
  });

  it('an archive made without -e PROFILE, run by these pods, is refused by setup()', () => {
    const plan: TestRunPlan = { scenario: 'createLinks', profile: 'stress', rateScale: 1, parallelism: 4 };
    const podsProfile = envOf(testRunOf(testRunManifest(plan)), 'PROFILE') as 'stress';
    const problem = profileMismatch(
      archivedOptions(plan, { PROFILE: 'smoke' }),
      'createLinks',
      profiles[podsProfile],
    );
    assert.match(problem ?? '', /run profile smoke.*ask for profile stress/);
  });

  it('reads a plan from the CLI options, and says what is wrong with bad ones', () => {
    const ok = { scenario: 'listTransactions', profile: 'soak', 'rate-scale': '2', parallelism: '8' };
    assert.deepEqual(planFrom(ok), {
      scenario: 'listTransactions',
      profile: 'soak',
      rateScale: 2,
      parallelism: 8,
    });
    assert.match(String(planFrom({ ...ok, scenario: 'x' })), /--scenario must be one of createLinks/);
    assert.match(String(planFrom({ ...ok, profile: undefined })), /^--profile is required: smoke, /);
    assert.match(String(planFrom({ ...ok, profile: 'sok' })), /not sok; did you mean soak\?$/);
    assert.match(String(planFrom({ ...ok, profile: 'smoke' })), /one-machine check.*--parallelism 1/);
    assert.equal(typeof planFrom({ ...ok, profile: 'smoke', parallelism: '1' }), 'object');
    assert.match(String(planFrom({ ...ok, 'rate-scale': '0.001' })), /--rate-scale 0.001: .*rounds to 0/);
    assert.match(String(planFrom({ ...ok, parallelism: '0' })), /--parallelism must be a whole number/);
  });

  it('npm run load:k8s answers --help, and a typo in one line with exit 2', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'load/k8s/render.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    const help = run('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^usage: npm run load:k8s/);
    const typo = run('--profil', 'soak');
    assert.equal(typo.status, 2);
    assert.equal(typo.stderr.trim().split('\n').length, 1, typo.stderr);
    assert.match(typo.stderr, /did you mean --profile\?/);
    const printed = run('--scenario', 'createLinks', '--profile', 'soak');
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(envOf(testRunOf(printed.stdout), 'PROFILE'), 'soak');
    const file = join(mkdtempSync(join(tmpdir(), 'k8s-out-')), 'soak.yaml');
    const written = run('--scenario', 'createLinks', '--profile', 'soak', '--out', file);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /^wrote .*soak\.yaml; next: k6 archive -e PROFILE=soak /);
    assert.match(
      readFileSync(file, 'utf8'),
      new RegExp(`kubectl apply -f ${file}\n`),
      'the header names the file written',
    );
    rmSync(dirname(file), { recursive: true });
  });
});
