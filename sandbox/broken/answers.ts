/**
 * Broken modes that rewrite an answer just before it is written (AppParts.rewriteAnswer): the
 * faithful app computes the right answer, and these make it wrong the way a buggy server would.
 */
import { centsFromAmount, centsOf, centsToNumber, formatCents } from '../../core/money.ts';
import type { OperationId } from '../../core/spec.ts';
import type { Answer } from '../app.ts';
import { percentOf } from '../domain/money.ts';
import { linkIdFromPayLink, payLinkFor, qrImageFor } from '../domain/payLink.ts';

export type RewriteAnswer = (answer: Answer, operationId: OperationId | undefined) => Answer;

type Item = Record<string, unknown>;

const isItem = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer with `change` applied to its data: the object, or each item of the list. */
function changeData(answer: Answer, change: (item: Item) => Item): Answer {
  const data = answer.body.data;
  if (Array.isArray(data))
    return {
      ...answer,
      body: { ...answer.body, data: data.map((item) => (isItem(item) ? change(item) : item)) },
    };
  return isItem(data) ? { ...answer, body: { ...answer.body, data: change(data) } } : answer;
}

/** A pay-in charged 2 %, its net amount kept consistent so only the rate is wrong. */
function chargeTwoPercent(item: Item): Item {
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

/** pay_link (and the QR code around it) for the next id: the off-by-one of an id column read late. */
function payLinkOfNextId(item: Item): Item {
  const payLink = item.pay_link;
  const id = typeof payLink === 'string' ? linkIdFromPayLink(payLink) : undefined;
  if (typeof payLink !== 'string' || id === undefined) return item;
  const next = payLinkFor(payLink.slice(0, payLink.indexOf('/payment?')), id + 1);
  return { ...item, pay_link: next, qr_img: qrImageFor(next) };
}

function payoutNetCentShort(item: Item): Item {
  const net = centsOf(item.net_amount);
  return net === undefined ? item : { ...item, net_amount: centsToNumber(net - 1) };
}

export const status201OnSuccess: RewriteAnswer = (answer, operationId) =>
  operationId === 'createLink' && answer.status === 200 ? { ...answer, status: 201 } : answer;

export const withoutServerTime: RewriteAnswer = (answer) => {
  if (answer.status !== 200) return answer;
  const { ServerTime: _dropped, ...body } = answer.body;
  return { ...answer, body };
};

export const amountAsNumber: RewriteAnswer = (answer, operationId) =>
  operationId === 'createLink'
    ? changeData(answer, (data) => ({ ...data, amount: Number(data.amount) }))
    : answer;

export const resultTrueOnError: RewriteAnswer = (answer) =>
  answer.status === 200 ? answer : { ...answer, body: { ...answer.body, ResponseCode: 1, Result: 'True' } };

export const serverTimeInverted: RewriteAnswer = (answer) => ({
  ...answer,
  body: { ...answer.body, ServerTime: answer.body.ServerTime === 'CET' ? 'CEST' : 'CET' },
});

export const createdAtUtc: RewriteAnswer = (answer) => {
  const zone = answer.body.ServerTime;
  if (answer.status !== 200 || !isItem(answer.body.data) || typeof zone !== 'string') return answer;
  return changeData(answer, (data) =>
    typeof data.created_at === 'string' ? { ...data, created_at: berlinToUtc(data.created_at, zone) } : data,
  );
};

export const payInFeeTwoPercent: RewriteAnswer = (answer, operationId) =>
  operationId === 'getPayInTransactions' && Array.isArray(answer.body.data)
    ? changeData(answer, chargeTwoPercent)
    : answer;

export const payLinkWrongId: RewriteAnswer = (answer) =>
  answer.status === 200 ? changeData(answer, payLinkOfNextId) : answer;

export const payoutOffByCent: RewriteAnswer = (answer, operationId) =>
  operationId === 'getPayOutTransactions' ? changeData(answer, payoutNetCentShort) : answer;

export const withoutRetryAfter: RewriteAnswer = (answer) => {
  if (!('retry-after' in answer.headers)) return answer;
  const { 'retry-after': _dropped, ...headers } = answer.headers;
  return { ...answer, headers };
};

export const driftField: RewriteAnswer = (answer, operationId) =>
  operationId === 'createLink'
    ? changeData(answer, (data) => ({ ...data, x_debug: 'sandbox-internal' }))
    : answer;
