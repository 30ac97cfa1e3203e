/**
 * The accounts a test acts as. With the control API every call makes a fresh tenant (tests never
 * share state, so they never depend on order); without it, the keys from the environment stand in
 * and tests scope themselves by the unique markers in their notes. Every key learned is recorded,
 * so the runner can redact it from the reports and clean up the run's links.
 */

import { contractContext } from './context.ts';
import { control } from './control.ts';
import { recordSecret } from './recorder.ts';
import type { Caller } from './send.ts';

export interface TenantOptions {
  suspended?: boolean;
  rateLimit?: number;
}

async function newTenant(options: TenantOptions = {}): Promise<Caller> {
  const tenant = await control().createTenant({
    ...(options.suspended ? { suspended: true } : {}),
    ...(options.rateLimit ? { rate_limit: options.rateLimit } : {}),
  });
  recordSecret({ token: tenant.token, recipientToken: tenant.recipient_token });
  return { token: tenant.token, userId: tenant.user_id, recipientToken: tenant.recipient_token };
}

/** The account under test: a fresh tenant, or SECPAID_TOKEN. */
export async function aCaller(options: TenantOptions = {}): Promise<Caller> {
  const context = contractContext();
  if (context.control) return newTenant(options);
  if (options.suspended || options.rateLimit)
    throw new Error('special accounts need the sandbox control API');
  return { token: context.tokens.a! };
}

/** Another account, for isolation tests: a fresh tenant, or SECPAID_TOKEN_B. */
export async function anotherCaller(): Promise<Caller> {
  const context = contractContext();
  if (context.control) return newTenant();
  if (!context.tokens.b)
    throw new Error('a second account needs SECPAID_TOKEN_B (the test should have declared it)');
  return { token: context.tokens.b };
}

/** A recipient token of an account other than the caller's: a fresh tenant's, or SECPAID_RECIPIENT_TOKEN. */
export async function aRecipientToken(): Promise<string> {
  const context = contractContext();
  if (context.control) return (await newTenant()).recipientToken!;
  if (!context.tokens.recipient)
    throw new Error('needs SECPAID_RECIPIENT_TOKEN (the test should have declared it)');
  return context.tokens.recipient;
}

/**
 * For requests whose answer does not depend on the recipient (authentication comes first): a real
 * recipient token when the target has one, a placeholder otherwise.
 */
export async function aRecipientTokenIfAny(): Promise<string> {
  const context = contractContext();
  return context.control || context.tokens.recipient ? aRecipientToken() : 'no-recipient-token-configured';
}
