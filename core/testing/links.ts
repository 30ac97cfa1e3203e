/**
 * Request bodies with sensible defaults and overrides, instead of literals copied into tests:
 * `aLink({ amount: 12.34 })`, `aSplitLink({ recipients: [aRecipient(token, 30)] })`. Shared with the
 * sandbox's own API tests.
 */
import type { components } from '../../generated/secpaid.d.ts';
import { aNote } from './notes.ts';

type Schemas = components['schemas'];
export type LinkBody = Schemas['CreateLinkRequest'];
export type SplitLinkBody = Schemas['CreateSplitLinkRequest'];
export type Recipient = Schemas['Recipient'];

export function aLink(overrides: Partial<LinkBody> = {}): LinkBody {
  return { amount: 25.5, recipient_note: aNote(), ...overrides };
}

export function aRecipient(token: string, share = 50): Recipient {
  return { token, share };
}

/** A split link; give `recipients` (the recipient tokens are the target's, never invented here). */
export function aSplitLink(
  overrides: Partial<SplitLinkBody> & Pick<SplitLinkBody, 'recipients'>,
): SplitLinkBody {
  return { amount: 80, split_type: 'normal', recipient_note: aNote('contract split link'), ...overrides };
}
