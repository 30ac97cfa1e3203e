/**
 * Runs the load in one or more shards: in this thread when one suffices, else one worker thread per
 * shard (each with its share of the rate and connections), for rates one event loop cannot drive.
 * Workers boot first (loading TypeScript takes a moment) and all start from one shared time 0, so the
 * intended send times stay true.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenarios/types.ts';
import type { SampleBatch } from './samples.ts';
import { Shard, type ShardSpec, type ShardTotals } from './shard.ts';

export type PoolSpec = Omit<ShardSpec, 'shard' | 'epoch' | 'deadline'> & {
  durationMs: number;
  graceMs: number;
};

export interface Pool {
  /** Resolves with the run's time 0 (absolute ms) once every shard is ready and started. */
  started: Promise<number>;
  done: Promise<ShardTotals>;
  stop(): void;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'batch'; batch: SampleBatch }
  | { type: 'done'; totals: ShardTotals }
  | { type: 'error'; message: string };

function sum(totals: ShardTotals[]): ShardTotals {
  return totals.reduce((a, b) => ({
    planned: a.planned + b.planned,
    issued: a.issued + b.issued,
    connections: a.connections + b.connections,
  }));
}

const absoluteNow = () => performance.timeOrigin + performance.now();

function startInThread(spec: PoolSpec, scenario: Scenario<unknown>, onBatch: (b: SampleBatch) => void): Pool {
  const epoch = absoluteNow();
  const shard = new Shard(
    { ...spec, shard: 0, epoch, deadline: spec.durationMs + spec.graceMs },
    scenario,
    onBatch,
  );
  return { started: Promise.resolve(epoch), done: shard.run(), stop: () => shard.stop() };
}

/** A worker that loads TypeScript through tsx (worker threads do not inherit the loader). */
function tsWorker(entry: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

function startWorkers(spec: PoolSpec, onBatch: (b: SampleBatch) => void): Pool {
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  const results: Promise<ShardTotals>[] = [];
  for (let shard = 0; shard < spec.shards; shard++) {
    const worker = tsWorker(new URL('./shardWorker.ts', import.meta.url), { spec: { ...spec, shard } });
    workers.push(worker);
    let markReady: () => void = () => {};
    ready.push(new Promise((resolve) => (markReady = resolve)));
    results.push(
      new Promise((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'ready') markReady();
          else if (message.type === 'batch') onBatch(message.batch);
          else if (message.type === 'done') resolve(message.totals);
          else reject(new Error(`shard ${shard}: ${message.message}`));
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          reject(new Error(`shard ${shard} exited (code ${code}) before finishing`)),
        );
      }),
    );
  }
  const started = Promise.all(ready).then(() => {
    const epoch = absoluteNow();
    for (const worker of workers)
      worker.postMessage({ type: 'start', epoch, deadline: spec.durationMs + spec.graceMs });
    return epoch;
  });
  const done = Promise.all(results)
    .then(sum)
    .finally(() => Promise.all(workers.map((w) => w.terminate())));
  return {
    started,
    done,
    stop: () => {
      for (const worker of workers) worker.postMessage({ type: 'stop' });
    },
  };
}

export function startPool(
  spec: PoolSpec,
  scenario: Scenario<unknown>,
  onBatch: (b: SampleBatch) => void,
): Pool {
  return spec.shards <= 1 ? startInThread(spec, scenario, onBatch) : startWorkers(spec, onBatch);
}
