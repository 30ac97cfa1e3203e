/** Writing answers: JSON with an exact Content-Length, and the documented envelopes around data. */
import type { ServerResponse } from 'node:http';
import { serverTimeZone } from '../domain/berlinTime.ts';
import { type ApiError, errorBody } from '../errors.ts';
import type { SandboxState } from '../state.ts';

export function sendJson(
  state: SandboxState,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  const contentType =
    state.broken === 'wrong-content-type' ? 'text/plain' : 'application/json; charset=utf-8';
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function successEnvelope(state: SandboxState, message: string, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    ResponseCode: 1,
    ResponseMsg: message,
    Result: 'True',
    ServerTime: serverTimeZone(state.now()),
  };
}

export function errorEnvelope(state: SandboxState, error: ApiError): Record<string, unknown> {
  return errorBody(error, serverTimeZone(state.now()));
}
