/**
 * Drives a scenario's seeding or cleanup plan (a generator of calls, see scenarios/types.ts) over
 * HTTP (targetFetch: to the target's origin only, no redirect followed): each call's answer is fed
 * back into the plan; the calls of a batch step go at once. Bounded in calls and per-call time; a 429
 * is sent again after its Retry-After (scenarios/retry.ts); paced under --max-rate; an abort signal
 * stops it between steps.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pagingBodyLimits } from '../../core/boundedBody.ts';
import { readBoundedText } from '../../core/boundedResponse.ts';
import { redirectNote, type TargetFetch, targetFetch } from '../../core/targetFetch.ts';
import { isCallList } from '../scenarios/plans.ts';
import { retryWaitMs } from '../scenarios/retry.ts';
import type { Plan, PlanCall, PlanReply } from '../scenarios/types.ts';

export interface PlanLimits {
  maxCalls: number;
  callTimeoutMs: number;
  /** Calls start at most this often (1000 / --max-rate): cleanup of a long run makes thousands. */
  minIntervalMs?: number;
  /** Told the number of calls made so far, after each step (cleanup of a big run takes minutes). */
  onProgress?: (calls: number) => void;
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
    const { text, cut } = await readBoundedText(response);
    // The plan reads a failed call's errorMessage: a redirect or a cut body must be named as what it
    // is, not taken for a bad body.
    const redirect = redirectNote(response.status, response.headers.get('location'), url);
    const problem = redirect
      ? { error: 'Redirected', errorMessage: redirect }
      : cut
        ? { error: 'BodyCut', errorMessage: `the answer's ${cut}` }
        : undefined;
    return {
      status: problem && response.status === 200 ? 0 : response.status,
      body: problem ? JSON.stringify(problem) : text,
      ...(retryAfter ? { retryAfter } : {}),
    };
  } catch (error) {
    // The plan sees a failed call as status 0 and decides (seeding stops, cleanup fails).
    return { status: 0, body: JSON.stringify({ error: 'NoAnswer', errorMessage: (error as Error).message }) };
  }
}

/** Sends a call, and again after each 429's Retry-After (scenarios/retry.ts bounds how often and how long). */
async function sendWithRetry(
  send: (call: PlanCall) => Promise<PlanReply & { retryAfter?: string }>,
  call: PlanCall,
  pause: { signal?: AbortSignal },
): Promise<PlanReply> {
  let reply = await send(call);
  let waited = 0;
  for (let retries = 0; ; retries++) {
    const wait = retryWaitMs(reply.status, reply.retryAfter, retries, waited, Date.now());
    if (wait === undefined) return { status: reply.status, body: reply.body };
    await sleep(wait, undefined, pause);
    waited += wait;
    reply = await send(call);
  }
}

export async function runPlan<T>(
  plan: Plan<T>,
  baseUrl: string,
  limits: PlanLimits = planDefaults,
  signal?: AbortSignal,
): Promise<T> {
  const pause = signal ? { signal } : {};
  // Cleanup reads pages of up to 1000 links: whole pages, within the paging cap.
  const fetchTarget = targetFetch(baseUrl, undefined, {
    ...pagingBodyLimits,
    deadlineMs: limits.callTimeoutMs,
  });
  let nextStart = 0;
  /** Sends a call no sooner than the rate cap allows: each call takes the next free slot, then waits for it. */
  const paced = async (call: PlanCall) => {
    const slot = Math.max(performance.now(), nextStart);
    nextStart = slot + (limits.minIntervalMs ?? 0);
    const early = slot - performance.now();
    if (early > 0) await sleep(early, undefined, pause);
    return send(fetchTarget, call, baseUrl, limits.callTimeoutMs);
  };
  let calls = 0;
  const count = (n: number) => {
    calls += n;
    if (calls > limits.maxCalls) throw new Error(`plan made more than ${limits.maxCalls} calls`);
  };
  let step = plan.next();
  while (!step.done) {
    signal?.throwIfAborted();
    const value = step.value;
    if (isCallList(value)) {
      count(value.length);
      // Calls of one step go at once (each still paced and retried on its own), answered in order.
      const replies = await Promise.all(value.map((call) => sendWithRetry(paced, call, pause)));
      step = plan.next(replies);
    } else {
      count(1);
      step = plan.next(await sendWithRetry(paced, value, pause));
    }
    limits.onProgress?.(calls);
  }
  return step.value;
}
