/**
 * Does a server offer the sandbox control API? Polls `GET /sandbox/health` until the server answers
 * at all (a just-started server may still be binding), within a deadline; a 200 `{status:"ok"}`
 * means yes, any other answer means a server without it. A redirect is such an answer: followed,
 * it would let another host's control API stand in for the target's.
 *
 * This is the run's first request, so it is also the check that something answers at all: when
 * nothing does by the deadline, it throws a TargetUnreachable naming the URL and the last error's
 * code (ECONNREFUSED, ENOTFOUND, TIMEOUT, …), in one line for the person who typed the URL.
 */
import { describeFailure } from '../../client/results.ts';
import { targetFetch } from '../../core/targetFetch.ts';

const pollEveryMs = 100;
const attemptMs = 2000;

export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
  constructor(
    readonly baseUrl: string,
    /** Machine-readable, from the last attempt: ECONNREFUSED, ENOTFOUND, TIMEOUT, … */
    readonly code: string,
  ) {
    super(`nothing answers at ${baseUrl} (${code})`);
  }
}

export async function probeControlApi(baseUrl: string, deadlineMs = 5000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  const fetchTarget = targetFetch(baseUrl);
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const response = await fetchTarget(new URL('/sandbox/health', baseUrl), {
        signal: AbortSignal.timeout(attemptMs),
      });
      const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
      return response.status === 200 && body?.status === 'ok';
    } catch (error) {
      lastError = error;
      // A server that does not speak TLS will not learn to by waiting: say so at once.
      if (/SSL|EPROTO|TLS/i.test(describeFailure(error, attemptMs).code)) break;
      await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
    }
  }
  // A code (ECONNREFUSED, TIMEOUT) says it all; an error without one (fetch's "bad port") says it in words.
  const failure = describeFailure(lastError, attemptMs);
  throw new TargetUnreachable(baseUrl, /^[A-Z][A-Z_]+$/.test(failure.code) ? failure.code : failure.reason);
}
