/**
 * Closing the sandbox cancels a notification's due retry: a process that closed a sandbox with a
 * retry due in ten minutes ends by itself. A timer left behind would keep it alive until the bound
 * below kills it, failing the test; the bound only ever makes a failing run slower.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const script = resolve(import.meta.dirname, '../testing/closeWithRetryDue.ts');

test('a sandbox closed with a retry due leaves nothing that keeps its process alive', {
  timeout: 300_000,
}, async () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env, timeout: 240_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  assert.equal(code, 0, `the process did not end by itself (killed: ${child.killed}): ${stderr}`);
  assert.deepEqual(JSON.parse(stdout), {
    before: { state: 'pending', attempts: 1 },
    after: { state: 'failed', attempts: 1 },
  });
});
