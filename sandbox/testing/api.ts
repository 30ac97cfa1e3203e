/**
 * A tiny request helper for the sandbox's own tests: one POST to `/api/v2/<operationId>` with a
 * form body (encoded as the client does) and a token, answering status, headers and parsed JSON.
 * Deliberately thin: the typed client (client/) is what integrators use; tests here need raw access
 * to bodies, content types and headers that the typed client would refuse to send.
 */
import { encodeFormBody } from '../../client/formEncoding.ts';
import { type OperationId, operations } from '../../core/spec.ts';
import { targetFetch } from '../../core/targetFetch.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the fields the status implies and assert them.
  body: any;
}

export interface CallOptions {
  /** The `token` header; `null` sends none. */
  token: string | null;
  /** Default: form-urlencoded for objects, none for raw bodies. */
  contentType?: string;
  headers?: Record<string, string>;
  method?: string;
}

export type Body = Record<string, unknown> | string | Uint8Array | undefined;

export function encodeBody(operationId: OperationId, body: Body): string | Uint8Array | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body;
  return encodeFormBody(body, operations[operationId].jsonEncodedFormFields);
}

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export async function callApi(
  baseUrl: string,
  operationId: OperationId,
  body: Body,
  options: CallOptions,
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== null) headers.token = options.token;
  const isRaw = typeof body === 'string' || body instanceof Uint8Array;
  const contentType = options.contentType ?? (body === undefined || isRaw ? undefined : FORM);
  if (contentType !== undefined) headers['content-type'] = contentType;
  const encoded = encodeBody(operationId, body);
  const response = await targetFetch(baseUrl)(`${baseUrl}${operations[operationId].path}`, {
    method: options.method ?? 'POST',
    headers,
    // A string would get `text/plain` from fetch when no type is given; bytes get no type at all.
    body: typeof encoded === 'string' ? new TextEncoder().encode(encoded) : encoded,
  });
  return readAnswer(response);
}

/** A caller bound to one sandbox and one token: `as.call('createLink', { amount: 5 })`. */
export function apiAs(baseUrl: string, token: string | null) {
  return {
    token,
    call: (operationId: OperationId, body?: Body, options: Partial<CallOptions> = {}) =>
      callApi(baseUrl, operationId, body, { token, ...options }),
  };
}

export type Caller = ReturnType<typeof apiAs>;
