/**
 * What one call sent and received, recorded for request logs (the contract suite's). The `token`
 * header is redacted by name, whatever its value, so logs and reports can be shared as they are.
 */
import type { Middleware } from 'openapi-fetch';
import type { OperationId } from '../core/spec.ts';

export const REDACTED = '[REDACTED]';

export interface SecPaidExchange {
  operationId: OperationId;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  /** null when no response arrived (connection refused, timeout...); `error` then says why. */
  response: { status: number; headers: Record<string, string>; body: string } | null;
  error?: string;
  durationMs: number;
}

export type ExchangeHook = (exchange: SecPaidExchange) => void | Promise<void>;

/** Header names whose values are secrets. An empty value stays visible: it says "sent empty". */
const secretHeaders = new Set(['token', 'authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = secretHeaders.has(name) && value !== '' ? REDACTED : value;
  return out;
}

/**
 * Replaces the client's own token wherever it appears in free text (error messages, echoed bodies).
 * Values under 8 characters are not secrets worth hiding (tests send "x" as a bad key) and
 * replacing them would garble unrelated text.
 */
export function scrubSecret(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join(REDACTED) : text;
}

/** One call's capture: an openapi-fetch middleware that copies request and response as they pass. */
export function captureExchange() {
  const started = performance.now();
  let request: SecPaidExchange['request'] | undefined;
  let response: SecPaidExchange['response'] = null;
  let durationMs = 0;
  const middleware: Middleware = {
    async onRequest({ request: req }) {
      const body = req.body === null ? null : await req.clone().text();
      request = { method: req.method, url: req.url, headers: redactHeaders(req.headers), body };
    },
    async onResponse({ response: res }) {
      // Read a clone: openapi-fetch still reads the original, and we want the exact text.
      const body = await res.clone().text();
      durationMs = performance.now() - started;
      response = { status: res.status, headers: redactHeaders(res.headers), body };
    },
  };
  return {
    middleware,
    /** undefined when the request was never built (nothing was sent, so nothing to log). */
    finish(operationId: OperationId, error?: string): SecPaidExchange | undefined {
      if (!request) return undefined;
      const elapsed = response ? durationMs : performance.now() - started;
      return { operationId, request, response, ...(error ? { error } : {}), durationMs: elapsed };
    },
  };
}
