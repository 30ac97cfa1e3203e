/**
 * The typed SecPaid client: one method per operation (`client.createLink({ amount: 100 })`), bodies
 * sent as the spec describes them (form by default, JSON on request), answers classified by status
 * into a union the caller narrows on `ok`. Built on openapi-fetch, whose path and body types each
 * method keeps (types from generated/); `callRaw` sends what no type allows, for malformed-input tests.
 */
import { inspect } from 'node:util';
import createClient, { type Middleware } from 'openapi-fetch';
import { type BodyLimits, bodyLimits, maxBodyCapBytes } from '../core/boundedBody.ts';
import { bodyCutText } from '../core/boundedResponse.ts';
import { encodeFormBody } from '../core/formBody.ts';
import { type OperationId, operations } from '../core/spec.ts';
import type { TargetBreaker } from '../core/targetBreaker.ts';
import { targetFetch } from '../core/targetFetch.ts';
import type { paths } from '../generated/secpaid.d.ts';
import {
  captureExchange,
  type ExchangeHook,
  REDACTED,
  type SecPaidExchange,
  scrubSecret,
  type TokenDescriber,
} from './exchange.ts';
import { classifyResponse, describeFailure, SecPaidRequestError } from './results.ts';
import type { BodyFormat, CallArgs, CallOptions, OperationMethods, RawBody, SecPaidResult } from './types.ts';

export type { SecPaidExchange } from './exchange.ts';
export { SecPaidRequestError } from './results.ts';
export type * from './types.ts';

export interface SecPaidClientOptions {
  /** e.g. `http://127.0.0.1:4010`; the operations' paths (`/api/v2/...`) are appended. */
  baseUrl: string;
  /** The API key, sent in the `token` header and never shown (inspect, errors, exchange records). */
  token: string;
  fetch?: (input: Request) => Promise<Response>;
  /** `form` (default, as the API's docs send) or `json`. */
  bodyFormat?: BodyFormat;
  /** Per call, until the whole response is read. Default 30 s. */
  timeoutMs?: number;
  /**
   * Bytes kept of an answer's body (default 1 MiB): a longer body, or one still arriving at
   * `timeoutMs`, comes back as undocumented with `bodyCut` saying why (core/boundedBody.ts).
   */
  maxBodyBytes?: number;
  /**
   * The run's body limits as they are (head and body deadlines apart), instead of `maxBodyBytes`;
   * `timeoutMs` still bounds the call as a whole.
   */
  bodyLimits?: BodyLimits;
  /** Stops the calls once it has tripped, and is told each call's fate (core/targetBreaker.ts). */
  breaker?: TargetBreaker;
  /** Called once per call, after the answer (or the failure), with the token redacted. */
  onExchange?: ExchangeHook;
  /** How the records name a `token` header's value (e.g. which account); default `«redacted»`. */
  describeToken?: TokenDescriber;
}

export interface SecPaidClient extends OperationMethods {
  readonly baseUrl: string;
  /** The same as `client[operationId](...)`, for code that iterates over operations. */
  call<Id extends OperationId>(operationId: Id, ...args: CallArgs<Id>): Promise<SecPaidResult<Id>>;
  /** Sends `raw.body` untouched, for malformed-input tests; no Content-Type unless `raw.contentType`. */
  callRaw<Id extends OperationId>(
    operationId: Id,
    raw: RawBody,
    options?: CallOptions,
  ): Promise<SecPaidResult<Id>>;
  toJSON(): { baseUrl: string; token: string };
}

const contentTypes: Record<BodyFormat, string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
};

type Serializer = (body: unknown) => string;

/** What every typed call adds to its body; the body itself is typed at each call (`methods`). */
type SendInit = {
  bodySerializer: Serializer;
  headers: Record<string, string | null>;
  parseAs: 'text';
  middleware: Middleware[];
  signal: AbortSignal;
};

/** The longest delay setTimeout keeps (a longer one fires at once). */
const maxTimeoutMs = 2 ** 31 - 1;

/**
 * The body cap and the time bounds of the client's calls, from its own options: each is checked here
 * and named as the caller spelled it. A call is bounded as a whole by `timeoutMs` (its signal); the
 * head and the body get the same bound in targetFetch.
 */
