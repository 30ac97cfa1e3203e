/**
 * A target is a running server the suite can reach, plus what it can do for the suite: whether it
 * offers the sandbox control API (fresh tenants, paying links, faults) or only the API keys given in
 * the environment. Each way of getting one (embedded sandbox, a URL, a container image) is a
 * resolver in resolveTarget.ts.
 */
import type { ImageArgs } from '../container/imageOptions.ts';
import type { RunSelection } from './secondAccount.ts';

export interface TargetTokens {
  /** SECPAID_TOKEN: the account the suite acts as. */
  a?: string;
  /** SECPAID_TOKEN_B: a second account, for tenant-isolation tests. */
  b?: string;
  /** SECPAID_RECIPIENT_TOKEN: another account's recipient token, for split links. */
  recipient?: string;
}

export interface Target {
  kind: TargetRequest['kind'];
  baseUrl: string;
  /** Names the target in reports ("embedded sandbox", the URL, the image and its id). */
  description: string;
  /** True when `/sandbox/*` answers: the suite makes its own tenants and provokes every status. */
  control: boolean;
  /**
   * Why the run goes without the control API when the target has one (`--env-tokens`); absent when
   * it uses it, or when the target offers none.
   */
  controlSetAside?: string;
  /**
   * Why the server cannot send a request to this machine's 127.0.0.1, where the webhooks suite
   * listens for its notifications (a remote URL, a container on a bridge network); absent when it
   * can (the embedded sandbox, a loopback URL, a container with host networking).
   */
  loopbackUnreachable?: string;
  tokens: TargetTokens;
  close(): Promise<void>;
}

/** What a target that may run on keys from the environment needs to know of the run (envKeys.ts). */
export interface EnvKeysOptions {
  /**
   * What the run selects (its options), for what on keys from the environment needs
   * SECPAID_TOKEN_B (secondAccount.ts); absent: a whole default run.
   */
  selection?: RunSelection;
  /** `--single-account`: no SECPAID_TOKEN_B on purpose; what needs it is skipped as not provokable. */
  singleAccount?: boolean;
}

export type TargetRequest =
  | { kind: 'embedded'; brokenMode?: string }
  | ({ kind: 'url'; baseUrl: string; useControlApi?: boolean } & EnvKeysOptions)
  | ({ kind: 'image'; image: string; imageArgs?: Omit<ImageArgs, 'image'> } & EnvKeysOptions);

export function tokensFromEnv(env: NodeJS.ProcessEnv): TargetTokens {
  const pick = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  return { a: pick('SECPAID_TOKEN'), b: pick('SECPAID_TOKEN_B'), recipient: pick('SECPAID_RECIPIENT_TOKEN') };
}
