/**
 * The fees of one payment. SecPaid's own fee is the link's service fee (1.5 %, the seed's
 * `service_fee: "1.5"`). The card processor's fee is modelled as 1.4 % + 0.25 € (standard EEA card
 * pricing), paid by the link owner, who started the charge. Net is what is left, to the cent.
 */
import type { Cents } from '../../core/money.ts';
import { percentOf } from './money.ts';

export const SECPAID_FEE_BPS = 150;
export const SECPAID_FEE_TEXT = '1.5';
export const PSP_FEE_BPS = 140;
export const PSP_FEE_FIXED_CENTS = 25;

export interface PaymentFees {
  amount: Cents;
  serviceFee: Cents;
  pspFee: Cents;
  net: Cents;
}

export function feesFor(amount: Cents, bearsPspFee: boolean, pspBase: Cents = amount): PaymentFees {
  const serviceFee = percentOf(amount, SECPAID_FEE_BPS);
  const pspFee = bearsPspFee ? percentOf(pspBase, PSP_FEE_BPS) + PSP_FEE_FIXED_CENTS : 0;
  return { amount, serviceFee, pspFee, net: amount - serviceFee - pspFee };
}
