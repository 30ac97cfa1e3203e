/**
 * How the sandbox delivers payment notifications: the deadline of one attempt, how many retries
 * follow a failed one and how long they wait (retryDelayMs × 2^k before retry k+1), and which hosts
 * besides loopback it may send to. startSandbox's `webhooks` option and the CLI's `--webhook-*`
 * options are read here, so both refuse the same values with the same words.
 */
import { allowHostProblem, normalAllowHost } from './allowedHost.ts';

export interface WebhookOptions {
  /** One attempt, from sending to the answer's status line. Default 5000. */
  timeoutMs?: number;
  /** Attempts after a failed first one. Default 3. */
  retries?: number;
  /** Before retry k (from 0): retryDelayMs × 2^k. Default 1000. */
  retryDelayMs?: number;
  /** Hosts notified besides loopback (127.0.0.0/8, ::1, localhost): names or IP literals, no port. */
  allowHosts?: readonly string[];
}

export type WebhookSettings = Required<WebhookOptions>;

/** Each whole-number option: its default and the values it may take. */
export const webhookLimits = {
  timeoutMs: { default: 5_000, min: 1, max: 300_000 },
  retries: { default: 3, min: 0, max: 10 },
  // With 10 retries the last delay is 2^9 × this: still below setTimeout's 2^31 - 1 ms.
  retryDelayMs: { default: 1_000, min: 0, max: 600_000 },
} as const;

type WholeOption = keyof typeof webhookLimits;

/** Why `value` cannot be the option `name`, or undefined when it can. */
function webhookOptionProblem(name: WholeOption, value: number): string | undefined {
  const { min, max } = webhookLimits[name];
  return Number.isInteger(value) && value >= min && value <= max
    ? undefined
    : `must be a whole number from ${min} to ${max}, not ${value}`;
}

/** The options with their defaults; a value out of range throws a RangeError naming it. */
export function webhookSettings(options: WebhookOptions = {}): WebhookSettings {
  const whole = (name: WholeOption): number => {
    const value = options[name] ?? webhookLimits[name].default;
    const problem = webhookOptionProblem(name, value);
    if (problem) throw new RangeError(`webhooks.${name} ${problem}`);
    return value;
  };
  const allowHosts = (options.allowHosts ?? []).map((host) => {
    const problem = allowHostProblem(host);
    if (problem) throw new RangeError(`webhooks.allowHosts: ${problem}`);
    return normalAllowHost(host);
  });
  return {
    timeoutMs: whole('timeoutMs'),
    retries: whole('retries'),
    retryDelayMs: whole('retryDelayMs'),
    allowHosts,
  };
}
