/** The broken modes that are pure rewrites of an answer (see modes.ts for the whole list). */

import { centsFromAmount, formatCents } from '../../core/money.ts';
import type { OperationId } from '../../core/spec.ts';
import { percentOf } from '../domain/money.ts';
import type { BrokenMode } from './modes.ts';

type Answer = { status: number; body: Record<string, unknown> };

/** A pay-in charged 2 %, its net amount kept consistent so only the rate is wrong. */
function chargeTwoPercent(item: Record<string, unknown>): Record<string, unknown> {
  const amount = centsFromAmount(Number(item.amount));
  const fee = percentOf(amount, 200);
  const net = amount - fee - centsFromAmount(Number(item.service_fee_psp));
  return { ...item, service_fee: formatCents(fee), net_amount: formatCents(net) };
}

/** `2024-10-26 16:18:01` in Berlin as the UTC wall clock, the zone's offset taken from ServerTime. */
function berlinToUtc(local: string, zone: string): string {
  const instant = Date.parse(`${local.replace(' ', 'T')}Z`) - (zone === 'CEST' ? 2 : 1) * 3_600_000;
  return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
}

export function rewriteResponse(
  mode: BrokenMode | undefined,
  operationId: OperationId | undefined,
  answer: Answer,
): Answer {
  if (!mode) return answer;
  const { status, body } = answer;
  const data = body.data as Record<string, unknown> | undefined;
  const isSuccess = status === 200;
  switch (mode) {
    case 'status-201-on-success':
      return operationId === 'createLink' && isSuccess ? { status: 201, body } : answer;
    case 'missing-server-time': {
      if (!isSuccess) return answer;
      const { ServerTime: _dropped, ...rest } = body;
      return { status, body: rest };
    }
    case 'amount-as-number':
      return operationId === 'createLink' && data
        ? { status, body: { ...body, data: { ...data, amount: Number(data.amount) } } }
        : answer;
    case 'result-true-on-error':
      return isSuccess ? answer : { status, body: { ...body, ResponseCode: 1, Result: 'True' } };
    case 'server-time-inverted':
      return { status, body: { ...body, ServerTime: body.ServerTime === 'CET' ? 'CEST' : 'CET' } };
    case 'created-at-utc':
      return isSuccess && data && typeof data.created_at === 'string' && typeof body.ServerTime === 'string'
        ? {
            status,
            body: { ...body, data: { ...data, created_at: berlinToUtc(data.created_at, body.ServerTime) } },
          }
        : answer;
    case 'payin-fee-2-percent':
      return operationId === 'getPayInTransactions' && Array.isArray(body.data)
        ? { status, body: { ...body, data: body.data.map(chargeTwoPercent) } }
        : answer;
    case 'drift-field':
      return operationId === 'createLink' && data
        ? { status, body: { ...body, data: { ...data, x_debug: 'sandbox-internal' } } }
        : answer;
    default:
      return answer;
  }
}
