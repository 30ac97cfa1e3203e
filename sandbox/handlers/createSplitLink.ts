import { centsFromAmount } from '../../core/money.ts';
import { checkShares, type RecipientShare } from '../domain/splitShares.ts';
import { invalid } from '../errors.ts';
import { renderCreatedLink } from '../render.ts';
import { LINK_CREATED } from './createLink.ts';
import { linkEncryption } from './linkEncryption.ts';
import type { Handler, HandlerContext, HandlerResult } from './types.ts';

/** Stores a split link whose shares passed their checks, and answers it. */
export function addSplitLink(
  { state, tenant, body }: HandlerContext<'createSplitLink'>,
  shares: RecipientShare[],
): HandlerResult {
  const encryption = linkEncryption(body);
  const link = state.links.add({
    owner: tenant,
    amount: centsFromAmount(body.amount),
    note: body.recipient_note ?? '',
    createdAt: state.now(),
    split: { type: body.split_type, shares },
    callbackUrl: body.callback_url ?? '',
    paymentEndpoint: body.payment_endpoint ?? '',
    cancellable: body.cancellable ?? true,
    encrypt: encryption.encrypt,
    encryptionKey: encryption.encryptionKey,
  });
  return { message: LINK_CREATED, data: renderCreatedLink(state.publicBaseUrl, link) };
}

export const createSplitLink: Handler<'createSplitLink'> = (ctx) => {
  const { state, tenant, body } = ctx;
  const check = checkShares(
    body.recipients,
    body.split_type,
    centsFromAmount(body.amount),
    (token) => state.tenants.findByRecipientToken(token) !== undefined,
    tenant.recipientToken,
  );
  if (!check.ok) throw invalid(check.message);
  return addSplitLink(ctx, check.shares);
};
