/**
 * What the API means beyond its schema, for the generated phase: which fields name things of the
 * run's state (and what a schema-valid value that names nothing of the caller's is answered), and
 * the rules the schema cannot say (spec/DECISIONS.md D-SPLIT, D-DELETE). Positives are made to keep
 * these rules; breaking each one on its own gives extra negatives. A new field needs an entry here
 * only when its value must come from the run's state; its constraints come from the spec.
 */

import { centsOf } from '../../core/money.ts';
import type { OperationId } from '../../core/spec.ts';
import type { Example, Ground } from './example.ts';
import { requestSchema } from './requestFields.ts';

/** A link id no server has given out (2^52 − 1): the base of every bad or boundary link id. */
export const noSuchLinkId = 4503599627370495;

export interface GroundedField {
  ground: Ground;
  /** What a schema-valid value that names nothing of the caller's is answered. */
  ungrounded: number[];
  because: string;
  /** The valid value that bad values are made from: one that can name nothing real. */
  safe?: number;
  /**
   * A schema-valid value other than `safe` could name a real thing of an account that holds data
   * from before the run (deleteLink would delete it): sent only where the control API made the account.
   */
  destructive?: boolean;
}

/** Fields whose valid values come from the run's state, by `RequestField.name`. */
export const groundedFields: Record<string, GroundedField> = {
  link_id: {
    ground: { $ground: 'ownUnusedLink' },
    ungrounded: [404],
    because: 'D-DELETE: a link id that is not one of the caller’s links is 404',
    safe: noSuchLinkId,
    destructive: true,
  },
  pay_id: {
    ground: { $ground: 'ownLink' },
    ungrounded: [200],
    because: 'a pay_id that matches no pay-in lists nothing',
    safe: noSuchLinkId,
  },
  'recipients[].token': {
    ground: { $ground: 'recipientToken', index: 0 },
    ungrounded: [400],
    because: 'D-SPLIT: a token of no account is 400 Invalid recipient token',
  },
};

/** Fields that carry the run's note tag, so cleanup finds what a positive created. */
export const noteFields = new Set(['recipient_note']);

/** Cents of an amount or share the generator made (two decimals at most, so never undefined there). */
const cents = (amount: unknown) => centsOf(Number(amount)) ?? Number.NaN;

type Recipient = { token: unknown; share: unknown };

/**
 * Makes a createSplitLink body keep D-SPLIT (normal shares add up to at most 100 %, absolute ones
 * to at most the amount) without touching the field under test: shares are rescaled to fit, or,
 * when a share is the field under test, the split becomes absolute with an amount that covers it.
 * Undefined when the rule cannot be kept.
 */
export function keepRules(
  operationId: OperationId,
  body: Record<string, unknown>,
  fieldUnderTest?: string,
): Record<string, unknown> | undefined {
  if (operationId !== 'createSplitLink' || !Array.isArray(body.recipients)) return body;
  const list = body.recipients as Recipient[];
  if (list.some((r) => typeof r?.share !== 'number')) return body;
  const sum = list.reduce((total, r) => total + cents(r.share), 0);
  const limit = body.split_type === 'absolute' ? cents(body.amount) : 100_00;
  if (sum <= limit) return body;
  if (fieldUnderTest === 'recipients[].share') {
    const maxAmount = cents(
      (requestSchema(operationId).properties as Record<string, { maximum?: number }>).amount?.maximum,
    );
    if (sum > maxAmount) return undefined;
    return { ...body, split_type: 'absolute', amount: Math.max(sum, cents(body.amount)) / 100 };
  }
  const each = Math.floor(limit / list.length);
  if (each < 1) return undefined;
  return { ...body, recipients: list.map((r) => ({ ...r, share: Math.min(cents(r.share), each) / 100 })) };
}

type ExtraNegative = Pick<Example, 'rule' | 'field' | 'body' | 'expect' | 'because'> & { needs?: 'control' };

const recipient = (index: number, share: number): Recipient => ({
  token: { $ground: 'recipientToken', index },
  share,
});

/** Each rule the schema cannot say, broken on its own, from a valid body. */
export function ruleBreakers(operationId: OperationId, valid: Record<string, unknown>): ExtraNegative[] {
  if (operationId === 'createSplitLink') {
    const amount = Number(valid.amount);
    return [
      {
        rule: 'normal shares over 100 %',
        field: 'recipients[].share',
        body: { ...valid, split_type: 'normal', recipients: [recipient(0, 50), recipient(1, 50.01)] },
        expect: [400],
        because: 'D-SPLIT: normal shares over 100 % are 400',
      },
      {
        rule: 'absolute shares over the amount',
        field: 'recipients[].share',
        body: { ...valid, split_type: 'absolute', recipients: [recipient(0, (cents(amount) + 1) / 100)] },
        expect: [400],
        because: 'D-SPLIT: absolute shares over the amount are 400',
      },
      {
        rule: "the owner's own recipient token",
        field: 'recipients[].token',
        body: { ...valid, recipients: [{ token: { $ground: 'ownRecipientToken' }, share: 10 }] },
        expect: [400],
        because: 'D-SPLIT: the owner cannot be a recipient',
      },
      {
        rule: 'a token listed twice',
        field: 'recipients[].token',
        body: { ...valid, recipients: [recipient(0, 10), recipient(0, 10)] },
        expect: [400],
        because: 'D-SPLIT: a token may appear once',
      },
    ];
  }
  if (operationId === 'deleteLink') {
    return [
      {
        rule: "another account's link",
        field: 'link_id',
        body: { link_id: { $ground: 'otherAccountsLink' } },
        expect: [404],
        because: 'D-DELETE: another account’s link answers as one that does not exist',
      },
      {
        rule: 'a paid link',
        field: 'link_id',
        body: { link_id: { $ground: 'paidLink' } },
        expect: [400],
        because: 'D-DELETE: a paid link is 400',
        needs: 'control',
      },
    ];
  }
  return [];
}

/**
 * What a request made for the caller's state is answered when another account's key is taken as
 * itself: its own lists and links, and 404 for the caller's link (D-DELETE).
 */
export function answerAsAnotherAccount(operationId: OperationId): { expect: number[]; because: string } {
  return operationId === 'deleteLink'
    ? { expect: [404], because: 'D-DELETE: to another account, the caller’s link does not exist' }
    : { expect: [200], because: 'D-AUTH: another account’s key acts as that account' };
}
