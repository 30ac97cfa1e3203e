/**
 * The sandbox control API for the sandbox's own tests, on top of the contract suite's client of it
 * (contract/builders, shared so the two suites never drift): a tenant comes back ready to call the
 * API with its key, and the other calls keep their short names. Every call throws on a non-200.
 */
import { controlApi, type FaultRequest, type PayoutRun } from '../../contract/builders/controlApi.ts';
import { apiAs, type Caller } from './api.ts';

export type { PayoutRun };

export interface TestTenant extends Caller {
  userId: string;
  recipientToken: string;
  token: string;
}

export async function createTenant(
  baseUrl: string,
  options: { suspended?: boolean; rate_limit?: number } = {},
): Promise<TestTenant> {
  const tenant = await controlApi(baseUrl).createTenant(options);
  return {
    ...apiAs(baseUrl, tenant.token),
    token: tenant.token,
    userId: tenant.user_id,
    recipientToken: tenant.recipient_token,
  };
}

export async function payLink(
  baseUrl: string,
  linkId: number,
): Promise<{ pay_ins: string[]; paid_on: string }> {
  const state = await controlApi(baseUrl).payLink(linkId);
  return { pay_ins: state.pay_ins ?? [], paid_on: state.paid_on ?? '' };
}

/** All tenants' due pay-ins of `date` (default today), or only `userId`'s. */
export function runPayouts(baseUrl: string, date?: string, userId?: string): Promise<PayoutRun> {
  return controlApi(baseUrl).runPayouts(date, userId);
}

export function armFault(baseUrl: string, fault: FaultRequest): Promise<void> {
  return controlApi(baseUrl).injectFault(fault);
}

export function clearFaults(baseUrl: string): Promise<void> {
  return controlApi(baseUrl).clearFaults();
}

/** "20261124-pi-AbC..." → "2026-11-24": the Berlin day a pay-in belongs to, for a payout run. */
export function dayOfTransaction(transactionId: string): string {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})-/.exec(transactionId);
  if (!match) throw new Error(`not a transaction id: ${transactionId}`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}
