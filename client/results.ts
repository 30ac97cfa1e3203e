/**
 * Turns what came back into a SecPaidResult, and what went wrong into an error that says why
 * without the token. openapi-fetch files every 2xx under `data`, so the status decides here: only
 * 200 is success, 201 is the spec's UserNotFound error.
 */
import { type OperationId, operations } from '../core/spec.ts';
import type { ErrorResponse, SecPaidErrorStatus, SecPaidResult, SecPaidSuccessBody } from './types.ts';

/** `bodyCut`: why `bodyText` is only the start of the body; such an answer is never read as typed. */
export function classifyResponse<Id extends OperationId>(
  operationId: Id,
  response: { status: number; headers: Headers },
  bodyText: string,
  durationMs: number,
  bodyCut?: string,
): SecPaidResult<Id> {
  const base = { headers: response.headers, bodyText, durationMs };
  const { status } = response;
  if (bodyCut !== undefined)
    return { ok: false, documented: false, status, body: bodyText, bodyCut, ...base };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ok: false, documented: false, status, body: bodyText, ...base };
  }
  if (status === 200)
    return { ok: true, documented: true, status, body: body as SecPaidSuccessBody<Id>, ...base };
  if (operations[operationId].statuses.includes(status)) {
    return {
      ok: false,
      documented: true,
      status: status as SecPaidErrorStatus<Id>,
      body: body as ErrorResponse,
      ...base,
    };
  }
  return { ok: false, documented: false, status, body, ...base };
}

/** No response arrived. `code` is machine-readable: ECONNREFUSED, TIMEOUT, ABORTED, ... */
export class SecPaidRequestError extends Error {
  override name = 'SecPaidRequestError';
  constructor(
    message: string,
    readonly operationId: OperationId,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Says why fetch failed from the error's name and cause. The original error is not kept as `cause`:
 * a custom fetch could put anything in it, and inspecting the error must never show the token.
 */
export function describeFailure(error: unknown, timeoutMs: number): { code: string; reason: string } {
  if (!(error instanceof Error)) return { code: 'UNKNOWN', reason: String(error) };
  if (error.name === 'TimeoutError') return { code: 'TIMEOUT', reason: `no response within ${timeoutMs} ms` };
  if (error.name === 'AbortError') return { code: 'ABORTED', reason: 'aborted by the caller' };
  const cause = error.cause;
  if (cause instanceof Error) {
    const causeCode = (cause as { code?: unknown }).code;
    const code = typeof causeCode === 'string' ? causeCode : cause.name;
    return { code, reason: `${error.message}: ${cause.message || code}` };
  }
  return { code: error.name, reason: error.message };
}
