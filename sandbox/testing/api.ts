/**
 * The sandbox's own tests call the API through the typed client (client/secpaidClient.ts), by its
 * raw path: they send what no type allows (unknown fields, wrong content types, other methods,
 * bytes) and read every answer the same way, as status, headers, text and parsed JSON. Object
 * bodies are written by the one form writer (core/formBody.ts), as the client writes them.
 */
import { createSecPaidClient, type SecPaidClient } from '../../client/secpaidClient.ts';
import { encodeFormBody } from '../../core/formBody.ts';
import { type OperationId, operations } from '../../core/spec.ts';

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

async function callWith(
  client: SecPaidClient,
  operationId: OperationId,
  body: Body,
  options: Omit<CallOptions, 'token'> & { token?: string | null },
): Promise<Answer> {
  const isRaw = typeof body === 'string' || body instanceof Uint8Array;
  const contentType = options.contentType ?? (body === undefined || isRaw ? undefined : FORM);
  const encoded = encodeBody(operationId, body);
  const result = await client.callRaw(
    operationId,
    {
      ...(encoded === undefined ? {} : { body: encoded }),
      ...(contentType === undefined ? {} : { contentType }),
      ...(options.method ? { method: options.method } : {}),
    },
    { headers: { ...(options.token === null ? { token: null } : {}), ...options.headers } },
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.bodyText);
  } catch {
    parsed = undefined;
  }
  return { status: result.status, headers: result.headers, text: result.bodyText, body: parsed };
}

export function callApi(
  baseUrl: string,
  operationId: OperationId,
  body: Body,
  options: CallOptions,
): Promise<Answer> {
  return callWith(createSecPaidClient({ baseUrl, token: options.token ?? '' }), operationId, body, options);
}

/** A caller bound to one sandbox and one token: `as.call('createLink', { amount: 5 })`. */
export function apiAs(baseUrl: string, token: string | null) {
  const client = createSecPaidClient({ baseUrl, token: token ?? '' });
  return {
    token,
    call: (operationId: OperationId, body?: Body, options: Partial<CallOptions> = {}) =>
      callWith(client, operationId, body, { token, ...options }),
  };
}

export type Caller = ReturnType<typeof apiAs>;
