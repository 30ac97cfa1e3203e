/**
 * One way to call the API from a suite: `send('createLink', { as: tenant, form: aLink() }, 200)`.
 * The body goes as a form (the spec's main encoding), as JSON, or raw with any content type (for
 * malformed bodies); the answer must have the given status and always passes through
 * `conformsToSpec`. Returns the parsed body for the test's own semantic assertions.
 */

import { encodeFormBody } from '../../core/formBody.ts';
import { type OperationId, operations } from '../../core/spec.ts';
import { configurePactum } from './pactumSetup.ts';

export interface Caller {
  token: string;
  userId?: string;
  recipientToken?: string;
}

export interface SendOptions {
  /** Whose key goes in the `token` header; `null` sends no header at all. */
  as: Caller | { token: string } | null;
  form?: Record<string, unknown>;
  json?: unknown;
  raw?: { body: string; contentType?: string };
}

/** A response body as the suite reads it; its shape was already checked against the spec. */
export type Body = {
  data?: unknown;
  totalRecords?: number;
  error?: string;
  errorMessage?: string;
  ResponseCode?: number;
  Result?: string;
  [field: string]: unknown;
};

export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Body;
}

export async function send(
  operationId: OperationId,
  options: SendOptions,
  status: number,
): Promise<ApiAnswer> {
  const pactum = configurePactum();
  let request = pactum.spec().post(operations[operationId].path);
  if (options.as) request = request.withHeaders('token', options.as.token);
  // The one form writer (core/formBody.ts), not Pactum's: what the suites send is what the client sends.
  if (options.form)
    request = request
      .withBody(encodeFormBody(options.form, operations[operationId].jsonEncodedFormFields))
      .withHeaders('content-type', 'application/x-www-form-urlencoded');
  else if (options.json !== undefined) request = request.withJson(options.json as object);
  else if (options.raw) {
    request = request.withBody(options.raw.body);
    if (options.raw.contentType) request = request.withHeaders('content-type', options.raw.contentType);
  }
  const response = (await request.expect('conformsToSpec', { operationId, status }).toss()) as {
    statusCode: number;
    headers: ApiAnswer['headers'];
    text?: string;
  };
  let body: Body = {};
  try {
    body = JSON.parse(response.text ?? '') as Body;
  } catch {
    // conformsToSpec already failed a body that is not JSON; a 2xx never gets here.
  }
  return { status: response.statusCode, headers: response.headers, body };
}
