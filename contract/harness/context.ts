/**
 * What a suite process knows about its run, handed over by the runner as a JSON file (mode 0600,
 * since it may hold API keys) named in SECPAID_CONTRACT_CONTEXT: the target, its capabilities, the
 * run id for notes, and the private directory where observations go.
 */
import { readFileSync } from 'node:fs';
import type { BodyLimits } from '../../core/boundedBody.ts';
import type { OperationId } from '../../core/spec.ts';
import { setRunId } from '../../core/testing/notes.ts';
import { registerSecrets } from '../reporting/redact.ts';
import type { TargetTokens } from '../target/types.ts';

export const contextEnvVar = 'SECPAID_CONTRACT_CONTEXT';

export interface ContractContext {
  runId: string;
  baseUrl: string;
  targetDescription: string;
  /** The target offers the sandbox control API. */
  control: boolean;
  /**
   * Why the run goes without the control API when the target has one (`--env-tokens`); absent when
   * it uses it, or when the target offers none.
   */
  controlSetAside?: string;
  /**
   * Why the target's server cannot reach this machine's loopback, where the webhooks suite
   * receives notifications (target/types.ts); absent when it can.
   */
  loopbackUnreachable?: string;
  readOnly: boolean;
  /** API keys from the environment; only used when there is no control API. */
  tokens: TargetTokens;
  /** Directory (mode 0700) for this run's observation, request and secret files. */
  privateDir: string;
  operations: OperationId[];
  /** The generated phase's budget and seed (contract/generator/). */
  generated?: GeneratedOptions;
  /** What is kept of each answer's body, and how long one is listened to (core/boundedBody.ts). */
  bodyLimits: BodyLimits;
  /** Bytes each kind of record (request records, observations) may take in the private directory. */
  recordBudgetBytes: number;
}

export interface GeneratedOptions {
  /** Random positives per operation; 0 skips the phase. */
  examples: number;
  seed: number;
  /** At most this many requests in the phase. */
  maxRequests?: number;
  /** Only examples whose id starts with this. */
  example?: string;
}

let cached: ContractContext | undefined;

export function contractContext(): ContractContext {
  if (cached) return cached;
  const file = process.env[contextEnvVar];
  if (!file) {
    throw new Error(
      `${contextEnvVar} is not set: contract suites run through \`npm run contract\`, not on their own`,
    );
  }
  cached = JSON.parse(readFileSync(file, 'utf8')) as ContractContext;
  setRunId(cached.runId);
  registerSecrets(cached.tokens.a, cached.tokens.b, cached.tokens.recipient);
  return cached;
}
