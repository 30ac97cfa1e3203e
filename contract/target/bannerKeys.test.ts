/**
 * What `npm run sandbox` prints is enough for a run on keys from the environment: the three values
 * of its banner, in the variables it names, pass the checks before the run and leave no test
 * skipped for want of a second account or a recipient token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnSandbox } from '../../sandbox/spawn.ts';
import { spawnTsx } from '../selftest/spawnTsx.ts';

/** `VARIABLE → value` from the banner lines that end in `(… VARIABLE)`: the value after "token". */
function bannerKeys(output: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const match of output.matchAll(/\btoken(?: \([^)]*\):)? (\S+) .*\((?:[^)]*: )?(SECPAID_[A-Z_]+)\)$/gm))
    keys[match[2]!] = match[1]!;
  return keys;
}

test("the sandbox banner's keys run the suites that need two accounts and a recipient", {
  timeout: 180_000,
}, async () => {
  const sandbox = await spawnSandbox(['--port', '0', '--host', '127.0.0.1']);
  const dir = mkdtempSync(join(tmpdir(), 'contract-banner-'));
  try {
    const keys = bannerKeys(sandbox.output());
    assert.deepEqual(Object.keys(keys).sort(), [
      'SECPAID_RECIPIENT_TOKEN',
      'SECPAID_TOKEN',
      'SECPAID_TOKEN_B',
    ]);
    const run = await spawnTsx(
      'contract/cli.ts',
      [
        ...['--base-url', sandbox.url, '--env-tokens'],
        // One generated example per pass: the key variants act as either account, with the recipient.
        ...['--only', 'createLink,createSplitLink,deleteLink', '--generate', '1', '--reports', dir],
      ],
      keys,
    );
    assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    assert.doesNotMatch(junit, /set SECPAID_TOKEN_B|set SECPAID_RECIPIENT_TOKEN/);
    assert.match(junit, /another account&apos;s|another account's/, 'the isolation tests ran');
  } finally {
    await sandbox.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
