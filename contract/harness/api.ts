/**
 * The successful calls tests make to set up and observe state, through the typed client
 * (typedCall.ts): bodies and answers typed from the spec, each call judged like every other
 * (judgeAnswer.ts), and a 200 required unless the test says otherwise.
 */
import type { SecPaidResult } from '../../client/secpaidClient.ts';
import type { OperationId } from '../../core/spec.ts';
import { aLink, type LinkBody, type SplitLinkBody } from '../../core/testing/links.ts';
import type { components } from '../../generated/secpaid.d.ts';
import type { ApiAnswer, Body, Caller } from './send.ts';
import { typedCall } from './typedCall.ts';

type Schemas = components['schemas'];
export type PaymentLink = Schemas['PaymentLink'];
export type SplitPaymentLink = Schemas['SplitPaymentLink'];
export type UnusedLink = Schemas['UnusedLink'];
export type UsedLink = Schemas['UsedLink'];
export type PayIn = Schemas['PayIn'];
export type Payout = Schemas['Payout'];
export type Page<T> = { items: T[]; total?: number };

/** The 200 body; any other answer already failed judgeAnswer, so this only guards the types. */
function succeeded<Id extends OperationId>(result: SecPaidResult<Id>) {
  if (!result.ok) throw new Error(`expected HTTP 200, received ${result.status}`);
  return result.body;
}

function page<T>(envelope: { data?: T[]; totalRecords?: number }): Page<T> {
  return { items: envelope.data ?? [], total: envelope.totalRecords };
}

export const api = {
  createLink: async (as: Caller, body: LinkBody = aLink()): Promise<PaymentLink> =>
    succeeded(await typedCall('createLink', as.token, 200, (client) => client.createLink(body))).data,
  createSplitLink: async (as: Caller, body: SplitLinkBody): Promise<SplitPaymentLink> =>
    succeeded(await typedCall('createSplitLink', as.token, 200, (client) => client.createSplitLink(body)))
      .data,
  unusedLinks: async (as: Caller, filters: Schemas['LinkListRequest'] = {}): Promise<Page<UnusedLink>> =>
    page(succeeded(await typedCall('getMyUnusedLinks', as.token, 200, (c) => c.getMyUnusedLinks(filters)))),
  usedLinks: async (as: Caller, filters: Schemas['LinkListRequest'] = {}): Promise<Page<UsedLink>> =>
    page(succeeded(await typedCall('getMyUsedLinks', as.token, 200, (c) => c.getMyUsedLinks(filters)))),
  payIns: async (as: Caller, filters: Schemas['PayInListRequest'] = {}): Promise<Page<PayIn>> =>
    page(
      succeeded(
        await typedCall('getPayInTransactions', as.token, 200, (c) => c.getPayInTransactions(filters)),
      ),
    ),
  payouts: async (as: Caller, filters: Schemas['PayoutListRequest'] = {}): Promise<Page<Payout>> =>
    page(
      succeeded(
        await typedCall('getPayOutTransactions', as.token, 200, (c) => c.getPayOutTransactions(filters)),
      ),
    ),
  /** `status`: what the test provokes (404 for a link that is gone or another account's). */
  deleteLink: async (as: Caller, linkId: number, status = 200): Promise<ApiAnswer> => {
    const result = await typedCall('deleteLink', as.token, status, (c) => c.deleteLink({ link_id: linkId }));
    const body = typeof result.body === 'object' && result.body !== null ? (result.body as Body) : {};
    return { status: result.status, headers: Object.fromEntries(result.headers), body };
  },
};
