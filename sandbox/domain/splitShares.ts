/**
 * Split-link shares: checked when the link is made, allocated when it is paid. `normal` shares are
 * percentages of the amount, `absolute` shares are EUR. Each recipient's part is rounded to the cent
 * and the owner keeps the remainder, so the parts always add up to the amount exactly.
 */
import { type Cents, centsFromAmount } from '../../core/money.ts';

export type SplitType = 'normal' | 'absolute';

export interface RecipientShare {
  token: string;
  /** Hundredths: 50 % → 5000, 12.50 € → 1250. */
  shareHundredths: number;
}

export type ShareCheck = { ok: true; shares: RecipientShare[] } | { ok: false; message: string };

const FULL_PERCENT_HUNDREDTHS = 100_00;

/** Each recipient's token checked (known, listed once, not the owner's own) and its share in hundredths. */
export function readRecipients(
  recipients: readonly { token: string; share: number }[],
  isKnownToken: (token: string) => boolean,
  ownerToken: string,
): ShareCheck {
  const seen = new Set<string>();
  const shares: RecipientShare[] = [];
  for (const [index, recipient] of recipients.entries()) {
    if (recipient.token === ownerToken)
      return { ok: false, message: `recipients/${index}: you cannot be your own recipient` };
    if (seen.has(recipient.token))
      return { ok: false, message: `recipients/${index}: token is listed twice` };
    if (!isKnownToken(recipient.token))
      return { ok: false, message: `Invalid recipient token at index ${index}` };
    seen.add(recipient.token);
    shares.push({ token: recipient.token, shareHundredths: centsFromAmount(recipient.share) });
  }
  return { ok: true, shares };
}

/** The recipients read, and their shares held to the whole: 100 % of a normal split, the amount of an absolute one. */
export function checkShares(
  recipients: readonly { token: string; share: number }[],
  splitType: SplitType,
  amount: Cents,
  isKnownToken: (token: string) => boolean,
  ownerToken: string,
): ShareCheck {
  const read = readRecipients(recipients, isKnownToken, ownerToken);
  if (!read.ok) return read;
  const total = read.shares.reduce((sum, share) => sum + share.shareHundredths, 0);
  if (splitType === 'normal' && total > FULL_PERCENT_HUNDREDTHS)
    return { ok: false, message: `shares add up to ${total / 100} %, more than 100 %` };
  if (splitType === 'absolute' && total > amount)
    return {
      ok: false,
      message: `shares add up to ${total / 100} EUR, more than the amount ${amount / 100} EUR`,
    };
  return read;
}

/** Each recipient's part in cents, in order, and the owner's remainder. */
export function allocate(
  amount: Cents,
  splitType: SplitType,
  shares: readonly RecipientShare[],
): { parts: Cents[]; ownerPart: Cents } {
  // Percent parts are rounded down: rounding each half up could give out more than the amount.
  const parts = shares.map((s) =>
    splitType === 'absolute'
      ? s.shareHundredths
      : Math.floor((amount * s.shareHundredths) / FULL_PERCENT_HUNDREDTHS),
  );
  const given = parts.reduce((sum, p) => sum + p, 0);
  return { parts, ownerPart: amount - given };
}
