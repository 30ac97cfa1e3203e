/**
 * The successful calls tests make to set up and observe state, typed from the spec: each one is a
 * `send` that must answer 200 (and so also passes every response check).
 */

import { aLink, type LinkBody, type SplitLinkBody } from '../../core/testing/links.ts';
import type { components } from '../../generated/secpaid.d.ts';
import { type ApiAnswer, type Caller, send } from './send.ts';

type Schemas = components['schemas'];
export type PaymentLink = Schemas['PaymentLink'];
export type SplitPaymentLink = Schemas['SplitPaymentLink'];
export type UnusedLink = Schemas['UnusedLink'];
export type UsedLink = Schemas['UsedLink'];
export type PayIn = Schemas['PayIn'];
export type Payout = Schemas['Payout'];
export type Page<T> = { items: T[]; total?: number };

async function list<T>(
  operationId: 'getMyUnusedLinks' | 'getMyUsedLinks' | 'getPayInTransactions' | 'getPayOutTransactions',
  as: Caller,
  filters: Record<string, unknown>,
): Promise<Page<T>> {
  const { body } = await send(operationId, { as, form: filters }, 200);
  return { items: body.data as T[], total: body.totalRecords };
}

export const api = {
  createLink: async (as: Caller, body: LinkBody = aLink()): Promise<PaymentLink> =>
    (await send('createLink', { as, form: body }, 200)).body.data as PaymentLink,
  createSplitLink: async (as: Caller, body: SplitLinkBody): Promise<SplitPaymentLink> =>
    (await send('createSplitLink', { as, form: body }, 200)).body.data as SplitPaymentLink,
  unusedLinks: (as: Caller, filters: Schemas['LinkListRequest'] = {}) =>
    list<UnusedLink>('getMyUnusedLinks', as, filters),
  usedLinks: (as: Caller, filters: Schemas['LinkListRequest'] = {}) =>
    list<UsedLink>('getMyUsedLinks', as, filters),
  payIns: (as: Caller, filters: Schemas['PayInListRequest'] = {}) =>
    list<PayIn>('getPayInTransactions', as, filters),
  payouts: (as: Caller, filters: Schemas['PayoutListRequest'] = {}) =>
    list<Payout>('getPayOutTransactions', as, filters),
  deleteLink: (as: Caller, linkId: number, status = 200): Promise<ApiAnswer> =>
    send('deleteLink', { as, form: { link_id: linkId } }, status),
};
