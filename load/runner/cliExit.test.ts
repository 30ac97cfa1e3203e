/**
 * The CLI's exit codes beyond the verdict: SIGINT stops the load, cleans up, reports and exits 130;
 * SIGTERM to `npm run load` alone (a cancelled CI job) ends the whole tree, embedded sandbox and all;
 * a report directory that cannot be written is refused before the run, exit 2 (1 must only ever mean
 * a threshold or the baseline failed); a bad option is one line and exit 2. Under a low open-file
 * limit the run lowers its connection budget and says so.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bareBody } from '../../bench/bareServer.ts';
import { npmRun, portFree, processTree, survivors, until } from '../../core/testing/npmRun.ts';
import type { LoadReport } from './report.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const keys = { SECPAID_TOKEN: 'T'.repeat(32), SECPAID_RECIPIENT_TOKENS: 'R'.repeat(32) };

/**
 * Runs the CLI asynchronously (the stub server lives in this process); `onStart` gets the child.
 * With `fileLimit`, it runs under that `ulimit -n`, as a user's shell would start it.
 */
function runCli(
  args: string[],
  onStart: (child: ReturnType<typeof spawn>) => void = () => {},
  fileLimit?: number,
) {
  return new Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      const command = [process.execPath, '--import', 'tsx', cli, ...args, '--quiet'];
      const [file, argv] =
        fileLimit === undefined
          ? [command[0]!, command.slice(1)]
          : ['/bin/sh', ['-c', `ulimit -n ${fileLimit} && exec "$@"`, 'sh', ...command]];
      const child = spawn(file, argv, {
        env: { ...process.env, ...keys },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      onStart(child);
      child.on('close', (status, signal) => {
        clearTimeout(timer);
        resolve({ status, signal, stdout, stderr });
      });
    },
  );
}

/** A server answering every request with a createLink success; each test gets its own. */
async function startStub() {
  const stub = { url: '', seen: [] as string[], onLoad: () => {} };
  const server = createServer((request, response) => {
    stub.seen.push(request.url ?? '');
    if (request.url === '/api/v2/createLink') stub.onLoad();
    request.resume();
    request.on('end', () => response.end(bareBody));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { stub, close };
}

describe('CLI exit codes', { concurrency: true }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGINT stops the load, cleans up, writes the reports and exits 130', async () => {
    const { stub, close } = await startStub();
    try {
      let interruptedAt = -1;
      const out = join(dir, 'sigint');
      const args = [
        '--scenario',
        'createLinks',
        '--profile',
        'average',
        '--base-url',
        stub.url,
        '--out',
        out,
      ];
      const result = await runCli(args, (child) => {
        stub.onLoad = () => {
          stub.onLoad = () => {};
          interruptedAt = stub.seen.length;
          child.kill('SIGINT');
        };
      });
      assert.equal(result.status, 130, `${result.signal ?? ''} ${result.stderr}`);
      assert.ok(interruptedAt > 0, 'the load had started');
      assert.ok(
        stub.seen.slice(interruptedAt).includes('/api/v2/getMyUnusedLinks'),
        'cleanup ran after SIGINT',
      );
      assert.match(result.stderr, /interrupted by SIGINT/);
      assert.match(result.stdout, /\n {2}cleanup (failed: |: deleted )/, 'the cleanup is reported');
      const report = JSON.parse(readFileSync(join(out, 'load-createLinks.json'), 'utf8')) as LoadReport;
      assert.equal(report.aborted, 'interrupted by SIGINT');
      assert.equal(report.scenario, 'createLinks');
    } finally {
      await close();
    }
  });

  it('a bad option is one line naming it, and exit 2', async () => {
    const result = await runCli(['--scenario', 'createLinks', '--out-dir', dir]);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /Unknown option '--out-dir'.*--help/);
  });

  it('under a low open-file limit, lowers its connection budget, says so and never passes it', async () => {
    const { stub, close } = await startStub();
    try {
      const out = join(dir, 'low-limit');
      // smoke scaled by 20 allows 400 connections; 300 descriptors leave 44 after the runner's 256.
      const args = ['--scenario', 'createLinks', '--rate-scale', '20', '--base-url', stub.url, '--out', out];
      const result = await runCli(args, () => {}, 300);
      assert.match(result.stderr, /connections capped at 44 \(the profile allows 400\).*ulimit -n 300/);
      assert.doesNotMatch(result.stderr, /EMFILE/);
      const report = JSON.parse(readFileSync(join(out, 'load-createLinks.json'), 'utf8')) as LoadReport;
      assert.equal(report.engine.connectionBudget, 44);
      assert.ok(report.engine.maxConnections <= 44, String(report.engine.maxConnections));
      // No request failed for want of a descriptor (EMFILE would show as requests without an answer).
      assert.ok(report.totals.answered > 0);
      assert.ok(
        report.operations.every((o) => !o.statuses['0']),
        JSON.stringify(report.operations),
      );
    } finally {
      await close();
    }
  });

  it('a report directory that cannot be written is refused before anything is sent, exit 2', async () => {
    const { stub, close } = await startStub();
    try {
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const args = ['--scenario', 'createLinks', '--base-url', stub.url, '--rate-scale', '0.5'];
      const result = await runCli([...args, '--out', join(file, 'sub')]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /refused: cannot write reports to .*a-file\/sub \(ENOTDIR\)/);
      assert.equal(stub.seen.length, 0, 'nothing was sent');
    } finally {
      await close();
    }
  });

  it('SIGTERM to npm alone ends every process of the tree, frees the sandbox port and reports', async () => {
    const out = join(dir, 'npm-sigterm');
    const run = npmRun('load', ['--scenario', 'createLinks', '--profile', 'average', '--out', out]);
    try {
      const sandboxOf = () =>
        processTree(run.pid).find((pid) =>
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sandbox/main.ts'),
        );
      assert.ok(await until(() => sandboxOf() !== undefined), `no embedded sandbox: ${run.stderr()}`);
      // Past seeding, once a progress line shows answers measured.
      assert.ok(await until(() => /answered [1-9]/.test(run.stderr()), 120_000), run.stderr());
      const tree = processTree(run.pid);
      run.terminateNpm();
      assert.deepEqual(await survivors(tree), [], `the tree was ${tree.join(' ')}`);
      assert.match(run.stderr(), /parent exited: stopping the load/);
      const report = JSON.parse(readFileSync(join(out, 'load-createLinks.json'), 'utf8')) as LoadReport;
      assert.equal(report.aborted, 'interrupted by parent exited');
      const port = Number(new URL(report.target).port);
      assert.ok(port > 0 && (await portFree(port)), `the sandbox's port ${report.target} is still taken`);
    } finally {
      run.kill();
    }
  });
});
