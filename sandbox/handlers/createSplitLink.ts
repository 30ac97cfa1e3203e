import { centsFromAmount } from '../../core/money.ts';
import { checkShares } from '../domain/splitShares.ts';
import { invalid } from '../errors.ts';
import { renderCreatedLink } from '../render.ts';
import { LINK_CREATED } from './createLink.ts';
import type { Handler } from './types.ts';

export const createSplitLink: Handler = ({ state, tenant, body }) => {
  const amount = centsFromAmount(body.amount);
  // split-shares-unchecked treats every split as absolute-free: no sum check, only the token checks.
  const checkedType = state.broken === 'split-shares-unchecked' ? 'absolute' : body.split_type;
  const checkedAmount = state.broken === 'split-shares-unchecked' ? Number.MAX_SAFE_INTEGER : amount;
  const check = checkShares(
    body.recipients,
    checkedType,
    checkedAmount,
    (token) => state.tenants.findByRecipientToken(token) !== undefined,
    tenant.recipientToken,
  );
  if (!check.ok) throw invalid(check.message);
  const link = state.links.add({
    owner: tenant,
    amount,
    note: body.recipient_note ?? '',
    createdAt: state.now(),
    split: { type: body.split_type, shares: check.shares },
    callbackUrl: body.callback_url ?? '',
    paymentEndpoint: body.payment_endpoint ?? '',
    cancellable: body.cancellable ?? true,
  });
  return { message: LINK_CREATED, data: renderCreatedLink(state, link) };
};
