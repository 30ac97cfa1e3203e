/**
 * Builds the sandbox's request handler (no socket: index.ts and tests attach it to a server).
 * Order of a request: route → method → body (size limit) → auth → rate limit → armed fault →
 * validation against the spec → handler → envelope. Any unexpected throw is a 500 with the error
 * envelope; nothing in a request reaches the log, so keys never do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationId, operationByPath } from '../core/spec.ts';
import { authenticate, enforceRateLimit } from './auth.ts';
import { rewriteResponse } from './broken/rewriteResponse.ts';
import { handleControl } from './control/routes.ts';
import { ApiError, errorCodeForStatus, invalid } from './errors.ts';
import { handlers } from './handlers/index.ts';
import { readBody } from './http/readBody.ts';
import { readApiRequest } from './http/readRequest.ts';
import { errorEnvelope, sendJson, successEnvelope } from './http/respond.ts';
import type { SandboxState } from './state.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

async function serveApi(
  state: SandboxState,
  operationId: OperationId,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const read = await readBody(req);
  if (!read.ok) {
    if (read.reason === 'aborted') return;
    throw Object.assign(invalid('the body is larger than 64 KiB'), { closeConnection: true });
  }
  const tenant = authenticate(state, req);
  enforceRateLimit(state, tenant);
  const fault = state.faults.take(operationId, tenant.userId);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.status)
    throw new ApiError(errorCodeForStatus(fault.status), 'Injected fault (sandbox control API).');
  const body = readApiRequest(state, operationId, req, read.raw);
  const result = handlers[operationId]({ state, tenant, body });
  const envelope = successEnvelope(state, result.message, result.data, result.totalRecords);
  const answer = rewriteResponse(state.broken, operationId, { status: 200, body: envelope });
  sendJson(state, res, answer.status, answer.body);
}

async function serveControl(state: SandboxState, path: string, req: IncomingMessage, res: ServerResponse) {
  const read = await readBody(req);
  if (!read.ok) {
    if (read.reason === 'aborted') return;
    throw Object.assign(invalid('the body is larger than 64 KiB'), { closeConnection: true });
  }
  const result = handleControl(state, req.method ?? 'GET', path, req, read.raw);
  sendJson(state, res, result.status, result.body, result.headers);
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
  if ((error as { closeConnection?: boolean }).closeConnection) headers.connection = 'close';
  const answer = rewriteResponse(state.broken, operationId, {
    status: apiError.status,
    body: errorEnvelope(state, apiError),
  });
  sendJson(state, res, answer.status, answer.body, headers);
}

export function createApp(state: SandboxState) {
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = pathOf(req.url);
    const operation = operationByPath(path);
    let work: Promise<void>;
    if (operation) {
      if (req.method !== 'POST') {
        sendJson(state, res, 405, errorEnvelope(state, invalid(`${req.method} is not allowed: use POST`)), {
          allow: 'POST',
        });
        req.resume();
        return;
      }
      work = serveApi(state, operation.operationId, req, res);
    } else if (path.startsWith('/sandbox/')) {
      work = serveControl(state, path, req, res);
    } else {
      sendJson(state, res, 404, errorEnvelope(state, new ApiError('NotFound', `No operation at ${path}`)));
      req.resume();
      return;
    }
    work.catch((error: unknown) => sendError(state, res, error, operation?.operationId));
  };
}
