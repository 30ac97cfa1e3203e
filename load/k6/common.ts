/**
 * The k6 side of the engine-neutral scenarios: options from the chosen profile and its SLOs, the
 * seeding/cleanup plans driven with k6's synchronous http, and one iteration = one request + checks.
 * Environment: BASE_URL, PROFILE, RATE_SCALE, SECPAID_TOKEN, SECPAID_RECIPIENT_TOKENS, RUN_TAG, REPORTS_DIR.
 */
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { isProfileName, type Profile, profiles, scaleProfile } from '../profiles/profiles.ts';
import { isCallList } from '../scenarios/plans.ts';
import { retryWaitMs } from '../scenarios/retry.ts';
import type { LoadRequest, Plan, ResponseLike, Scenario, SeedOptions } from '../scenarios/types.ts';
import { productionUrlProblem } from '../shared/productionHost.ts';
import { capacityWindowOf, windowOf, windowTag } from './capacityWindows.ts';
import { type OptionsInEffect, profileMismatch } from './profileGuard.ts';

export const baseUrl = (__ENV.BASE_URL || 'http://127.0.0.1:4010').replace(/\/+$/, '');
const refused = productionUrlProblem(baseUrl);
if (refused) throw new Error(`BASE_URL refused: ${refused}`);

// Only 200 is a success in this API (201 is UserNotFound), so http_req_failed counts every other status.
http.setResponseCallback(http.expectedStatuses(200));

export function selectedProfile(): Profile {
  const name = __ENV.PROFILE || 'smoke';
  if (!isProfileName(name))
    throw new Error(`PROFILE must be one of ${Object.keys(profiles).join(', ')}, not ${name}`);
  const scale = __ENV.RATE_SCALE ? Number(__ENV.RATE_SCALE) : 1;
  // scaleProfile rounds every rate to a whole number (k6 refuses fractional ones) and refuses a zero.
  const profile = scale === 1 ? profiles[name] : scaleProfile(profiles[name], scale);
  const rates = [profile.startRate, ...profile.stages.map((stage) => stage.target)];
  if (!rates.every((rate) => Number.isInteger(rate) && rate >= 0))
    throw new Error(`profile ${name}: k6 needs whole arrival rates, got ${rates.join(', ')}`);
  return profile;
}

export function send(request: LoadRequest) {
  return http.request(request.method, baseUrl + request.path, request.body === '' ? null : request.body, {
    headers: request.headers,
    tags: request.tags,
    // Also per request, in case a user's own options file overrides maxRedirects.
    redirects: 0,
  });
}

/** Bounds a plan even if a generator misbehaves: seeding makes about a hundred steps, cleanup one per 32 links. */
const maxPlanSteps = 250_000;

/** Whether a seeding/cleanup answer asks to be sent again (a 429 within retry.ts's bounds), and after how long. */
function retryWait(
  response: { status: number; headers: Record<string, string> },
  retries: number,
  waited: number,
) {
  return retryWaitMs(response.status, response.headers['Retry-After'], retries, waited, Date.now());
}

/**
 * Sends a seeding/cleanup call; a 429 is sent again after its Retry-After, within retry.ts's bounds.
 * `first` is an answer already received for it (from a batch), which counts as the first try.
 */
function sendWithRetry(call: LoadRequest, first?: ReturnType<typeof send>) {
  let response = first ?? send(call);
  let waited = 0;
  for (let retries = 0; ; retries++) {
    const wait = retryWait(response, retries, waited);
    if (wait === undefined) return response;
    sleep(wait / 1000);
    waited += wait;
    response = send(call);
  }
}

/** Calls that may go at once, in one `http.batch`; an answer asking to wait is sent again on its own, after the wait. */
function sendAll(calls: readonly LoadRequest[]) {
  const responses = http.batch(
    calls.map((call) => ({
      method: call.method,
      url: baseUrl + call.path,
      body: call.body === '' ? null : call.body,
      params: { headers: call.headers, tags: call.tags, redirects: 0 },
    })),
  );
  return responses.map((response, i) => sendWithRetry(calls[i]!, response));
}

const reply = (response: { status: number; body: unknown }) => ({
  status: response.status,
  body: typeof response.body === 'string' ? response.body : '',
});

export function runPlan<T>(plan: Plan<T>): T {
  let step = plan.next();
  for (let steps = 0; !step.done; steps++) {
    if (steps >= maxPlanSteps) throw new Error(`plan made more than ${maxPlanSteps} steps`);
    const calls = step.value;
    step = plan.next(isCallList(calls) ? sendAll(calls).map(reply) : reply(sendWithRetry(calls)));
  }
  return step.value;
}

export function seedOptions(): SeedOptions {
  const recipients = (__ENV.SECPAID_RECIPIENT_TOKENS || '').split(',').filter((token) => token !== '');
  return {
    // Each runner of a distributed run makes its own tag (setup runs on every runner).
    runTag: __ENV.RUN_TAG || `k6-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    token: __ENV.SECPAID_TOKEN || undefined,
    recipientTokens: recipients,
  };
}

/**
 * setup(): refuses options that are not the profile PROFILE and RATE_SCALE ask for (an archive made
 * for another profile, see profileGuard.ts) before anything is seeded, then seeds.
 */
export function checkedSetup<Seed>(scenario: Scenario<Seed>, profile: Profile): Seed {
  const mismatch = profileMismatch(exec.test.options as OptionsInEffect, scenario.name, profile);
  if (mismatch !== undefined) {
    const reason = `refused: ${mismatch}`;
    console.error(reason);
    exec.test.abort(reason);
    // k6 stops the script inside abort(); the throw keeps seeding from running should it return.
    throw new Error(reason);
  }
  return runPlan(scenario.seedPlan(seedOptions()));
}

/**
 * teardown(): deletes the unused links the run tagged. k6 runs teardown even after setup() aborted
 * the test, with no setup data then: nothing was seeded, so there is nothing to delete.
 */
export function cleanup<Seed>(scenario: Scenario<Seed>, seed: Seed | null | undefined): void {
  if (seed === null || seed === undefined) {
    console.log('teardown: nothing was seeded, nothing to delete');
    return;
  }
  const deleted = runPlan(scenario.cleanupPlan(seed));
  console.log(`teardown: deleted ${deleted} unused links tagged with this run`);
}

/**
 * One iteration: the scenario's request for this scenario-wide iteration number, sent and checked.
 * In a profile that looks for its capacity, the measured requests also carry their window of the ramp.
 */
export function iterate<Seed>(scenario: Scenario<Seed>, seed: Seed, profile: Profile): void {
  const built = scenario.build(seed, exec.scenario.iterationInTest);
  const windowS = capacityWindowOf(profile);
  const request =
    windowS !== undefined && exec.scenario.name === scenario.name
      ? {
          ...built,
          tags: { ...built.tags, [windowTag]: windowOf(Date.now() - exec.scenario.startTime, windowS) },
        }
      : built;
  const response = send(request);
  const checks: Record<string, (r: ResponseLike) => boolean> = {};
  for (const c of scenario.checksFor(request.tags.name)) checks[c.name] = (r) => c.test(r, request, seed);
  check(response, checks, request.tags);
}
