/**
 * A loopback HTTP receiver for payment notifications: listens on 127.0.0.1 (a free port), answers
 * every request 200, and keeps each as it arrived (method, path, headers as sent, content type, the
 * start of the body and its whole size, arrival order). A test hands out one fresh path per endpoint
 * and waits for the notifications it expects there.
 *
 * Waiting is bounded and can only make a test slower: `waitFor` resolves as soon as the count has
 * arrived, and rejects only when its bound passed (or the caller gave up through its signal, or the
 * receiver closed), saying how many did arrive. Nothing here asserts that something was quick.
 *
 * Bounded whatever a server sends: bodies are kept up to `maxBodyBytes` and counted up to
 * `drainBytes` (then the request is answered 413 and its connection closed), a request has
 * `requestTimeoutMs` to arrive whole, and at most `maxRequests` are kept (later ones are counted).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  /** Arrival order in this receiver, from 1 (counted when the whole body has arrived). */
  seq: number;
  /** When its body had arrived (ISO 8601). */
  at: string;
  method: string;
  /** The path without the query: what `endpoint()` handed out. */
  path: string;
  /** The request target as sent (path and query). */
  target: string;
  /** Headers with their names as sent; a header sent twice is one line, comma-separated. */
  headers: Record<string, string>;
  contentType?: string;
  /** The start of the body (UTF-8), at most `maxBodyBytes`. */
  body: string;
  /** The bytes of the whole body (up to `drainBytes`, where the request was cut). */
  bodyBytes: number;
  /** Why `body` is not the whole body, absent when it is. */
  bodyCut?: string;
  /** The receiver's answer: 200, or 413 for a body that did not end. */
  answered: 200 | 413;
}

export interface ReceiverOptions {
  maxBodyBytes?: number;
  drainBytes?: number;
  requestTimeoutMs?: number;
  maxRequests?: number;
  /** Called with each request kept, in arrival order, before any waiter hears of it. */
  onRequest?: (request: ReceivedRequest) => void;
}

export interface WaitOptions {
  /** The bound: how long the server may take. Generous: it only ends a wait that failed anyway. */
  withinMs: number;
  /** Ends the wait early, when the caller knows nothing more will come. */
  signal?: AbortSignal;
}

/** A wait that ended before its count arrived: how many did, and why it ended. */
export class ReceiverWaitEnded extends Error {
  override name = 'ReceiverWaitEnded';
  constructor(
    message: string,
    readonly arrived: ReceivedRequest[],
    readonly why: 'bound' | 'aborted' | 'closed',
  ) {
    super(message);
  }
}

export interface NotificationReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** A path no one else uses, and its URL, for one endpoint of one test. */
  endpoint(): { path: string; url: string };
  /** Every request kept, in arrival order; only those on `path` when given. */
  received(path?: string): ReceivedRequest[];
  /** Requests past `maxRequests`: answered, counted, not kept. */
  readonly dropped: number;
  /** The first `count` requests on `path`, once they have arrived. */
  waitFor(path: string, count: number, options: WaitOptions): Promise<ReceivedRequest[]>;
  /** Stops listening, drops open connections, and ends every wait still pending. */
  close(): Promise<void>;
}

const receiverDefaults = {
  maxBodyBytes: 64 * 1024,
  drainBytes: 1024 * 1024,
  requestTimeoutMs: 10_000,
  maxRequests: 1000,
};

interface Waiter {
  path: string;
  count: number;
  resolve: (requests: ReceivedRequest[]) => void;
  end: (why: ReceiverWaitEnded['why']) => void;
}

function headersAsSent(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const existing = Object.keys(headers).find((n) => n.toLowerCase() === name.toLowerCase());
    if (existing) headers[existing] = `${headers[existing]}, ${raw[i + 1]}`;
    else headers[name] = raw[i + 1]!;
  }
  return headers;
}

const pathOf = (target: string) => {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
};

