/**
 * When seeding or cleanup meets 429 TooManyRequests, both engines wait as the answer's Retry-After
 * asks and send the call again, within the bounds of the harness's one Retry-After policy
 * (core/retryAfter.ts: a few retries, a minute of waiting per call); past them the 429 goes to the
 * plan, which fails with it. The k6 scripts and the runner's plan driver import it from here.
 */
export { retryAfterMs, retryWaitMs } from '../../core/retryAfter.ts';
