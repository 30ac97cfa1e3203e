/**
 * The node:http side of the body cap (boundedBody.ts), for clients that take an `agent` option:
 * Pactum, through phinx and centra. Centra buffers a body by copying its whole buffer on every
 * chunk (quadratic) and fails its process past 50 MB; a bounded agent's responses hand it at most
 * the cap, in one chunk, and end normally whatever the server sends, so what the suites read is
 * the kept start and `bodyMeterOf(response)` says what became of the body.
 *
 * The seam: an agent's addRequest(req, options) sees every request it carries before it is sent.
 * There a 'response' listener is put first (before the client's own), and it replaces `push` on
 * that one IncomingMessage: node:http's parser hands every body chunk, and the end, to the message
 * through `push` (_http_common.js parserOnBody, parserOnMessageComplete). Chunks are metered; kept
 * ones are held and delivered together at the end. Past the drain bound, or past the body's
 * deadline (`options[bodyDeadlineOption]`, else `limits.deadlineMs`, from the response head), the
 * kept part and the end are delivered and the socket is destroyed. A request with no response head
 * by its head deadline (`options[headDeadlineOption]`, else `limits.headDeadlineMs`, from
 * addRequest) is destroyed with an error. With a breaker (targetBreaker.ts), each request's fate is
 * reported to it, and once it has tripped a request is destroyed with its reason before it is sent.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { type BodyLimits, BodyMeter } from './boundedBody.ts';
import { fateOf, type TargetBreaker, TargetCutOff } from './targetBreaker.ts';

/** Request options (core options, in Pactum's words): that request's own deadlines in ms. */
export const headDeadlineOption = 'headDeadlineMs';
export const bodyDeadlineOption = 'bodyDeadlineMs';

const meters = new WeakMap<IncomingMessage, BodyMeter>();
const sentHeaders = new WeakMap<IncomingMessage, http.OutgoingHttpHeaders>();

/** The meter of a response a bounded agent received; undefined for any other response. */
export function bodyMeterOf(response: object): BodyMeter | undefined {
  return meters.get(response as IncomingMessage);
}

/**
 * The headers of the request that got `response`, as node:http sent them: with what the client
 * added on its own (a form's or JSON's Content-Type, Content-Length), which its caller never saw.
 */
export function sentHeadersOf(response: object): http.OutgoingHttpHeaders | undefined {
  return sentHeaders.get(response as IncomingMessage);
}

type Push = (chunk: unknown, encoding?: BufferEncoding) => boolean;

/**
 * The kept start of a body, copied into one buffer that grows by doubling up to the cap: no chunk
 * (nor the larger socket buffer it may be a slice of) is held, however small the chunks come.
 */
class KeptBytes {
  #store = Buffer.alloc(0);
  length = 0;

  constructor(readonly cap: number) {}

  add(chunk: Uint8Array): void {
    const needed = this.length + chunk.byteLength;
    if (needed > this.#store.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.cap, Math.max(needed, 2 * this.#store.length, 16_384)));
      this.#store.copy(grown, 0, 0, this.length);
      this.#store = grown;
    }
    this.#store.set(chunk, this.length);
    this.length = needed;
  }

  bytes(): Buffer {
    return this.#store.subarray(0, this.length);
  }
}
type SocketlessRequest = { onSocket(socket: null, error: Error): void };
type AgentInternals = { addRequest(req: ClientRequest, options: Record<string, unknown>): void };

function own(options: Record<string, unknown>, name: string, otherwise: number): number {
  const value = options[name];
  return typeof value === 'number' && value > 0 ? value : otherwise;
}

function bound(
  req: ClientRequest,
  options: Record<string, unknown>,
  base: BodyLimits,
  breaker: TargetBreaker | undefined,
): void {
  const limits = {
    ...base,
    headDeadlineMs: own(options, headDeadlineOption, base.headDeadlineMs),
    deadlineMs: own(options, bodyDeadlineOption, base.deadlineMs),
  };
  const meter = new BodyMeter(limits);
  let timer = setTimeout(() => {
    breaker?.record('no head');
    req.destroy(new Error(`no response head within ${limits.headDeadlineMs} ms of sending the request`));
  }, limits.headDeadlineMs);
  timer.unref();
  req.once('close', () => clearTimeout(timer));
  req.prependOnceListener('response', (res: IncomingMessage) => {
    clearTimeout(timer);
    const headAt = performance.now();
    meters.set(res, meter);
    sentHeaders.set(res, req.getHeaders());
    const push = res.push as Push;
    const kept = new KeptBytes(limits.capBytes);
    let delivered = false;
    const deliver = () => {
      if (delivered) return;
      delivered = true;
      clearTimeout(timer);
      breaker?.record(fateOf(meter.outcome()));
      if (kept.length > 0) push.call(res, kept.bytes());
      push.call(res, null);
    };
    const cut = () => {
      deliver();
      // The body as delivered is complete: without this, the socket's close would destroy the
      // message with an 'aborted' error before the client reads the end. Nor is the connection
      // reusable: the rest of the body is still on it.
      res.complete = true;
      req.shouldKeepAlive = false;
      res.socket?.destroy();
    };
    timer = setTimeout(() => {
      meter.tooSlow(performance.now() - headAt);
      cut();
    }, limits.deadlineMs);
    timer.unref();
    (res as { push: Push }).push = (chunk, encoding) => {
      if (chunk === null) {
        meter.end();
        deliver();
        return false;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : (chunk as Buffer);
      const keep = meter.take(bytes);
      if (keep) kept.add(keep);
      if (meter.stopped) cut();
      // Chunks are held here, never queued in the stream: the parser may go on reading.
      return true;
    };
  });
}

function bounded<A extends http.Agent>(agent: A, limits: BodyLimits, breaker?: TargetBreaker): A {
  const internals = agent as unknown as AgentInternals;
  const addRequest = internals.addRequest.bind(agent);
  internals.addRequest = (req, options) => {
    // Refused as an agent refuses a request it cannot make a socket for (node's Agent hands the
    // error to onSocket): the request fails with it, and nothing reaches the target.
    if (breaker?.reason !== undefined)
      return (req as unknown as SocketlessRequest).onSocket(null, new TargetCutOff(breaker.reason));
    bound(req, options, limits, breaker);
    addRequest(req, options);
  };
  return agent;
}

/**
 * Keep-alive agents for http: and https: whose every response body is bounded by `limits`, and
 * whose requests stop once `breaker` (if any) has tripped.
 */
export function boundedAgents(
  limits: BodyLimits,
  breaker?: TargetBreaker,
): Record<'http:' | 'https:', http.Agent> {
  return {
    'http:': bounded(new http.Agent({ keepAlive: true }), limits, breaker),
    'https:': bounded(new https.Agent({ keepAlive: true }), limits, breaker),
  };
}