function clientLimits(timeoutMs: number, maxBodyBytes: number | undefined): BodyLimits {
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > maxTimeoutMs)
    throw new RangeError(
      `createSecPaidClient: timeoutMs must be a number of milliseconds above 0 and at most ${maxTimeoutMs}, got ${String(timeoutMs)}`,
    );
  if (
    maxBodyBytes !== undefined &&
    (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > maxBodyCapBytes)
  )
    throw new RangeError(
      `createSecPaidClient: maxBodyBytes must be a whole number of bytes from 1 to ${maxBodyCapBytes}, got ${String(maxBodyBytes)}`,
    );
  const deadlineMs = Math.ceil(timeoutMs);
  return bodyLimits({
    deadlineMs,
    headDeadlineMs: deadlineMs,
    ...(maxBodyBytes === undefined ? {} : { capBytes: maxBodyBytes }),
  });
}

function serializerFor(operationId: OperationId, format: BodyFormat): Serializer {
  if (format === 'json') return (body) => JSON.stringify(body);
  const jsonFields = operations[operationId].jsonEncodedFormFields;
  return (body) => encodeFormBody(isRecord(body) ? body : {}, jsonFields);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function createSecPaidClient(options: SecPaidClientOptions): SecPaidClient {
  const {
    token,
    onExchange,
    describeToken,
    bodyFormat: defaultFormat = 'form',
    timeoutMs = 30_000,
  } = options;
  if (typeof token !== 'string') throw new TypeError('createSecPaidClient: token must be a string');
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`createSecPaidClient: baseUrl must be http(s), got ${base.protocol}`);
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const ownLimits = clientLimits(timeoutMs, options.maxBodyBytes);
  const limits = options.bodyLimits ?? ownLimits;
  // The token lives only in closures (here and openapi-fetch's): no property of the client holds it.
  // It goes to baseUrl's origin only: a 3xx is answered as it is, never followed (targetFetch.ts).
  const fetchTarget = targetFetch(baseUrl, options.fetch, limits, options.breaker);
  const api = createClient<paths>({ baseUrl, headers: { token }, redirect: 'manual', fetch: fetchTarget });

  async function report(exchange: SecPaidExchange | undefined): Promise<void> {
    if (!exchange || !onExchange) return;
    const scrub = (text: string) => scrubSecret(text, token);
    const { request, response } = exchange;
    await onExchange({
      ...exchange,
      request: { ...request, body: request.body === null ? null : scrub(request.body) },
      response: response ? { ...response, body: scrub(response.body) } : null,
    });
  }

  /**
   * One call: `post` sends it (typed, through openapi-fetch, or raw), given the serializer and the
   * headers of the call, a middleware that captures the exchange and the call's signal.
   */
  async function send<Id extends OperationId>(
    operationId: Id,
    hasBody: boolean,
    contentType: string | null,
    callOptions: CallOptions,
    post: (init: SendInit, capture: ReturnType<typeof captureExchange>) => Promise<{ response: Response }>,
  ): Promise<SecPaidResult<Id>> {
    const format = callOptions.bodyFormat ?? defaultFormat;
    const capture = captureExchange(describeToken);
    const signals = [AbortSignal.timeout(timeoutMs), ...(callOptions.signal ? [callOptions.signal] : [])];
    const middleware: Middleware = {
      onRequest: ({ request }) => capture.request(request),
      onResponse: ({ response }) => capture.response(response),
    };
    let response: Response;
    try {
      ({ response } = await post(
        {
          bodySerializer: serializerFor(operationId, format),
          headers: { ...(hasBody ? { 'Content-Type': contentType } : {}), ...callOptions.headers },
          parseAs: 'text',
          middleware: [middleware],
          signal: AbortSignal.any(signals),
        },
        capture,
      ));
    } catch (error) {
      const { code, reason } = describeFailure(error, timeoutMs);
      const safeReason = scrubSecret(reason, token);
      await report(capture.finish(operationId, safeReason));
      const { path } = operations[operationId];
      throw new SecPaidRequestError(
        `SecPaid ${operationId}: POST ${baseUrl}${path} failed: ${safeReason}`,
        operationId,
        code,
      );
    }
    const exchange = capture.finish(operationId);
    await report(exchange);
    const received = exchange?.response;
    // Unreachable unless a response passes without being captured; fail loudly if it does.
    if (!received)
      throw new SecPaidRequestError(`SecPaid ${operationId}: no response captured`, operationId, 'INTERNAL');
    return classifyResponse(operationId, response, received.body, exchange.durationMs, bodyCutText(response));
  }

  /** A typed call: openapi-fetch checks `post`'s path and body against the spec at each method below. */
  function typed<Id extends OperationId>(
    operationId: Id,
    body: unknown,
    callOptions: CallOptions | undefined,
    post: (init: SendInit) => Promise<{ response: Response }>,
  ): Promise<SecPaidResult<Id>> {
    const opts = callOptions ?? {};
    const format = opts.bodyFormat ?? defaultFormat;
    return send(operationId, body !== undefined, contentTypes[format], opts, (init) => post(init));
  }

  /** Sends `raw.body` byte for byte, past every type (tests of malformed input). */
  function raw<Id extends OperationId>(
    operationId: Id,
    rawBody: RawBody,
    callOptions: CallOptions = {},
  ): Promise<SecPaidResult<Id>> {
    const { path } = operations[operationId];
    const hasBody = rawBody.body !== undefined || rawBody.contentType !== undefined;
    return send(operationId, hasBody, rawBody.contentType ?? null, callOptions, async (init, capture) => {
      const headers = new Headers({ token });
      for (const [name, value] of Object.entries(init.headers)) {
        if (value === null) headers.delete(name);
        else headers.set(name, value);
      }
      // Bytes, not a string: fetch would add `text/plain` to a string body that has no Content-Type.
      const bytes = typeof rawBody.body === 'string' ? new TextEncoder().encode(rawBody.body) : rawBody.body;
      const request = new Request(`${baseUrl}${path}`, {
        method: rawBody.method ?? 'POST',
        headers,
        ...(bytes === undefined ? {} : { body: bytes }),
        redirect: 'manual',
        signal: init.signal,
      });
      await capture.request(request);
      const response = await fetchTarget(request);
      await capture.response(response);
      return { response };
    });
  }

  const methods: OperationMethods = {
    createLink: (body, opts) =>
      typed('createLink', body, opts, (init) => api.POST('/api/v2/createLink', { ...init, body })),
    createSplitLink: (body, opts) =>
      typed('createSplitLink', body, opts, (init) => api.POST('/api/v2/createSplitLink', { ...init, body })),
    getMyUnusedLinks: (body, opts) =>
      typed('getMyUnusedLinks', body, opts, (init) =>
        api.POST('/api/v2/getMyUnusedLinks', { ...init, body }),
      ),
    getMyUsedLinks: (body, opts) =>
      typed('getMyUsedLinks', body, opts, (init) => api.POST('/api/v2/getMyUsedLinks', { ...init, body })),
    getPayInTransactions: (body, opts) =>
      typed('getPayInTransactions', body, opts, (init) =>
        api.POST('/api/v2/getPayInTransactions', { ...init, body }),
      ),
    getPayOutTransactions: (body, opts) =>
      typed('getPayOutTransactions', body, opts, (init) =>
        api.POST('/api/v2/getPayOutTransactions', { ...init, body }),
      ),
    deleteLink: (body, opts) =>
      typed('deleteLink', body, opts, (init) => api.POST('/api/v2/deleteLink', { ...init, body })),
  };
  const describeSelf = () => `SecPaidClient { baseUrl: '${baseUrl}', token: ${REDACTED} }`;
  const client: SecPaidClient = {
    ...methods,
    baseUrl,
    call: (operationId, ...args) => methods[operationId](...args),
    callRaw: raw,
    toJSON: () => ({ baseUrl, token: REDACTED }),
  };
  Object.defineProperty(client, 'toString', { value: describeSelf });
  Object.defineProperty(client, inspect.custom, { value: describeSelf });
  return Object.freeze(client);
}
