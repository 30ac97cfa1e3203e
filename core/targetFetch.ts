/**
 * The fetch every Node-side request of the harness goes through, bound to the one origin that was
 * vetted as the target (production guard, loopback rule). Servers under test may be hostile, so:
 * - a redirect is never followed: fetch drops only `Authorization` when a redirect leaves the
 *   origin, so the `token` header (and, after a 307/308, the body) would go wherever `Location`
 *   points. The 3xx comes back as the answer it is, and `redirectNote` says so in reports;
 * - a URL outside the bound origin is refused before a byte is sent, so no later code path (a
 *   `Location` taken from an answer, a link's URL) can carry a key to a host nobody vetted;
 * - every answer is bounded in time and size (boundedBody.ts): no head within
 *   `limits.headDeadlineMs` of sending fails the request with a TimeoutError; of the body, at most
 *   `limits.capBytes` is kept, and a body too long or still arriving `limits.deadlineMs` after the
 *   head is cut (boundedResponse.ts), so no answer can fill the memory or hold a call for ever.
 *   `bodyOutcome(response)` (boundedResponse.ts) says what became of it;
 * - with a breaker (targetBreaker.ts), each request's fate is reported to it, and once it has
 *   tripped a request fails with its reason before anything is sent.
 */
import { type BodyLimits, defaultBodyLimits } from './boundedBody.ts';
import { boundResponse } from './boundedResponse.ts';
import { fateOf, type TargetBreaker } from './targetBreaker.ts';

export type TargetFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export class OffTargetRequestError extends Error {
  override name = 'OffTargetRequestError';
}

/** `baseFetch` is looked up per call by default, so a test's replacement of `globalThis.fetch` applies. */
export function targetFetch(
  baseUrl: string | URL,
  baseFetch: (input: Request) => Promise<Response> = (input) => globalThis.fetch(input),
  limits: BodyLimits = defaultBodyLimits,
  breaker?: TargetBreaker,
): TargetFetch {
  const origin = new URL(baseUrl).origin;
  return async (input, init) => {
    breaker?.check();
    // Every request is re-made with `redirect: 'manual'` (and with `init`, as fetch would) and a
    // signal of this call's own: the caller's signal is forwarded to it, and the head's deadline
    // aborts it. Both hold the controller strongly, so neither abort is lost to garbage collection.
    const caller = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const controller = new AbortController();
    const request = new Request(input, { ...init, redirect: 'manual', signal: controller.signal });
    const requested = new URL(request.url).origin;
    if (requested !== origin) {
      throw new OffTargetRequestError(
        `refused to send a request to ${requested}: this run sends its requests and keys only to ${origin}`,
      );
    }
    const forward = () => controller.abort(caller?.reason);
    if (caller?.aborted) forward();
    else caller?.addEventListener('abort', forward, { once: true });
    const stopForwarding = () => caller?.removeEventListener('abort', forward);
    const headMs = limits.headDeadlineMs;
    const headTimer = setTimeout(
      () => controller.abort(new DOMException(`no response head within ${headMs} ms`, 'TimeoutError')),
      headMs,
    );
    try {
      const response = await baseFetch(request);
      clearTimeout(headTimer);
      return boundResponse(response, limits, {
        signal: controller.signal,
        hold: [input, init, request, controller],
        onSettled: (outcome) => {
          stopForwarding();
          if (outcome) breaker?.record(fateOf(outcome));
        },
      });
    } catch (error) {
      stopForwarding();
      // No head by the deadline, this call's or the caller's.
      if ((error as Error | undefined)?.name === 'TimeoutError') breaker?.record('no head');
      throw error;
    } finally {
      clearTimeout(headTimer);
      // The caller's Request and init, and the Request sent, must outlive the fetch: a collected
      // AbortSignal.timeout of the caller's never fires.
      retain(input, init, request, controller);
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
