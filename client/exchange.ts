/**
 * What one call sent and received, recorded for request logs (the contract suite's, the sandbox
 * tests'). Secret headers (`token`, cookies, authorization) are redacted by name, whatever their
 * value, so logs and reports can be shared as they are; a caller that must tell its keys apart in
 * a log (which account sent it) names a `token` value through `describeToken` instead.
 */

import type { BodyOutcome } from '../core/boundedBody.ts';
import { bodyCutText, bodyOutcome } from '../core/boundedResponse.ts';
import { makeRedactor, redactedMarker } from '../core/redact.ts';

/** The marker every record and report of the harness uses for a secret (core/redact.ts). */
export const REDACTED = redactedMarker;

export interface SecPaidExchange {
  /** The operation (`createLink`), the control API's path (`/sandbox/tenants`), or `raw`. */
  operationId: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  /**
   * null when no response arrived (connection refused, timeout...); `error` then says why. `body`
   * is the kept start of the body (core/boundedBody.ts): `bodyCut` says why when it is not all.
   */
  response: {
    status: number;
    headers: Record<string, string>;
    body: string;
    bodySize?: BodyOutcome;
    bodyCut?: string;
  } | null;
  error?: string;
  durationMs: number;
}

export type ExchangeHook = (exchange: SecPaidExchange) => void | Promise<void>;

/** How a `token` header's value reads in a record; the default hides every value. */
export type TokenDescriber = (value: string) => string;

/** Header names whose values are secrets. An empty value stays visible: it says "sent empty". */
const secretHeaders = new Set(['token', 'authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: Headers, describeToken?: TokenDescriber): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (!secretHeaders.has(name) || value === '') out[name] = value;
    else out[name] = name === 'token' && describeToken ? describeToken(value) : REDACTED;
  }
  return out;
}

/**
 * Replaces the client's own token wherever it appears in free text (error messages, echoed bodies).
 * Values under 8 characters are not secrets worth hiding (tests send "x" as a bad key) and
 * replacing them would garble unrelated text.
 */
export function scrubSecret(text: string, secret: string): string {
  return makeRedactor([secret])(text);
}

/**
 * One call's capture: `request` and `response` copy what passes (an openapi-fetch middleware
 * calls them, and so does the raw path), `finish` makes the record once the body was read.
 */
export function captureExchange(describeToken?: TokenDescriber) {
  const started = performance.now();
  let request: SecPaidExchange['request'] | undefined;
  let received: { response: Response; text: string } | undefined;
  let durationMs = 0;
  return {
    async request(req: Request): Promise<void> {
      const body = req.body === null ? null : await req.clone().text();
      request = {
        method: req.method,
        url: req.url,
        headers: redactHeaders(req.headers, describeToken),
        body,
      };
    },
    async response(res: Response): Promise<void> {
      // Read a clone (bounded as the original is): the caller still reads the original.
      const text = await res.clone().text();
      durationMs = performance.now() - started;
      received = { response: res, text };
    },
    /** undefined when the request was never built (nothing was sent, so nothing to log). */
    finish(operationId: string, error?: string): SecPaidExchange | undefined {
      if (!request) return undefined;
      const elapsed = received ? durationMs : performance.now() - started;
      let response: SecPaidExchange['response'] = null;
      if (received) {
        const { response: res, text } = received;
        const size = bodyOutcome(res);
        const cut = bodyCutText(res);
        response = {
          status: res.status,
          headers: redactHeaders(res.headers, describeToken),
          body: text,
          ...(size ? { bodySize: size } : {}),
          ...(cut ? { bodyCut: cut } : {}),
        };
      }
      return { operationId, request, response, ...(error ? { error } : {}), durationMs: elapsed };
    },
  };
}
