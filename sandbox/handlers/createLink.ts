import { centsFromAmount } from '../../core/money.ts';
import { renderCreatedLink } from '../render.ts';
import { linkEncryption } from './linkEncryption.ts';
import type { Handler } from './types.ts';

export const LINK_CREATED = 'Link has been created successfully';

export const createLink: Handler<'createLink'> = ({ state, tenant, body }) => {
  // Fields spelled out, not spread: the create path is the sandbox's hottest (see LinkStore.add).
  const encryption = linkEncryption(body);
  const link = state.links.add({
    owner: tenant,
    amount: centsFromAmount(body.amount),
    note: body.recipient_note ?? '',
    createdAt: state.now(),
    split: null,
    callbackUrl: body.callback_url ?? '',
    paymentEndpoint: body.payment_endpoint ?? '',
    cancellable: body.cancellable ?? body.is_cancellation !== 'No',
    encrypt: encryption.encrypt,
    encryptionKey: encryption.encryptionKey,
  });
  return { message: LINK_CREATED, data: renderCreatedLink(state.publicBaseUrl, link) };
};
