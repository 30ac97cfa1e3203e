/**
 * Drives a scenario's seeding or cleanup plan (a generator of calls, see scenarios/types.ts) over
 * HTTP with fetch: each call's answer is fed back into the plan. Bounded in calls and per-call time.
 */
import type { Plan } from '../scenarios/types.ts';

export interface PlanLimits {
  maxCalls: number;
  callTimeoutMs: number;
}

const defaults: PlanLimits = { maxCalls: 250_000, callTimeoutMs: 15_000 };

export async function runPlan<T>(plan: Plan<T>, baseUrl: string, limits: PlanLimits = defaults): Promise<T> {
  let step = plan.next();
  for (let calls = 0; !step.done; calls++) {
    if (calls >= limits.maxCalls) throw new Error(`plan made more than ${limits.maxCalls} calls`);
    const call = step.value;
    let reply: { status: number; body: string };
    try {
      const response = await fetch(baseUrl + call.path, {
        method: call.method,
        headers: call.headers,
        body: call.body === '' ? undefined : call.body,
        signal: AbortSignal.timeout(limits.callTimeoutMs),
      });
      reply = { status: response.status, body: await response.text() };
    } catch (error) {
      // The plan sees a failed call as status 0 and decides (seeding stops, cleanup gives up).
      reply = {
        status: 0,
        body: JSON.stringify({ error: 'NoAnswer', errorMessage: (error as Error).message }),
      };
    }
    step = plan.next(reply);
  }
  return step.value;
}
