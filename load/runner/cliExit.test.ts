/**
 * The CLI's exit codes beyond the verdict: SIGINT stops the load, cleans up and exits 130; an
 * unexpected error exits 2 (1 must only ever mean a threshold or the baseline failed).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bareBody } from '../../scripts/bench/bareServer.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const keys = { SECPAID_TOKEN: 'T'.repeat(32), SECPAID_RECIPIENT_TOKENS: 'R'.repeat(32) };

/** Runs the CLI asynchronously (the stub server lives in this process); `onStart` gets the child. */
function runCli(args: string[], onStart: (child: ReturnType<typeof spawn>) => void = () => {}) {
  return new Promise<{ status: number | null; signal: string | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args, '--quiet'], {
      env: { ...process.env, ...keys },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    onStart(child);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
  });
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

  it('SIGINT stops the load, cleans up and exits 130', async () => {
    const { stub, close } = await startStub();
    try {
      let interruptedAt = -1;
      const args = [
        '--scenario',
        'createLinks',
        '--profile',
        'average',
        '--base-url',
        stub.url,
        '--out',
        dir,
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
    } finally {
      await close();
    }
  });

  it('an unexpected error (reports cannot be written) exits 2, not 1', async () => {
    const { stub, close } = await startStub();
    try {
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const args = ['--scenario', 'createLinks', '--base-url', stub.url, '--rate-scale', '0.5'];
      const result = await runCli([...args, '--out', join(file, 'sub')]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /ENOTDIR|EEXIST/);
    } finally {
      await close();
    }
  });
});
