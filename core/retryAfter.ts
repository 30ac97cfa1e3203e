/**
 * The one Retry-After policy: how long the harness waits before sending a call again that was
 * answered 429 TooManyRequests, and when it stops waiting. The load engines (k6 and the runner) use
 * it per seeding or cleanup call, the contract run per cleanup and per generated example.
 * Engine-neutral: no Node or k6 imports; the callers do the waiting.
 */

/** At most 3 retries and a minute of waiting in all, per budget: past them the 429 stands. */
const retryLimits = { maxRetries: 3, maxWaitMs: 60_000 } as const;

/** Without a usable Retry-After (the spec requires one; not every server sends it), a second. */
export const fallbackWaitMs = 1_000;

/** An HTTP date (RFC 9110 IMF-fixdate, or the obsolete forms Date.parse reads): a weekday or month name in it. */
const namesADay = /[a-z]{3}/i;

/** Retry-After as ms from `nowMs`: delay-seconds or an HTTP date; undefined when it is neither. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  const text = (header ?? '').trim();
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  if (!namesADay.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What is left of a budget: retries and waiting. */
export interface RetryBudget {
  retriesLeft: number;
  msLeft: number;
}

export const newRetryBudget = (): RetryBudget => ({
  retriesLeft: retryLimits.maxRetries,
  msLeft: retryLimits.maxWaitMs,
});

type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: string };

/**
 * Whether a 429 is sent again within what is left of the budget, and after how long; the caller
 * spends the budget (`spendRetry`) when it waits. A Retry-After beyond what is left is not waited for.
 */
export function retryDecision(
  retryAfter: string | null | undefined,
  budget: RetryBudget,
  nowMs: number,
): RetryDecision {
  const waitMs = retryAfterMs(retryAfter, nowMs) ?? fallbackWaitMs;
  if (budget.retriesLeft <= 0)
    return { retry: false, why: `no retries left (${retryLimits.maxRetries} at most)` };
  if (waitMs > budget.msLeft)
    return {
      retry: false,
      why: `Retry-After ${Math.ceil(waitMs / 1000)} s is beyond the ${Math.floor(budget.msLeft / 1000)} s of waiting left`,
    };
  return { retry: true, waitMs };
}

export function spendRetry(budget: RetryBudget, waitMs: number): void {
  budget.retriesLeft -= 1;
  budget.msLeft -= waitMs;
}

/**
 * The same decision for a loop that counts its own retries and waiting: how long to wait before
 * sending again, or undefined when the answer stands (not a 429, or the budget is spent).
 */
export function retryWaitMs(
  status: number,
  retryAfter: string | null | undefined,
  retries: number,
  waitedMs: number,
  nowMs: number,
): number | undefined {
  if (status !== 429) return undefined;
  const budget = { retriesLeft: retryLimits.maxRetries - retries, msLeft: retryLimits.maxWaitMs - waitedMs };
  const decision = retryDecision(retryAfter, budget, nowMs);
  return decision.retry ? decision.waitMs : undefined;
}
