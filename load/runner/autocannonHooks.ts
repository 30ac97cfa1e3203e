/**
 * Where the runner plugs into autocannon 9. autocannon keeps the connections, the per-connection rate
 * limit, request quotas, timeouts, reconnects and HTTP parsing; the runner supplies each request's
 * bytes and reads each answer. Its public per-request hooks (`setupRequest`, `onResponse`) rebuild
 * every request through a generic builder and re-split every header list, which doubles autocannon's
 * cost per request; so the runner replaces members of each client instead, through `setupClient`:
 * `getRequestBuffer()` (called right before each write), `requestIterator.recordBody()` (called
 * with each complete answer) and `requestIterator.nextRequest()` (a step to autocannon's own next
 * request before each send, which the runner's bytes make moot). These are private, so autocannon
 * is pinned to one exact version (package.json) and autocannonHooks.test.ts checks, on real
 * clients, every member and behaviour used here; `hook` refuses a client without them, naming what
 * is missing.
 * To end a segment on time the runner lowers a client's quota (`responseMax`) or ends it (`destroy`).
 * With one request in flight per connection (no pipelining), the client's current flight is exactly
 * the request an answer belongs to. A socket error loses the flight at once ('connError' comes before
 * the reconnect); a timeout reconnects and sends the next request before its 'timeout' event, so the
 * shard finds the lost flight when the next one replaces it.
 */
import type autocannon from 'autocannon';
import type { LoadRequest } from '../scenarios/types.ts';

export interface Flight {
  /** Index of the request in its segment. */
  k: number;
  op: number;
  intended: number;
  sent: number;
  request: LoadRequest;
}

export interface HookedClient {
  flight?: Flight;
}

interface PendingAnswer {
  body: string;
}

interface ClientInternals {
  destroyed?: boolean;
  pipelinedRequests?: { peek(): PendingAnswer | undefined; addBody(chunk: Buffer): void };
  getRequestBuffer(): Buffer;
  requestIterator?: {
    recordBody(request: unknown, status: number, body: string, headers: unknown): void;
    nextRequest(): unknown;
    currentRequest: unknown;
  };
  /** Requests this client sent, and its quota: at its next send with reqsMade >= responseMax it ends. */
  reqsMade: number;
  responseMax?: number;
  destroy(): void;
}

export interface ClientHooks {
  /**
   * The next request's bytes. `lostWhileCut` is true when the client's unanswered flight (lost to a
   * timeout, replaced now) had a body still coming past `maxBodyBytes`: an endless body.
   */
  nextRequest(client: HookedClient, lostWhileCut: boolean): Buffer;
  /** `cut` is true when the body was longer than `maxBodyBytes` and only its start was kept. */
  onAnswer(flight: Flight, status: number, body: string, cut: boolean): void;
  /** `cut` is true when its body had passed `maxBodyBytes` before it was lost (an endless body). */
  onLost(flight: Flight, cut: boolean): void;
  /** The client's connection is closed for good (called once). */
  onGone(): void;
  maxBodyBytes: number;
}

export function hook(client: autocannon.Client, hooks: ClientHooks): HookedClient {
  const internals = client as unknown as ClientInternals & HookedClient;
  const queue = internals.pipelinedRequests;
  const present: [string, boolean][] = [
    ['getRequestBuffer', typeof internals.getRequestBuffer === 'function'],
    ['requestIterator.recordBody', typeof internals.requestIterator?.recordBody === 'function'],
    ['requestIterator.nextRequest', typeof internals.requestIterator?.nextRequest === 'function'],
    ['pipelinedRequests.addBody', typeof queue?.addBody === 'function'],
    ['pipelinedRequests.peek', typeof queue?.peek === 'function'],
    ['destroy', typeof internals.destroy === 'function'],
    ['reqsMade', typeof internals.reqsMade === 'number'],
  ];
  const missing = present.filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0 || !queue || !internals.requestIterator) {
    throw new Error(
      `this autocannon client has no ${missing.join(', ')}: the runner replaces these private members and needs the autocannon version pinned in package.json`,
    );
  }
  // One request in flight per connection: the body being read belongs to the client's flight.
  let keptBytes = 0;
  let cut = false;
  queue.addBody = (chunk) => {
    const answer = queue.peek();
    if (!answer) return;
    const take = Math.min(chunk.length, hooks.maxBodyBytes - keptBytes);
    if (take < chunk.length) cut = true;
    if (take <= 0) return;
    answer.body += chunk.toString('utf8', 0, take);
    keptBytes += take;
  };
  internals.getRequestBuffer = () => {
    const lostWhileCut = cut && internals.flight !== undefined;
    keptBytes = 0;
    cut = false;
    return hooks.nextRequest(internals, lostWhileCut);
  };
  // The runner supplies every request's bytes, so autocannon's step through its own request list
  // before each send is idle work, and with its one request each step deep-copies its context anew.
  const iterator = internals.requestIterator;
  iterator.nextRequest = () => iterator.currentRequest;
  iterator.recordBody = (_request, status, body) => {
    const flight = internals.flight;
    if (!flight) return;
    internals.flight = undefined;
    hooks.onAnswer(flight, status, body, cut);
  };
  const lose = () => {
    const flight = internals.flight;
    internals.flight = undefined;
    if (flight) hooks.onLost(flight, cut);
  };
  // Both events exist on autocannon's clients (they are EventEmitters); its types list only three.
  const events = client as unknown as NodeJS.EventEmitter;
  events.on('connError', lose);
  // After a timeout the client has already sent the next request, unless its quota was used up.
  events.on('timeout', () => internals.destroyed && lose());
  events.once('done', () => hooks.onGone());
  return internals;
}

/** The HTTP/1.1 request as bytes; header values were checked for line breaks when the run started. */
export function requestBytes(host: string, request: LoadRequest): Buffer {
  let head = `${request.method} ${request.path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
  for (const name in request.headers) head += `${name}: ${request.headers[name]}\r\n`;
  if (request.method !== 'GET') head += `Content-Length: ${Buffer.byteLength(request.body)}\r\n`;
  return Buffer.from(`${head}\r\n${request.body}`);
}

/**
 * The client starts no further request; the one in flight (if any) still gets its answer, or its
 * timeout. Lowering its quota to what it sent makes autocannon end it at its next send, which comes
 * right after that answer (or the reconnect after a timeout); an idle client ends now.
 */
export function stopSending(client: HookedClient): void {
  const internals = client as unknown as ClientInternals & HookedClient;
  if (internals.destroyed) return;
  if (internals.flight === undefined || internals.reqsMade === 0) internals.destroy();
  else internals.responseMax = internals.reqsMade;
}
