/**
 * createLinks: a shop creating payment links at checkout. Basic links mostly, split links (one or two
 * recipients, percent or euro shares) when recipient accounts exist; amounts from cents to the
 * maximum, in every text form the API accepts; notes with invoice numbers and non-ASCII text.
 */

import { centsFromAmount, formatCents } from '../../core/money.ts';
import { bodyOf, checkTable, dataOf, type Json } from './envelope.ts';
import { apiRequest, pickIndex, pickWeighted, unit } from './form.ts';
import { createTenant, deleteTaggedLinks } from './seed.ts';
import type { LoadRequest, OperationName, Plan, ResponseLike, Scenario, SeedOptions } from './types.ts';

export interface CreateLinksSeed {
  token: string;
  recipientTokens: string[];
  runTag: string;
}

const operations: readonly OperationName[] = ['createLink', 'createSplitLink'];

type AmountKind = 'small' | 'whole' | 'large';
const amountKinds: readonly (readonly [AmountKind, number])[] = [
  ['small', 60],
  ['whole', 25],
  ['large', 15],
];

/** Amount in cents: mostly everyday sums, some whole euros, a few near the 999999.99 maximum. */
function amountCents(iteration: number): { cents: number; text: string } {
  const kind = pickWeighted(iteration, 11, amountKinds);
  const u = unit(iteration, 12);
  if (kind === 'whole') {
    const euros = 1 + Math.floor(u * 5000);
    return { cents: euros * 100, text: String(euros) };
  }
  const cents = kind === 'small' ? 100 + Math.floor(u * 49_900) : 1_000_000 + Math.floor(u * 98_999_999);
  // A tenth of the amounts ending in 0 cents are sent with one decimal ("12.5"), as forms often do.
  const text =
    cents % 10 === 0 && unit(iteration, 13) < 0.1 ? formatCents(cents).slice(0, -1) : formatCents(cents);
  return { cents, text };
}

const padding = 'x'.repeat(180);
const noteTemplates = [
  (tag: string, i: number) => `${tag} Invoice #${100000 + i}`,
  (tag: string, i: number) => `${tag} Bestellung ${i} für Müller & Söhne`,
  (tag: string, i: number) => `${tag} ticket ${i} – row ${i % 30}, seat ${i % 12}`,
  (tag: string, i: number) => `${tag} order ${i} ${padding}`,
];

function splitFields(seed: CreateLinksSeed, iteration: number, cents: number) {
  const count = Math.min(seed.recipientTokens.length, 1 + pickIndex(iteration, 21, 2));
  const absolute = unit(iteration, 22) < 0.3;
  const recipients = seed.recipientTokens.slice(0, count).map((token, k) => ({
    token,
    // Percent shares leave the owner at least 20 %; euro shares at most 30 % each of the amount.
    share: absolute ? Math.max(1, Math.floor(cents * 0.3)) / 100 : ([40, 25.5][k] ?? 10),
  }));
  return { recipients: JSON.stringify(recipients), split_type: absolute ? 'absolute' : 'normal' };
}

function build(seed: CreateLinksSeed, iteration: number): LoadRequest {
  const { cents, text } = amountCents(iteration);
  const note = noteTemplates[pickIndex(iteration, 31, noteTemplates.length)]!(seed.runTag, iteration);
  const split = seed.recipientTokens.length > 0 && unit(iteration, 20) < 0.3;
  if (!split) return apiRequest('createLink', seed.token, { amount: text, recipient_note: note });
  const { recipients, split_type } = splitFields(seed, iteration, cents);
  return apiRequest('createSplitLink', seed.token, {
    amount: text,
    recipient_note: note,
    recipients,
    split_type,
  });
}

/** The created link in an answer, if the answer has one. */
function link(r: ResponseLike): Json | undefined {
  const data = bodyOf(r) ? dataOf(r) : undefined;
  return data !== null && typeof data === 'object' ? (data as Json) : undefined;
}

const checksFor = checkTable<CreateLinksSeed>(operations, (operation) => [
  {
    name: `${operation} answers a new link id`,
    test: (r) => {
      const id = link(r)?.id;
      return typeof id === 'number' && Number.isInteger(id) && id > 0;
    },
  },
  {
    name: `${operation} echoes amount and note`,
    test: (r, request) =>
      link(r)?.amount === formatCents(centsFromAmount(Number(request.fields.amount))) &&
      link(r)?.recipient_note === request.fields.recipient_note,
  },
  {
    name: `${operation} link is unused and typed`,
    test: (r) =>
      link(r)?.status === 'Unused' &&
      link(r)?.transaction_type === (operation === 'createSplitLink' ? 'Split' : 'Basic'),
  },
]);

function* seedPlan(options: SeedOptions): Plan<CreateLinksSeed> {
  if (options.token) {
    // Split links need other accounts' recipient tokens; without them createSplitLink would go unmeasured.
    if (!options.recipientTokens?.length) {
      throw new Error('createLinks: with SECPAID_TOKEN, also give SECPAID_RECIPIENT_TOKENS (other accounts)');
    }
    return { token: options.token, recipientTokens: options.recipientTokens ?? [], runTag: options.runTag };
  }
  const owner = yield* createTenant();
  const recipients = [yield* createTenant(), yield* createTenant()];
  return {
    token: owner.token,
    recipientTokens: recipients.map((r) => r.recipientToken),
    runTag: options.runTag,
  };
}

export const createLinks: Scenario<CreateLinksSeed> = {
  name: 'createLinks',
  description: 'createLink and createSplitLink with varied amounts, notes and recipients',
  operations,
  seedPlan,
  build,
  checksFor,
  cleanupPlan: (seed) => deleteTaggedLinks(seed.token, seed.runTag),
};
