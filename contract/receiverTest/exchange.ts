/**
 * One request to the receiver and what became of it, kept for the reports. Requests go through
 * core/targetFetch.ts, bound to the origin that was vetted: no redirect is followed (a 3xx comes
 * back as the answer it is), the head and the body each within the time limit, the body bounded.
 */
import { bodyLimits } from '../../core/boundedBody.ts';
import { readBoundedText } from '../../core/boundedResponse.ts';
import type { Redactor } from '../../core/redact.ts';
import { type TargetFetch, targetFetch } from '../../core/targetFetch.ts';

/** What SecPaid's notifications carry besides the body (spec/DECISIONS.md D-WEBHOOK). */
export const notificationHeaders = {
  Accept: 'application/json',
  'User-Agent': 'SecPaid-Sandbox-Webhooks/1',
} as const;

/** Characters of an answer's body kept in findings and reports. */
export const shownAnswerChars = 500;

export interface Exchange {
  request: { method: 'POST' | 'GET'; url: string; headers: Record<string, string>; body?: string };
  answer?: {
    status: number;
    location?: string;
    contentType?: string;
    /** The body's first `shownAnswerChars` characters. */
    body: string;
    /** Why the body is not all there (longer than shown, or cut by the limits). */
    bodyNote?: string;
  };
  /** No answer: the error's code (ECONNREFUSED, TimeoutError, …) and message. */
  error?: { code: string; message: string };
}

/** The code of a failed fetch: undici puts the socket's error (ECONNREFUSED…) in `cause`. */
function errorCode(error: unknown): { code: string; message: string } {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const name = (error as Error | undefined)?.name;
  const message = String(
    (typeof cause?.message === 'string' && cause.message) || (error as Error | undefined)?.message || error,
  );
  // Node's fetch refuses the ports browsers block (fetch.spec.whatwg.org, "bad port") with no code.
  const refusedPort = message === 'bad port' ? 'BAD_PORT' : undefined;
  return { code: code ?? refusedPort ?? (name && name !== 'TypeError' ? name : 'ERROR'), message };
}

/** Errors that mean nothing answered at that address at all (as opposed to a receiver that failed). */
export const unreachableCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'BAD_PORT',
]);

/** A fetch bound to `url`'s origin, with `timeoutMs` for the head and again for the body. */
export function receiverFetch(url: string, timeoutMs: number): TargetFetch {
  const limits = bodyLimits({
    capBytes: 64 * 1024,
    drainBytes: 1024 * 1024,
    headDeadlineMs: timeoutMs,
    deadlineMs: timeoutMs,
  });
  return targetFetch(url, undefined, limits);
}

/**
 * Sends one request and records the exchange, the answer redacted before it is cut to what is shown
 * (a secret the cut would halve is still found); `wholeBody` is the kept body as it came, to parse.
 */
export async function exchange(
  fetch: TargetFetch,
  request: Exchange['request'],
  signal: AbortSignal,
  redact: Redactor,
): Promise<{ exchange: Exchange; wholeBody?: string }> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
    });
    const read = await readBoundedText(response);
    const text = redact(read.text);
    const longer = text.length > shownAnswerChars;
    const bodyNote =
      read.cut ?? (longer ? `${text.length} characters, the first ${shownAnswerChars} shown` : undefined);
    const location = response.headers.get('location');
    const contentType = response.headers.get('content-type');
    return {
      exchange: {
        request,
        answer: {
          status: response.status,
          ...(location === null ? {} : { location: redact(location) }),
          ...(contentType === null ? {} : { contentType: redact(contentType) }),
          body: text.slice(0, shownAnswerChars),
          ...(bodyNote ? { bodyNote } : {}),
        },
      },
      wholeBody: read.text,
    };
  } catch (error) {
    const { code, message } = errorCode(error);
    return { exchange: { request, error: { code, message: redact(message) } } };
  }
}
