/**
 * What the runner refuses to do. It loads loopback targets only, unless told `--allow-remote` with a
 * `--max-rate` that the profile's peak stays under; it never loads SecPaid's production host; and
 * every run is bounded in duration and request count before it starts.
 */

import { isLoopbackHost } from '../../core/loopbackHost.ts';
import { isProductionHost } from '../shared/productionHost.ts';

export interface TargetPolicy {
  allowRemote: boolean;
  /** Requests per second the run may never exceed (required for remote targets). */
  maxRate?: number;
}

export interface RunBounds {
  maxRequests: number;
  maxDurationS: number;
}

export const defaultBounds: RunBounds = { maxRequests: 2_000_000, maxDurationS: 3 * 3600 };

/** The target URL, or why it is refused. */
export function checkTarget(target: string, policy: TargetPolicy): { url: URL } | { refused: string } {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { refused: `${target} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { refused: `${url.protocol} targets are not supported` };
  if (url.username || url.password)
    return { refused: 'credentials in the URL are not accepted (use SECPAID_TOKEN)' };
  if (isProductionHost(url.hostname))
    return { refused: `${url.hostname} is SecPaid's production host: never a load target` };
  if (isLoopbackHost(url.hostname)) return { url };
  if (!policy.allowRemote || policy.maxRate === undefined) {
    return {
      refused: `${url.hostname} is not a loopback address: give --allow-remote and --max-rate N to load it`,
    };
  }
  return { url };
}

/** Why a planned run is too big, or undefined when it is within bounds. */
export function checkBounds(
  plan: { peakRate: number; requests: number; durationS: number },
  bounds: RunBounds,
  maxRate: number | undefined,
): string | undefined {
  if (maxRate !== undefined && plan.peakRate > maxRate) {
    return `the profile peaks at ${plan.peakRate} req/s, above --max-rate ${maxRate} (lower it with --rate-scale)`;
  }
  if (plan.requests < 1) return 'the profile plans no request at all (is --rate-scale too small?)';
  if (plan.requests > bounds.maxRequests) {
    return `the profile plans ${plan.requests} requests, more than the bound of ${bounds.maxRequests} (--max-requests)`;
  }
  if (plan.durationS > bounds.maxDurationS) {
    return `the profile runs ${plan.durationS} s, longer than the bound of ${bounds.maxDurationS} s (--max-duration)`;
  }
  return undefined;
}

/**
 * Seconds after the schedule's end that answers may still arrive: by default the request timeout, so
 * a request sent at the last moment gets all of it; never past the --max-duration bound of the run.
 */
export function graceSeconds(
  timeoutS: number,
  plannedS: number,
  maxDurationS: number,
  requested?: number,
): number {
  return Math.max(0, Math.min(requested ?? timeoutS, maxDurationS - plannedS));
}

/** Header values go into raw HTTP bytes: a line break in a token would smuggle headers. */
export function checkHeaderValues(values: readonly string[]): string | undefined {
  return values.some((v) => /[\r\n\0]/.test(v))
    ? 'a token contains a line break or NUL character'
    : undefined;
}
