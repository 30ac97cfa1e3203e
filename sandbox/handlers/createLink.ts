import { centsFromAmount } from '../../core/money.ts';
import { renderCreatedLink } from '../render.ts';
import type { Handler } from './types.ts';

export const LINK_CREATED = 'Link has been created successfully';

export const createLink: Handler<'createLink'> = ({ state, tenant, body }) => {
  const link = state.links.add({
    owner: tenant,
    amount: centsFromAmount(body.amount),
    note: body.recipient_note ?? '',
    createdAt: state.now(),
    split: null,
    callbackUrl: body.callback_url ?? '',
    paymentEndpoint: body.payment_endpoint ?? '',
    cancellable: body.cancellable ?? body.is_cancellation !== 'No',
  });
  return { message: LINK_CREATED, data: renderCreatedLink(state.publicBaseUrl, link) };
};