export async function startReceiver(options: ReceiverOptions = {}): Promise<NotificationReceiver> {
  const limits = { ...receiverDefaults, ...options };
  const kept: ReceivedRequest[] = [];
  const waiters = new Set<Waiter>();
  let seq = 0;
  let dropped = 0;
  let closed = false;
  const on = (path: string) => kept.filter((r) => r.path === path);

  const settle = () => {
    for (const waiter of waiters) {
      const arrived = on(waiter.path);
      if (arrived.length >= waiter.count) waiter.resolve(arrived.slice(0, waiter.count));
    }
  };

  const keep = (
    message: IncomingMessage,
    chunks: Buffer[],
    bytes: number,
    answered: ReceivedRequest['answered'],
    cut?: string,
  ) => {
    seq += 1;
    if (kept.length >= limits.maxRequests) {
      dropped += 1;
      return;
    }
    const target = message.url ?? '/';
    const contentType = message.headers['content-type'];
    const request: ReceivedRequest = {
      seq,
      at: new Date().toISOString(),
      method: message.method ?? '',
      path: pathOf(target),
      target,
      headers: headersAsSent(message),
      ...(contentType !== undefined ? { contentType } : {}),
      body: Buffer.concat(chunks).toString('utf8'),
      bodyBytes: bytes,
      ...(cut ? { bodyCut: cut } : {}),
      answered,
    };
    kept.push(request);
    options.onRequest?.(request);
    settle();
  };

  const handle = (message: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let keptBytes = 0;
    let bytes = 0;
    let done = false;
    message.on('data', (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      if (keptBytes < limits.maxBodyBytes) {
        const part = chunk.subarray(0, limits.maxBodyBytes - keptBytes);
        chunks.push(part);
        keptBytes += part.length;
      }
      if (bytes > limits.drainBytes) {
        done = true;
        keep(message, chunks, bytes, 413, `cut after ${limits.drainBytes} bytes: the body did not end`);
        response.writeHead(413, { connection: 'close' }).end();
        message.destroy();
      }
    });
    message.on('end', () => {
      if (done) return;
      done = true;
      const cut = bytes > keptBytes ? `${keptBytes} of ${bytes} bytes kept` : undefined;
      keep(message, chunks, bytes, 200, cut);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    message.on('error', () => {
      done = true;
    });
  };

  const server = createServer(handle);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.requestTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let paths = 0;

  return {
    origin,
    get dropped() {
      return dropped;
    },
    endpoint() {
      paths += 1;
      const path = `/notify/${paths}-${randomBytes(4).toString('hex')}`;
      return { path, url: `${origin}${path}` };
    },
    received: (path) => (path === undefined ? [...kept] : on(path)),
    waitFor(path, count, { withinMs, signal }) {
      const arrived = on(path);
      if (arrived.length >= count) return Promise.resolve(arrived.slice(0, count));
      return new Promise<ReceivedRequest[]>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          waiters.delete(waiter);
        };
        const waiter: Waiter = {
          path,
          count,
          resolve: (requests) => {
            finish();
            resolve(requests);
          },
          end: (why) => {
            finish();
            const got = on(path);
            const because =
              why === 'bound'
                ? `within ${withinMs} ms`
                : why === 'aborted'
                  ? 'before the wait was ended'
                  : 'before the receiver closed';
            reject(
              new ReceiverWaitEnded(
                `${got.length} of ${count} requests arrived on ${path} ${because}`,
                got,
                why,
              ),
            );
          },
        };
        const aborted = () => waiter.end('aborted');
        const timer = setTimeout(() => waiter.end('bound'), withinMs);
        waiters.add(waiter);
        if (closed) waiter.end('closed');
        else if (signal?.aborted) waiter.end('aborted');
        else signal?.addEventListener('abort', aborted, { once: true });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const waiter of [...waiters]) waiter.end('closed');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
