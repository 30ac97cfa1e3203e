/**
 * How long cleanup waits before asking a rate-limited real account again. A real key
 * (SECPAID_TOKEN/_B) holds the run's links on a real server, so a 429 is waited out as its
 * Retry-After says, but within a budget for the whole cleanup: at most 3 retries and 65 s of waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryBudget {
  retriesLeft: number;
  msLeft: number;
}

export const defaultRetryBudget = (): RetryBudget => ({ retriesLeft: 3, msLeft: 65_000 });

/** Used when a 429 carries no usable Retry-After (the spec requires one; not every server sends it). */
const fallbackDelayMs = 1_000;

/** Retry-After as delay-seconds or an HTTP date, in ms; the fallback when absent or unreadable. */
export function retryDelayMs(retryAfter: string | null | undefined, now = Date.now()): number {
  const text = retryAfter?.trim() ?? '';
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (/[a-z]/i.test(text) && Number.isFinite(date)) return Math.max(0, date - now);
  return fallbackDelayMs;
}

/**
 * Waits out a 429 when the budget allows it and spends it; otherwise says why not (the caller
 * reports the links as possibly left behind).
 */
export async function waitToRetry(
  retryAfter: string | null,
  budget: RetryBudget,
): Promise<{ retry: true } | { retry: false; why: string }> {
  const delay = retryDelayMs(retryAfter);
  if (budget.retriesLeft <= 0) return { retry: false, why: 'no retries left (3 at most)' };
  if (delay > budget.msLeft)
    return {
      retry: false,
      why: `Retry-After ${Math.ceil(delay / 1000)} s is beyond the ${Math.floor(budget.msLeft / 1000)} s of waiting left`,
    };
  budget.retriesLeft -= 1;
  budget.msLeft -= delay;
  await sleep(delay);
  return { retry: true };
}
