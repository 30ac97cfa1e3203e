/**
 * How long the contract run waits before asking a rate-limited real account again (cleanup, and a
 * generated example's unprovoked 429). A real key (SECPAID_TOKEN/_B) holds the run's links on a
 * real server, so a 429 is waited out as its Retry-After says, within one budget of the harness's
 * Retry-After policy (core/retryAfter.ts) for the whole cleanup or the whole example.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  fallbackWaitMs,
  newRetryBudget,
  type RetryBudget,
  retryAfterMs,
  retryDecision,
  spendRetry,
} from '../../core/retryAfter.ts';

export type { RetryBudget };
export const defaultRetryBudget = newRetryBudget;

/** Retry-After as delay-seconds or an HTTP date, in ms; the fallback when absent or unreadable. */
export function retryDelayMs(retryAfter: string | null | undefined, now = Date.now()): number {
  return retryAfterMs(retryAfter, now) ?? fallbackWaitMs;
}

/**
 * Waits out a 429 when the budget allows it and spends it; otherwise says why not (the caller
 * reports the links as possibly left behind).
 */
export async function waitToRetry(
  retryAfter: string | null,
  budget: RetryBudget,
): Promise<{ retry: true } | { retry: false; why: string }> {
  const decision = retryDecision(retryAfter, budget, Date.now());
  if (!decision.retry) return decision;
  spendRetry(budget, decision.waitMs);
  await sleep(decision.waitMs);
  return { retry: true };
}
