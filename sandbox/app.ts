/**
 * Builds the sandbox's request handler (no socket: index.ts and tests attach it to a server).
 * Order of a request: route → method → body (size limit) → auth → rate limit → armed fault →
 * validation against the spec → handler → envelope. Control requests (`/sandbox/*`) go to
 * control/routes.ts after the body. Any unexpected throw is a 500 with the error
 * envelope; nothing in a request reaches the log, so keys never do. Callbacks rather than
 * async/await on this path: it runs for every request, and the promise chain was a large share of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationId, operationByPath } from '../core/spec.ts';
import { type Authenticate, authenticate, enforceRateLimit } from './auth.ts';
import { handleControl } from './control/routes.ts';
import { ApiError, errorCodeForStatus, invalid } from './errors.ts';
import { handlers } from './handlers/index.ts';
import type { HandlerTable } from './handlers/types.ts';
import { type BodyRead, readBody } from './http/readBody.ts';
import { type ReadApiRequest, readApiRequest } from './http/readRequest.ts';
import { type RequestHeaders, requestHeaders } from './http/requestHeaders.ts';
import { errorEnvelope, sendJson, successEnvelope } from './http/respond.ts';
import type { SandboxState } from './state.ts';
import type { Tenant } from './store/tenants.ts';
import { type PlanNotifications, sendAsPlanned } from './webhooks/plan.ts';

/** An answer about to be written. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Readonly<Record<string, string>>;
}

/**
 * The steps of an API request, as values, so a variant of the app can swap one (the deliberately
 * broken sandboxes of broken/ do) while this file keeps the faithful order around them.
 */
export interface AppParts {
  readRequest: ReadApiRequest;
  authenticate: Authenticate;
  handlers: HandlerTable;
  /** Changes an answer of the API just before it is written; the faithful app has none. */
  rewriteAnswer: ((answer: Answer, operationId: OperationId | undefined) => Answer) | undefined;
  /**
   * Sees the payment notifications a paid or cancelled link is about to send (webhooks/plan.ts)
   * and answers the ones to send; the faithful app sends them as planned.
   */
  planNotifications: PlanNotifications;
}

export const faithfulParts: Readonly<AppParts> = Object.freeze({
  readRequest: readApiRequest,
  authenticate,
  handlers: Object.freeze({ ...handlers }),
  rewriteAnswer: undefined,
  planNotifications: sendAsPlanned,
});

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

/** The query of a request's URL, without `?` ('' when none). */
function queryOf(url: string | undefined): string {
  const q = (url ?? '').indexOf('?');
  return q < 0 ? '' : url!.slice(q + 1);
}

function bodyOrThrow(read: BodyRead, headers: RequestHeaders): Buffer | undefined {
  if (headers.contentTypeRepeated) throw invalid('Content-Type is given more than once');
  if (read.ok) return read.raw;
  if (read.reason === 'aborted') return undefined;
  throw Object.assign(invalid('the body is larger than 64 KiB'), { closeConnection: true });
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

function send(parts: AppParts, res: ServerResponse, operationId: OperationId | undefined, answer: Answer) {
  const sent = parts.rewriteAnswer ? parts.rewriteAnswer(answer, operationId) : answer;
  sendJson(res, sent.status, sent.body, sent.headers);
}

/** Generic in the operation, so the body read and the handler called are of the same one. */
function answerApi<Op extends OperationId>(
  parts: AppParts,
  state: SandboxState,
  operationId: Op,
  headers: RequestHeaders,
  raw: Buffer,
  tenant: Tenant,
  res: ServerResponse,
): void {
  const body = parts.readRequest(operationId, headers.contentType, raw);
  const result = parts.handlers[operationId]({ state, tenant, body });
  const envelope = successEnvelope(state, result.message, result.data, result.totalRecords);
  send(parts, res, operationId, { status: 200, body: envelope, headers: NO_HEADERS });
}

function serveApi(
  parts: AppParts,
  state: SandboxState,
  operationId: OperationId,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const headers = requestHeaders(req);
  readBody(req, headers.contentLength, (read) => {
    try {
      const raw = bodyOrThrow(read, headers);
      if (!raw) return;
      const tenant = parts.authenticate(state.tenants, headers, req.socket);
      enforceRateLimit(tenant, state.now());
      const fault = state.faults.take(operationId, tenant.userId);
      const status = fault?.status;
      const respond = () => {
        try {
          if (status) {
            // A 429 documents a required Retry-After, injected or not.
            const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
            throw new ApiError(errorCodeForStatus(status), 'Injected fault (sandbox control API).', headers);
          }
          answerApi(parts, state, operationId, headers, raw, tenant, res);
        } catch (error) {
          sendError(parts, state, res, error, operationId);
        }
      };
      if (fault?.delayMs) setTimeout(respond, fault.delayMs);
      else respond();
    } catch (error) {
      sendError(parts, state, res, error, operationId);
    }
  });
}

function serveControl(
  parts: AppParts,
  state: SandboxState,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const headers = requestHeaders(req);
  readBody(req, headers.contentLength, (read) => {
    let raw: Buffer | undefined;
    try {
      raw = bodyOrThrow(read, headers);
    } catch (error) {
      sendError(parts, state, res, error, undefined);
      return;
    }
    if (!raw) return;
    // Asynchronous: a redelivery answers once its endpoint has. A throw becomes a rejection, answered alike.
    const request = {
      method: req.method ?? 'GET',
      path,
      query: queryOf(req.url),
      contentType: headers.contentType,
      raw,
    };
    handleControl(state, parts, request)
      .then((result) => sendJson(res, result.status, result.body, result.headers))
      .catch((error: unknown) => sendError(parts, state, res, error, undefined));
  });
}

function sendError(
  parts: AppParts,
  state: SandboxState,
  res: ServerResponse,
  error: unknown,
  operationId: OperationId | undefined,
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError('InternalServerError');
  const headers: Record<string, string> = { ...apiError.headers };
  if ((error as { closeConnection?: boolean }).closeConnection) {
    headers.connection = 'close';
    closing.add(res.socket!);
  }
  send(parts, res, operationId, { status: apiError.status, body: errorEnvelope(state, apiError), headers });
}

/**
 * Connections closing after a refused oversized body. Bytes that follow it on the same connection
 * (a pipelined request, or the body's unread rest parsed as one) must never run: the client will
 * not get their answers, so a create there would happen unseen.
 */
const closing = new WeakSet<object>();

export function createApp(state: SandboxState, parts: AppParts = faithfulParts) {
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (closing.has(req.socket)) {
      req.resume();
      return;
    }
    const path = pathOf(req.url);
    const operation = operationByPath(path);
    if (operation) {
      if (req.method === 'POST') serveApi(parts, state, operation.operationId, req, res);
      else {
        const refused = new ApiError('MethodNotAllowed', `${req.method} is not allowed: use POST`);
        sendJson(res, 405, errorEnvelope(state, refused), { allow: 'POST' });
        req.resume();
      }
    } else if (path.startsWith('/sandbox/')) serveControl(parts, state, path, req, res);
    else {
      sendJson(res, 404, errorEnvelope(state, new ApiError('NotFound', `No operation at ${path}`)));
      req.resume();
    }
  };
}

export type App = ReturnType<typeof createApp>;
