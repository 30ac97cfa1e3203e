/**
 * `npm run gen:check` must pass on a clean tree and fail when a schema was edited without
 * `npm run gen`. Runs the real script on a scratch copy of the spec and of generated/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

const root = resolve(import.meta.dirname, '..');
let scratch = '';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'secpaid-gen-test-'));
  for (const entry of [
    'spec',
    'generated',
    'redocly.yaml',
    'package.json',
    'scripts/gen.ts',
    'core/cliOptions.ts',
  ])
    cpSync(join(root, entry), join(scratch, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const genCheck = () =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen.ts', '--check'], {
    cwd: scratch,
    encoding: 'utf8',
  });

test('gen:check passes when generated/ matches the spec', () => {
  const result = genCheck();
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /fresh/);
});

test('gen:check fails, naming the stale files, when a schema is edited without npm run gen', () => {
  const file = join(scratch, 'spec/components/schemas/PaymentLink.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('maxLength: 500', 'maxLength: 501'));
  const result = genCheck();
  assert.equal(result.status, 1);
  assert.match(result.stderr, /generated\/ is stale \(.*openapi\.json.*\)/);
});
