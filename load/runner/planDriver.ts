/**
 * Drives a scenario's seeding or cleanup plan (a generator of calls, see scenarios/types.ts) over
 * HTTP (targetFetch: to the target's origin only, no redirect followed): each call's answer is fed back into the plan. Bounded in calls and per-call time;
 * a 429 is sent again after its Retry-After (scenarios/retry.ts); paced under --max-rate; an abort
 * signal stops it between calls.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { redirectNote, type TargetFetch, targetFetch } from '../../core/targetFetch.ts';
import { retryWaitMs } from '../scenarios/retry.ts';
import type { Plan, PlanCall, PlanReply } from '../scenarios/types.ts';

export interface PlanLimits {
  maxCalls: number;
  callTimeoutMs: number;
  /** Calls start at most this often (1000 / --max-rate): cleanup of a long run makes thousands. */
  minIntervalMs?: number;
}

export const planDefaults: PlanLimits = { maxCalls: 250_000, callTimeoutMs: 15_000 };

async function send(
  fetchTarget: TargetFetch,
  call: PlanCall,
  baseUrl: string,
  timeoutMs: number,
): Promise<PlanReply & { retryAfter?: string }> {
  try {
    const url = baseUrl + call.path;
    const response = await fetchTarget(url, {
      method: call.method,
      headers: call.headers,
      body: call.body === '' ? undefined : call.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    const body = await response.text();
    // The plan reads a failed call's errorMessage: a redirect must be named as one, not as a bad body.
    const redirect = redirectNote(response.status, response.headers.get('location'), url);
    return {
      status: response.status,
      body: redirect ? JSON.stringify({ error: 'Redirected', errorMessage: redirect }) : body,
      ...(retryAfter ? { retryAfter } : {}),
    };
  } catch (error) {
    // The plan sees a failed call as status 0 and decides (seeding stops, cleanup fails).
    return { status: 0, body: JSON.stringify({ error: 'NoAnswer', errorMessage: (error as Error).message }) };
  }
}

export async function runPlan<T>(
  plan: Plan<T>,
  baseUrl: string,
  limits: PlanLimits = planDefaults,
  signal?: AbortSignal,
): Promise<T> {
  const pause = signal ? { signal } : {};
  const fetchTarget = targetFetch(baseUrl);
  let nextStart = 0;
  /** Sends a call no sooner than the rate cap allows. */
  const paced = async (call: PlanCall) => {
    const early = nextStart - performance.now();
    if (early > 0) await sleep(early, undefined, pause);
    nextStart = performance.now() + (limits.minIntervalMs ?? 0);
    return send(fetchTarget, call, baseUrl, limits.callTimeoutMs);
  };
  let step = plan.next();
  for (let calls = 0; !step.done; calls++) {
    if (calls >= limits.maxCalls) throw new Error(`plan made more than ${limits.maxCalls} calls`);
    signal?.throwIfAborted();
    let reply = await paced(step.value);
    let waited = 0;
    for (let retries = 0; ; retries++) {
      const wait = retryWaitMs(reply.status, reply.retryAfter, retries, waited, Date.now());
      if (wait === undefined) break;
      await sleep(wait, undefined, pause);
      waited += wait;
      reply = await paced(step.value);
    }
    step = plan.next({ status: reply.status, body: reply.body });
  }
  return step.value;
}
