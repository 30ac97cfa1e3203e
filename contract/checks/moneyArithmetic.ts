/**
 * Money that must add up in every answer: a pay-in's `net_amount` = `amount` − `service_fee` −
 * `service_fee_psp`, a payout's `net_amount` = `payout_amount` − `service_fee`, both to the cent, and
 * a payout's JSON-number amounts carry at most two decimals (the schema cannot say so for floats).
 */
import { centsOf, formatCents } from '../../core/money.ts';
import { type Check, excerpt, isRecord, valueChars } from './types.ts';

function items(body: unknown): Record<string, unknown>[] {
  return isRecord(body) && Array.isArray(body.data) ? body.data.filter(isRecord) : [];
}

function payoutFailures(payout: Record<string, unknown>, where: string): string[] {
  const failures: string[] = [];
  for (const field of ['service_fee', 'net_amount']) {
    const value = payout[field];
    if (typeof value === 'number' && centsOf(value) === undefined) {
      failures.push(
        `${where}${field}: received ${excerpt(value, valueChars)} / documented: at most two decimals`,
      );
    }
  }
  const [gross, fee, net] = [payout.payout_amount, payout.service_fee, payout.net_amount].map(centsOf);
  if (gross !== undefined && fee !== undefined && net !== undefined && gross - fee !== net) {
    failures.push(
      `${where}net_amount: received ${formatCents(net)} / documented: payout_amount ${formatCents(gross)} − service_fee ${formatCents(fee)} = ${formatCents(gross - fee)}`,
    );
  }
  return failures;
}

function payInFailures(payIn: Record<string, unknown>, where: string): string[] {
  const [amount, fee, psp, net] = [
    payIn.amount,
    payIn.service_fee,
    payIn.service_fee_psp,
    payIn.net_amount,
  ].map(centsOf);
  if (amount === undefined || fee === undefined || psp === undefined || net === undefined) return [];
  const expected = amount - fee - psp;
  return expected === net
    ? []
    : [
        `${where}net_amount: received ${formatCents(net)} / documented: amount ${formatCents(amount)} − service_fee ${formatCents(fee)} − service_fee_psp ${formatCents(psp)} = ${formatCents(expected)}`,
      ];
}

export const moneyArithmetic: Check = {
  name: 'moneyArithmetic',
  run: (ex) => {
    if (ex.status !== 200) return [];
    if (ex.operationId === 'getPayOutTransactions') {
      return items(ex.body).flatMap((payout, i) => payoutFailures(payout, `data/${i}/`));
    }
    if (ex.operationId === 'getPayInTransactions') {
      return items(ex.body).flatMap((payIn, i) => payInFailures(payIn, `data/${i}/`));
    }
    return [];
  },
};
