/**
 * k6's http calls block the VU until the answer is there. Node has no blocking HTTP, so a worker
 * thread sends and the VU's thread sleeps on `Atomics.wait` until the worker raises a shared flag,
 * then takes the answer with `receiveMessageOnPort` (no event loop turn needed). A worker rather than
 * a child process per call (`execFileSync`): connections stay open between calls, as in a k6 VU.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { WireRequest, WireResponse } from './wire.ts';

/** A worker that loads TypeScript through tsx (worker threads do not inherit the loader; load/runner/pool.ts does the same). */
function tsWorker(entry: URL, workerData: unknown, transferList: readonly MessagePort[]): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData, transferList: [...transferList] });
}

/** Slack above the longest request timeout before a call is declared stuck (the worker died, say). */
const stuckSlackMs = 10_000;

export class SyncHttp {
  private readonly flag = new SharedArrayBuffer(4);
  private readonly signal = new Int32Array(this.flag);
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;

  constructor() {
    this.worker = tsWorker(
      new URL('./httpWorker.ts', import.meta.url),
      { port: this.channel.port2, flag: this.flag },
      [this.channel.port2],
    );
    // The worker must not keep the process alive once the run is over.
    this.worker.unref();
  }

  /** Sends the requests at once and blocks until every answer (or failure) is in, in their order. */
  send(requests: readonly WireRequest[]): WireResponse[] {
    if (requests.length === 0) return [];
    Atomics.store(this.signal, 0, 0);
    this.channel.port1.postMessage(requests);
    const limit = Math.max(...requests.map((r) => r.timeoutMs)) + stuckSlackMs;
    if (Atomics.wait(this.signal, 0, 0, limit) === 'timed-out') {
      throw new Error(`no answer from the HTTP thread within ${limit} ms (it may have failed to start)`);
    }
    const message = receiveMessageOnPort(this.channel.port1);
    if (!message) throw new Error('the HTTP thread raised its flag without an answer');
    return message.message as WireResponse[];
  }

  async close(): Promise<void> {
    this.channel.port1.close();
    await this.worker.terminate();
  }
}

/** Blocks the thread for `ms` (k6's `sleep`): a VU does nothing else meanwhile. */
export function blockFor(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
