/**
 * One generated request and what the spec says its answer must be. Examples are pure data made from
 * the seed and the spec: values that must come from the run's state (a link of the caller's, another
 * account's recipient token, today in Berlin, the run's note tag) are placeholders, filled in just
 * before sending (grounding.ts). So one seed gives the same examples on every run against the same
 * kind of target (how many recipient tokens it can supply decides which split-link positives exist).
 */
import type { OperationId } from '../../core/spec.ts';

export type Encoding = 'form' | 'json';

export type Kind = 'positive' | 'boundary' | 'negative' | 'auth' | 'transport';

/** A value the run's state supplies. */
export type Ground =
  | { $ground: 'ownUnusedLink' }
  | { $ground: 'ownLink' }
  | { $ground: 'otherAccountsLink' }
  | { $ground: 'paidLink' }
  | { $ground: 'recipientToken'; index: number }
  | { $ground: 'ownRecipientToken' }
  | { $ground: 'berlinDay'; offset: number }
  /**
   * `text` after the run's note tag; with `exact`, the tag replaces the start of `text` so the note
   * keeps its length in code points (a boundary), and a text too short for the tag stays untagged.
   */
  | { $ground: 'note'; text: string; exact?: boolean };

/** Whose key goes in the `token` header, and how it is spelt. */
export type TokenSpec =
  | { kind: 'own' }
  | { kind: 'none' }
  | { kind: 'values'; values: string[] }
  /** The caller's key, or another account's, altered (see keyVariants.ts). */
  | { kind: 'variant'; of: 'own' | 'other'; variant: string };

export interface Example {
  /** Stable within a seed: `createLink/negative/amount/maximum+step/form`. */
  id: string;
  operationId: OperationId;
  kind: Kind;
  /** The field and rule it exercises, for coverage (`amount`, `maximum+step`). */
  field?: string;
  rule: string;
  encoding: Encoding;
  /** The body to encode; absent when `raw` is given. */
  body?: Record<string, unknown>;
  /** Bytes sent as they are (malformed encodings), with this Content-Type. */
  raw?: string;
  /** The Content-Type sent; by default the encoding's plain media type. */
  contentType?: string;
  /** Form fields sent twice (`amount=1&amount=2`). */
  repeatField?: string;
  token: TokenSpec;
  /** The statuses the spec allows for this request. */
  expect: number[];
  /** Why this answer is expected, when it is not plain from the kind. */
  because?: string;
  /** Needs the sandbox control API (to pay a link). */
  needsControl?: boolean;
}

export const mediaTypes: Record<Encoding, string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
};
