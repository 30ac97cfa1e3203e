/**
 * What happens when a customer pays a link: the link becomes Used and every party gets a pay-in.
 * A basic link pays its owner; a split link pays each recipient their share (SecPaid's fee on it)
 * and the owner the remainder (SecPaid's fee on that, plus the card fee on the whole charge).
 */

import type { Cents } from '../../core/money.ts';
import type { Link, LinkStore } from '../store/links.ts';
import type { Tenant } from '../store/tenants.ts';
import type { PayIn } from '../store/transactions.ts';
import { berlinDate } from './berlinTime.ts';
import { feesFor } from './fees.ts';
import { transactionId } from './ids.ts';
import { allocate } from './splitShares.ts';

function record(receiver: Tenant, link: Link, part: Cents, bearsPspFee: boolean, at: number): PayIn {
  const fees = feesFor(part, bearsPspFee, link.amount);
  const day = berlinDate(at);
  const payIn: PayIn = {
    transactionId: transactionId(day, 'pi'),
    link,
    amount: part,
    serviceFee: fees.serviceFee,
    pspFee: fees.pspFee,
    net: fees.net,
    createdAt: at,
    day,
    payout: null,
  };
  receiver.payIns.push(payIn);
  return payIn;
}

/**
 * Pays `link` at `at`: it leaves the unused links of `links`, and every party gets a pay-in.
 * `recipientOf` finds a split recipient's account by its token.
 */
export function payLink(
  link: Link,
  at: number,
  links: LinkStore,
  recipientOf: (token: string) => Tenant | undefined,
): PayIn[] {
  links.leaveUnused(link, 'Used', at);
  if (!link.split) return [record(link.owner, link, link.amount, true, at)];
  const { parts, ownerPart } = allocate(link.amount, link.split.type, link.split.shares);
  const payIns = [record(link.owner, link, ownerPart, true, at)];
  link.split.shares.forEach((share, i) => {
    const recipient = recipientOf(share.token);
    if (recipient) payIns.push(record(recipient, link, parts[i]!, false, at));
  });
  return payIns;
}
