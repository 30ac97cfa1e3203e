/**
 * The sandbox control API for the sandbox's own tests, through its typed client
 * (client/controlClient.ts, which the contract suite uses too, so the two never drift): a tenant
 * comes back ready to call the API with its key, and the other calls keep their short names.
 * Every call throws on a non-200.
 */
import {
  createControlClient,
  type FaultRequest,
  type PayoutRun,
  type TenantRequest,
} from '../../client/controlClient.ts';
import { apiAs, type Caller } from './api.ts';

export type { PayoutRun };

export interface TestTenant extends Caller {
  userId: string;
  recipientToken: string;
  token: string;
  /** The account's webhook encryption key (generated unless the request gave one). */
  encryptionKey: string;
}

const control = (baseUrl: string) => createControlClient({ baseUrl });

export async function createTenant(baseUrl: string, options: TenantRequest = {}): Promise<TestTenant> {
  const tenant = await control(baseUrl).createTenant(options);
  return {
    ...apiAs(baseUrl, tenant.token),
    token: tenant.token,
    userId: tenant.user_id,
    recipientToken: tenant.recipient_token,
    encryptionKey: tenant.encryption_key,
  };
}

export async function payLink(
  baseUrl: string,
  linkId: number,
): Promise<{ pay_ins: string[]; paid_on: string }> {
  const state = await control(baseUrl).payLink(linkId);
  return { pay_ins: state.pay_ins ?? [], paid_on: state.paid_on ?? '' };
}

/** All tenants' due pay-ins of `date` (default today), or only `userId`'s. */
export function runPayouts(baseUrl: string, date?: string, userId?: string): Promise<PayoutRun> {
  return control(baseUrl).runPayouts(date, userId);
}

export async function armFault(baseUrl: string, fault: FaultRequest): Promise<void> {
  await control(baseUrl).injectFault(fault);
}

export async function clearFaults(baseUrl: string): Promise<void> {
  await control(baseUrl).clearFaults();
}

/** "20261124-pi-AbC..." → "2026-11-24": the Berlin day a pay-in belongs to, for a payout run. */
export function dayOfTransaction(transactionId: string): string {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})-/.exec(transactionId);
  if (!match) throw new Error(`not a transaction id: ${transactionId}`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}
