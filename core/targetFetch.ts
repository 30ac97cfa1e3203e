/**
 * The fetch every Node-side request of the harness goes through, bound to the one origin that was
 * vetted as the target (production guard, loopback rule). Servers under test may be hostile, so:
 * - a redirect is never followed: fetch drops only `Authorization` when a redirect leaves the
 *   origin, so the `token` header (and, after a 307/308, the body) would go wherever `Location`
 *   points. The 3xx comes back as the answer it is, and `redirectNote` says so in reports;
 * - a URL outside the bound origin is refused before a byte is sent, so no later code path (a
 *   `Location` taken from an answer, a link's URL) can carry a key to a host nobody vetted;
 * - every answer's body is bounded (boundedResponse.ts): at most `limits.capBytes` of it is kept,
 *   and a body too long or too slow is cut, so no answer can fill the memory or outlast the
 *   request's deadline. `bodyOutcome(response)` (boundedResponse.ts) says what became of it.
 */
import { performance } from 'node:perf_hooks';
import { type BodyLimits, defaultBodyLimits } from './boundedBody.ts';
import { boundResponse } from './boundedResponse.ts';

export type TargetFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export class OffTargetRequestError extends Error {
  override name = 'OffTargetRequestError';
}

/** `baseFetch` is looked up per call by default, so a test's replacement of `globalThis.fetch` applies. */
export function targetFetch(
  baseUrl: string | URL,
  baseFetch: (input: Request) => Promise<Response> = (input) => globalThis.fetch(input),
  limits: BodyLimits = defaultBodyLimits,
): TargetFetch {
  const origin = new URL(baseUrl).origin;
  return async (input, init) => {
    const startedAt = performance.now();
    // A Request already set not to follow is sent as it is; any other is re-made with
    // `redirect: 'manual'` (and with `init`, as fetch would).
    const asIs = input instanceof Request && init === undefined && input.redirect === 'manual';
    const request = asIs ? input : new Request(input, { ...init, redirect: 'manual' });
    const requested = new URL(request.url).origin;
    if (requested !== origin) {
      throw new OffTargetRequestError(
        `refused to send a request to ${requested}: this run sends its requests and keys only to ${origin}`,
      );
    }
    try {
      const response = await baseFetch(request);
      return boundResponse(response, limits, { signal: request.signal, startedAt, hold: [input, init] });
    } finally {
      // A re-made Request follows the caller's signal only weakly: the caller's Request and init
      // must outlive the fetch, or a collected AbortSignal.timeout never fires.
      retain(input, init);
    }
  };
}

/** Keeps its arguments reachable up to the call (see targetFetch). */
function retain(..._values: unknown[]): void {}

export function isRedirect(status: number): boolean {
  return status >= 300 && status <= 399;
}

/**
 * What a 3xx answer is, in words for reports: where it pointed (resolved against the request's URL)
 * and that it was not followed. Undefined for any other status.
 */
export function redirectNote(status: number, location: string | null | undefined, requestUrl?: string) {
  if (!isRedirect(status)) return undefined;
  let where = location ? location : 'no Location header';
  if (location && requestUrl) {
    try {
      where = new URL(location, requestUrl).toString();
    } catch {
      where = location;
    }
  }
  return `a redirect (HTTP ${status} to ${where}), not followed: the harness never sends its API keys to another URL`;
}
