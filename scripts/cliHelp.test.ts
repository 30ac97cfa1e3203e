/**
 * Every command that reads its options with core/cliOptions.ts answers `--help` with its usage
 * (exit 0) and a mistyped option with one line that suggests the option meant (exit 2), before it
 * starts any work: no stack trace, no Docker, no server, no files written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..');

const commands = [
  { script: 'scripts/gen.ts', command: 'npm run gen', typo: '--chek', meant: '--check' },
  {
    script: 'bench/sandbox.ts',
    command: 'npm run bench:sandbox',
    typo: '--rouns',
    meant: '--rounds',
  },
  { script: 'bench/load.ts', command: 'npm run bench:load', typo: '--secnds', meant: '--seconds' },
  { script: 'bench/contract.ts', command: 'npm run bench:contract', typo: '--sed', meant: '--seed' },
  {
    script: 'contract/container/cli.ts',
    command: 'npm run contract:container',
    typo: '--onyl',
    meant: '--only',
  },
  { script: 'sandbox/main.ts', command: 'npm run sandbox', typo: '--prot', meant: '--port' },
];

function run(
  script: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test('each command: --help prints its usage, a typo is one line with the option meant, exit 2', {
  timeout: 120_000,
}, async () => {
  await Promise.all(
    commands.map(async ({ script, command, typo, meant }) => {
      const help = await run(script, ['--help']);
      assert.equal(help.code, 0, `${command} --help: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`^usage: ${command.replace(/[:]/g, '\\$&')}`), command);
      const wrong = await run(script, [typo]);
      assert.equal(wrong.code, 2, `${command} ${typo}: ${wrong.stdout}${wrong.stderr}`);
      assert.equal(
        wrong.stderr,
        `Unknown option '${typo}'; did you mean ${meant}? (${command} -- --help lists the options)\n`,
      );
      assert.equal(wrong.stdout, '');
    }),
  );
});
