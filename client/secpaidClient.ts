/**
 * The typed SecPaid client: one method per operation (`client.createLink({ amount: 100 })`), bodies
 * sent as the spec describes them (form by default, JSON on request), answers classified by status
 * into a union the caller narrows on `ok`. Built on openapi-fetch; types come from generated/.
 */
import { inspect } from 'node:util';
import createClient, { type Middleware } from 'openapi-fetch';
import { type BodyLimits, bodyLimits, maxBodyCapBytes } from '../core/boundedBody.ts';
import { bodyCutText } from '../core/boundedResponse.ts';
import { type OperationId, operationIds, operations } from '../core/spec.ts';
import { targetFetch } from '../core/targetFetch.ts';
import type { paths } from '../generated/secpaid.d.ts';
import {
  captureExchange,
  type ExchangeHook,
  REDACTED,
  type SecPaidExchange,
  scrubSecret,
} from './exchange.ts';
import { encodeFormBody } from './formEncoding.ts';
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
  /** Called once per call, after the answer (or the failure), with the token redacted. */
  onExchange?: ExchangeHook;
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

type Serializer = (body: unknown) => string | Uint8Array;

/** The one path-agnostic call the wrapper makes; per-operation typing lives in types.ts. */
type PostInit = {
  body?: unknown;
  bodySerializer: Serializer;
  headers: Record<string, string | null>;
  parseAs: 'text';
  middleware: Middleware[];
  signal: AbortSignal;
};
type PostFn = (path: string, init: PostInit) => Promise<{ response: Response }>;

/** Bytes, not a string: fetch would add `text/plain` to a string body that has no Content-Type. */
const rawSerializer: Serializer = (raw) => new TextEncoder().encode(String(raw));

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
  return (body) => encodeFormBody(body as Record<string, unknown>, jsonFields);
}

export function createSecPaidClient(options: SecPaidClientOptions): SecPaidClient {
  const { token, onExchange, bodyFormat: defaultFormat = 'form', timeoutMs = 30_000 } = options;
  if (typeof token !== 'string') throw new TypeError('createSecPaidClient: token must be a string');
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`createSecPaidClient: baseUrl must be http(s), got ${base.protocol}`);
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const limits = clientLimits(timeoutMs, options.maxBodyBytes);
  // The token lives only in closures (here and openapi-fetch's): no property of the client holds it.
  // It goes to baseUrl's origin only: a 3xx is answered as it is, never followed (targetFetch.ts).
  const api = createClient<paths>({
    baseUrl,
    headers: { token },
    redirect: 'manual',
    fetch: targetFetch(baseUrl, options.fetch, limits),
  });
  const post = api.POST as unknown as PostFn;

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

  async function send<Id extends OperationId>(
    operationId: Id,
    payload: { body?: unknown; raw?: RawBody },
    callOptions: CallOptions = {},
  ): Promise<SecPaidResult<Id>> {
    const { path } = operations[operationId];
    const format = callOptions.bodyFormat ?? defaultFormat;
    const body = payload.raw ? payload.raw.body : payload.body;
    const contentType = payload.raw ? (payload.raw.contentType ?? null) : contentTypes[format];
    const capture = captureExchange();
    const signals = [AbortSignal.timeout(timeoutMs), ...(callOptions.signal ? [callOptions.signal] : [])];
    let response: Response;
    try {
      ({ response } = await post(path, {
        body,
        bodySerializer: payload.raw ? rawSerializer : serializerFor(operationId, format),
        headers: { ...(body === undefined ? {} : { 'Content-Type': contentType }), ...callOptions.headers },
        parseAs: 'text',
        middleware: [capture.middleware],
        signal: AbortSignal.any(signals),
      }));
    } catch (error) {
      const { code, reason } = describeFailure(error, timeoutMs);
      const safeReason = scrubSecret(reason, token);
      await report(capture.finish(operationId, safeReason));
      throw new SecPaidRequestError(
        `SecPaid ${operationId}: POST ${baseUrl}${path} failed: ${safeReason}`,
        operationId,
        code,
      );
    }
    const exchange = capture.finish(operationId);
    await report(exchange);
    const received = exchange?.response;
    // Unreachable unless openapi-fetch stops running response middleware; fail loudly if it does.
    if (!received)
      throw new SecPaidRequestError(`SecPaid ${operationId}: no response captured`, operationId, 'INTERNAL');
    return classifyResponse(operationId, response, received.body, exchange.durationMs, bodyCutText(response));
  }

  const methods = Object.fromEntries(
    operationIds.map((id) => [id, (body?: unknown, opts?: CallOptions) => send(id, { body }, opts)]),
  ) as unknown as OperationMethods;
  const describeSelf = () => `SecPaidClient { baseUrl: '${baseUrl}', token: ${REDACTED} }`;
  const client: SecPaidClient = {
    ...methods,
    baseUrl,
    call: (operationId, ...args) => send(operationId, { body: args[0] }, args[1]),
    callRaw: (operationId, raw, opts) => send(operationId, { raw }, opts),
    toJSON: () => ({ baseUrl, token: REDACTED }),
  };
  Object.defineProperty(client, 'toString', { value: describeSelf });
  Object.defineProperty(client, inspect.custom, { value: describeSelf });
  return Object.freeze(client);
}
