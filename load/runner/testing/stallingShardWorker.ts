/**
 * A shard worker whose event loop blocks for good once it has started: it reports ready, sends one
 * batch of answers and one pulse (its totals so far), then spins. The watchdog in measure.ts must
 * still end the run, terminate it and keep what it reported.
 */
import { parentPort } from 'node:worker_threads';
import { Outcome, SampleColumns, transferables } from '../samples.ts';
import type { ShardPulse } from '../shard.ts';

const port = parentPort;
if (!port) throw new Error('a worker thread only');
port.on('message', (message: { type: string }) => {
  if (message.type !== 'start') return;
  const samples = new SampleColumns(4);
  for (let k = 0; k < 3; k++) {
    samples.push({
      op: 0,
      status: 200,
      outcome: Outcome.answered,
      checksPassed: 1,
      checks: 1,
      intended: k,
      sent: k,
      done: k + 1,
    });
  }
  const batch = samples.take();
  port.postMessage({ type: 'batch', batch }, transferables(batch));
  const pulse: ShardPulse = {
    loop: { at: performance.timeOrigin + performance.now(), delayP99Ms: 0, delayMaxMs: 0, utilization: 1 },
    totals: { planned: 10, issued: 3, connections: 1, cutBodies: 0, endlessBodies: 0 },
  };
  port.postMessage({ type: 'pulse', pulse });
  // Messages are sent when the loop turns; spin on the next turn so both go out first.
  setTimeout(() => {
    for (;;) {
      // Blocked for good: only terminate() ends this thread.
    }
  }, 50);
});
port.postMessage({ type: 'ready' });
