/**
 * A worker thread running one shard (see pool.ts): reports ready, waits for the shared time 0,
 * streams its measurements back (transferred, not copied), a pulse every second (its event loop's
 * health and its totals so far) and its totals at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isScenarioName, scenarios } from '../scenarios/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { transferables } from './samples.ts';
import { Shard, type ShardSpec } from './shard.ts';

const port = parentPort;
if (!port) throw new Error('shardWorker.ts runs as a worker thread only');
const spec = (workerData as { spec: Omit<ShardSpec, 'epoch' | 'deadline'> }).spec;
if (!isScenarioName(spec.scenario)) throw new Error(`unknown scenario ${spec.scenario}`);
const scenario = scenarios[spec.scenario] as unknown as Scenario<unknown>;

let shard: Shard | undefined;
let stopped = false;
port.on('message', (message: { type: 'start'; epoch: number; deadline: number } | { type: 'stop' }) => {
  if (message.type === 'stop') {
    stopped = true;
    shard?.stop();
    return;
  }
  if (shard) return;
  shard = new Shard(
    { ...spec, epoch: message.epoch, deadline: message.deadline },
    scenario,
    (batch) => port.postMessage({ type: 'batch', batch }, transferables(batch)),
    (pulse) => port.postMessage({ type: 'pulse', pulse }),
  );
  const running = shard.run();
  // A stop that came before the start still counts: the shard starts nothing.
  if (stopped) shard.stop();
  running.then(
    (totals) => port.postMessage({ type: 'done', totals }),
    (error: Error) => port.postMessage({ type: 'error', message: error.message }),
  );
});
port.postMessage({ type: 'ready' });
