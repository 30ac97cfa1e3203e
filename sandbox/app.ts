/**
 * Builds the sandbox's request handler (no socket: index.ts and tests attach it to a server).
 * Order of a request: route → method → body (size limit) → auth → rate limit → armed fault →
 * validation against the spec → handler → envelope. Any unexpected throw is a 500 with the error
 * envelope; nothing in a request reaches the log, so keys never do. Callbacks rather than
 * async/await on this path: it runs for every request, and the promise chain was a large share of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationId, operationByPath } from '../core/spec.ts';
import { authenticate, enforceRateLimit } from './auth.ts';
import { rewriteResponse } from './broken/rewriteResponse.ts';
import { handleControl } from './control/routes.ts';
import { ApiError, errorCodeForStatus, invalid } from './errors.ts';
import { handlers } from './handlers/index.ts';
import { type BodyRead, readBody } from './http/readBody.ts';
import { readApiRequest } from './http/readRequest.ts';
import { type RequestHeaders, requestHeaders } from './http/requestHeaders.ts';
import { errorEnvelope, sendJson, successEnvelope } from './http/respond.ts';
import type { SandboxState } from './state.ts';

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

function bodyOrThrow(read: BodyRead, headers: RequestHeaders): Buffer | undefined {
  if (headers.contentTypeRepeated) throw invalid('Content-Type is given more than once');
  if (read.ok) return read.raw;
  if (read.reason === 'aborted') return undefined;
  throw Object.assign(invalid('the body is larger than 64 KiB'), { closeConnection: true });
}

function answerApi(
  state: SandboxState,
  operationId: OperationId,
  headers: RequestHeaders,
  raw: Buffer,
  tenant: ReturnType<typeof authenticate>,
  res: ServerResponse,
): void {
  const body = readApiRequest(state, operationId, headers.contentType, raw);
  const result = handlers[operationId]({ state, tenant, body });
  const envelope = successEnvelope(state, result.message, result.data, result.totalRecords);
  const answer = rewriteResponse(state.broken, operationId, { status: 200, body: envelope });
  sendJson(state, res, answer.status, answer.body);
}

function serveApi(state: SandboxState, operationId: OperationId, req: IncomingMessage, res: ServerResponse) {
  const headers = requestHeaders(req);
  readBody(req, headers.contentLength, (read) => {
    try {
      const raw = bodyOrThrow(read, headers);
      if (!raw) return;
      const tenant = authenticate(state, headers, req.socket);
      enforceRateLimit(state, tenant);
      const fault = state.faults.take(operationId, tenant.userId);
      const status = fault?.status;
      const respond = () => {
        try {
          if (status) {
            // A 429 documents a required Retry-After, injected or not.
            const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
            throw new ApiError(errorCodeForStatus(status), 'Injected fault (sandbox control API).', headers);
          }
          answerApi(state, operationId, headers, raw, tenant, res);
        } catch (error) {
          sendError(state, res, error, operationId);
        }
      };
      if (fault?.delayMs) setTimeout(respond, fault.delayMs);
      else respond();
    } catch (error) {
      sendError(state, res, error, operationId);
    }
  });
}

function serveControl(state: SandboxState, path: string, req: IncomingMessage, res: ServerResponse) {
  const headers = requestHeaders(req);
  readBody(req, headers.contentLength, (read) => {
    try {
      const raw = bodyOrThrow(read, headers);
      if (!raw) return;
      const result = handleControl(state, req.method ?? 'GET', path, headers.contentType, raw);
      sendJson(state, res, result.status, result.body, result.headers);
    } catch (error) {
      sendError(state, res, error, undefined);
    }
  });
}

function sendError(
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
  if (state.broken === 'retry-after-missing') delete headers['retry-after'];
  if ((error as { closeConnection?: boolean }).closeConnection) {
    headers.connection = 'close';
    closing.add(res.socket!);
  }
  const answer = rewriteResponse(state.broken, operationId, {
    status: apiError.status,
    body: errorEnvelope(state, apiError),
  });
  sendJson(state, res, answer.status, answer.body, headers);
}

/**
 * Connections closing after a refused oversized body. Bytes that follow it on the same connection
 * (a pipelined request, or the body's unread rest parsed as one) must never run: the client will
 * not get their answers, so a create there would happen unseen.
 */
const closing = new WeakSet<object>();

export function createApp(state: SandboxState) {
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (closing.has(req.socket)) {
      req.resume();
      return;
    }
    const path = pathOf(req.url);
    const operation = operationByPath(path);
    if (operation) {
      if (req.method === 'POST') serveApi(state, operation.operationId, req, res);
      else {
        const refused = new ApiError('MethodNotAllowed', `${req.method} is not allowed: use POST`);
        sendJson(state, res, 405, errorEnvelope(state, refused), { allow: 'POST' });
        req.resume();
      }
    } else if (path.startsWith('/sandbox/')) serveControl(state, path, req, res);
    else {
      sendJson(state, res, 404, errorEnvelope(state, new ApiError('NotFound', `No operation at ${path}`)));
      req.resume();
    }
  };
}
