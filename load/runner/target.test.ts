/**
 * The embedded sandbox runs in a process of its own, so the runner's work never delays its answers:
 * it serves on loopback, its control API works (fault injection goes through it), and closing the
 * target ends that process.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createControlClient } from '../../client/controlClient.ts';
import { startTarget } from './target.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded sandbox target', () => {
  it('is a child process on loopback that closing ends', async () => {
    const target = await startTarget(undefined);
    const pid = target.pid;
    try {
      assert.ok(target.embedded);
      assert.match(target.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(pid !== undefined && pid !== process.pid && alive(pid), `pid ${pid}`);
      const control = createControlClient({ baseUrl: target.url });
      const health = await control.api.GET('/sandbox/health');
      assert.deepEqual(health.data, { status: 'ok' });
      await control.injectFault({ delay_ms: 300, count: 1, operationId: 'createLink' });
    } finally {
      await target.close();
    }
    assert.equal(alive(pid!), false, 'the sandbox process ended');
    await assert.rejects(fetch(`${target.url}/sandbox/health`));
  });

  it('passes a given URL through without starting anything', async () => {
    const target = await startTarget('http://127.0.0.1:4010//');
    assert.deepEqual([target.url, target.embedded, target.pid], ['http://127.0.0.1:4010', false, undefined]);
    await target.close();
  });
});
