/**
 * `npm run sandbox` told to stop the way a CI runner or a process manager does it: SIGTERM to npm
 * alone. npm passes it to its `sh -c`, which dies of it without passing it on; the sandbox notices
 * its parent is gone, closes and exits, so no process of the tree survives and the port is free.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { npmRun, portFree, processTree, survivors, until } from '../core/testing/npmRun.ts';

test('SIGTERM to npm alone ends every process of the tree and frees the port', async () => {
  const run = npmRun('sandbox', ['--port', '0', '--no-demo']);
  try {
    assert.ok(await until(() => /listening on http:\/\/\S+:\d+/.test(run.stdout())), run.stderr());
    const port = Number(/listening on http:\/\/\S+:(\d+)/.exec(run.stdout())?.[1]);
    const tree = processTree(run.pid);
    assert.ok(tree.length >= 3, `npm, sh and node at least: ${tree.join(' ')}`);
    run.terminateNpm();
    assert.deepEqual(await survivors(tree), [], `the tree was ${tree.join(' ')}`);
    assert.ok(await portFree(port), `port ${port} is still taken`);
    // npm re-raises on itself the signal its script ended by.
    assert.deepEqual(await run.exited, { code: null, signal: 'SIGTERM' });
  } finally {
    run.kill();
  }
});
