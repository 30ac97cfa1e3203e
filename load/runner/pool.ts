/**
 * Runs the load in worker threads, one per shard (each with its share of the rate and connections).
 * The generator never runs on the run's own thread: that thread is the watchdog, and its deadline and
 * stuck timers must fire however busy the generator gets. Workers boot first (loading TypeScript
 * takes a moment) and all start from one shared time 0, so the intended send times stay true. A
 * worker that does not end when told is terminated; its totals are the last it reported.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SampleBatch } from './samples.ts';
import type { ShardPulse, ShardSpec, ShardTotals } from './shard.ts';

export type PoolSpec = Omit<ShardSpec, 'shard' | 'epoch' | 'deadline'> & {
  durationMs: number;
  graceMs: number;
};

export interface PoolEvents {
  batch(batch: SampleBatch): void;
  pulse(shard: number, pulse: ShardPulse): void;
}

export interface Pool {
  /** Resolves with the run's time 0 (absolute ms) once every shard is ready and started. */
  started: Promise<number>;
  /** The shards' totals; `terminated` when a shard had to be killed (see `kill`). */
  done: Promise<ShardTotals & { terminated: number }>;
  /** Asks every shard to stop: pending segments never start, running ones wind down. */
  stop(): void;
  /** Terminates the shards that have not ended; `done` then resolves with what they last reported. */
  kill(): void;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'batch'; batch: SampleBatch }
  | { type: 'pulse'; pulse: ShardPulse }
  | { type: 'done'; totals: ShardTotals }
  | { type: 'error'; message: string };

const noTotals: ShardTotals = { planned: 0, issued: 0, connections: 0, cutBodies: 0, endlessBodies: 0 };

function sum(totals: ShardTotals[]): ShardTotals {
  return totals.reduce(
    (a, b) => ({
      planned: a.planned + b.planned,
      issued: a.issued + b.issued,
      connections: a.connections + b.connections,
      cutBodies: a.cutBodies + b.cutBodies,
      endlessBodies: a.endlessBodies + b.endlessBodies,
    }),
    noTotals,
  );
}

const absoluteNow = () => performance.timeOrigin + performance.now();

/** A worker that loads TypeScript through tsx (worker threads do not inherit the loader). */
function tsWorker(entry: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

interface ShardThread {
  worker: Worker;
  ready: Promise<void>;
  /** Totals, or undefined when the worker was terminated before it reported them. */
  result: Promise<ShardTotals | undefined>;
  lastTotals: ShardTotals;
}

const shardWorker = new URL('./shardWorker.ts', import.meta.url);

function startShard(spec: PoolSpec, shard: number, events: PoolEvents, entry: URL): ShardThread {
  const worker = tsWorker(entry, { spec: { ...spec, shard } });
  let markReady: () => void = () => {};
  const thread: ShardThread = {
    worker,
    ready: new Promise((resolve) => (markReady = resolve)),
    result: Promise.resolve(undefined),
    lastTotals: noTotals,
  };
  let ended = false;
  thread.result = new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') markReady();
      else if (message.type === 'batch') events.batch(message.batch);
      else if (message.type === 'pulse') {
        thread.lastTotals = message.pulse.totals;
        events.pulse(shard, message.pulse);
      } else if (message.type === 'done') {
        ended = true;
        resolve(message.totals);
      } else reject(new Error(`shard ${shard}: ${message.message}`));
    });
    worker.on('error', reject);
    // Terminated on purpose (kill) is an end without totals; any other early exit is a failure.
    worker.on('exit', (code) =>
      ended
        ? undefined
        : code === 1
          ? resolve(undefined)
          : reject(new Error(`shard ${shard} exited (code ${code})`)),
    );
  });
  return thread;
}

/** `entry` is the worker module speaking shardWorker.ts's messages (tests substitute one). */
export function startPool(spec: PoolSpec, events: PoolEvents, entry: URL = shardWorker): Pool {
  const threads = Array.from({ length: Math.max(1, spec.shards) }, (_, shard) =>
    startShard(spec, shard, events, entry),
  );
  let killed = false;
  const done = Promise.all(threads.map((t) => t.result))
    .then((results) => {
      const terminated = results.filter((r) => r === undefined).length;
      if (terminated > 0 && !killed) throw new Error(`${terminated} shard(s) exited before finishing`);
      return { ...sum(results.map((r, i) => r ?? threads[i]!.lastTotals)), terminated };
    })
    .finally(() => Promise.all(threads.map((t) => t.worker.terminate())));
  // Handled here too: a shard that fails while booting rejects `done` before anyone awaits it.
  done.catch(() => {});
  const allReady = Promise.all(threads.map((t) => t.ready)).then(() => {
    const epoch = absoluteNow();
    for (const { worker } of threads)
      worker.postMessage({ type: 'start', epoch, deadline: spec.durationMs + spec.graceMs });
    return epoch;
  });
  // A shard that fails (or is killed) before it is ready ends the wait with the reason.
  const started = Promise.race([
    allReady,
    done.then((totals) => {
      throw new Error(
        `the load generator's ${totals.terminated} worker(s) were terminated before they started`,
      );
    }),
  ]);
  return {
    started,
    done,
    stop: () => {
      for (const { worker } of threads) worker.postMessage({ type: 'stop' });
    },
    kill: () => {
      killed = true;
      for (const { worker } of threads) void worker.terminate();
    },
  };
}
