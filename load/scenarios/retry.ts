/**
 * When seeding or cleanup meets 429 TooManyRequests, both engines wait as the answer's Retry-After
 * asks and send the call again, within bounds (a few retries, a minute of waiting per call); past
 * them the 429 goes to the plan, which fails with it. Engine-neutral: the drivers do the waiting.
 */

export const retryLimits = { maxRetries: 3, maxWaitMs: 60_000 };

/** Without a usable Retry-After, a second: the sandbox's per-minute window moves on by then. */
const defaultWaitMs = 1_000;

/** Retry-After as ms from `nowMs`: delay-seconds or an HTTP date (RFC 9110); undefined if neither. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  const text = (header ?? '').trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = text === '' ? Number.NaN : Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * How long to wait before sending a call again, or undefined when its answer stands (not a 429, or
 * the retries or the waiting allowed are used up: a Retry-After beyond what is left is not waited for).
 */
export function retryWaitMs(
  status: number,
  retryAfter: string | null | undefined,
  retries: number,
  waitedMs: number,
  nowMs: number,
): number | undefined {
  if (status !== 429 || retries >= retryLimits.maxRetries) return undefined;
  const wait = retryAfterMs(retryAfter, nowMs) ?? defaultWaitMs;
  return waitedMs + wait > retryLimits.maxWaitMs ? undefined : wait;
}
