/**
 * Fills an example's placeholders with the run's own state, just before it is sent: the caller's
 * links (a fresh unused one per example that deletes it), another account's link and recipient
 * tokens, a paid link (control API), Berlin dates around today, and notes that carry the run tag.
 * What the target cannot supply is a reason to skip the example, never a guess.
 */
import { runTag } from '../../core/testing/notes.ts';
import { aCaller, anotherCaller } from '../harness/accounts.ts';
import { api } from '../harness/api.ts';
import { contractContext } from '../harness/context.ts';
import { control } from '../harness/control.ts';
import { berlinToday, shiftDate } from '../harness/fixtures.ts';
import { recordLink, recordSecret } from '../harness/recorder.ts';
import type { Caller } from '../harness/send.ts';
import type { Ground } from './example.ts';
import { checkCap } from './requestCap.ts';

export class NotProvokable extends Error {}

export interface Grounding {
  resolve(value: unknown): Promise<unknown>;
  caller: Caller;
  /** Another account, when the target has one (control API or SECPAID_TOKEN_B). */
  other(): Promise<Caller | undefined>;
}

function isGround(value: unknown): value is Ground {
  return typeof value === 'object' && value !== null && '$ground' in value;
}

/** `text` with the tag in front, in the same number of code points, when it is long enough to hold it. */
export function taggedNote(text: string, tag = runTag()): string {
  const points = [...text];
  const head = [...`${tag} `];
  if (points.length < head.length) return text;
  return [...head, ...points.slice(head.length)].join('');
}

export async function createGrounding(): Promise<Grounding> {
  const context = contractContext();
  const caller = await aCaller();
  const recipientTokens: string[] = [];
  let otherCaller: Caller | undefined | null = null;
  let ownLink: number | undefined;

  const other = async () => {
    if (otherCaller === null) {
      otherCaller = context.control || context.tokens.b ? await anotherCaller() : undefined;
    }
    return otherCaller;
  };
  const newLink = async (as: Caller) => {
    checkCap();
    const link = await api.createLink(as, {
      amount: 10,
      recipient_note: `${runTag()} generated phase set-up`,
    });
    recordLink({ token: as.token, id: link.id, alive: true });
    return link.id;
  };
  const recipientToken = async (index: number) => {
    while (recipientTokens.length <= index) {
      if (context.control) {
        checkCap();
        const tenant = await control().createTenant();
        recordSecret({ token: tenant.token, recipientToken: tenant.recipient_token });
        recipientTokens.push(tenant.recipient_token);
      } else if (context.tokens.recipient && recipientTokens.length === 0) {
        recipientTokens.push(context.tokens.recipient);
      } else {
        throw new NotProvokable(
          `needs ${index + 1} recipient token${index ? 's' : ''} of other accounts (SECPAID_RECIPIENT_TOKEN gives one; more need the control API)`,
        );
      }
    }
    return recipientTokens[index]!;
  };

  async function fill(ground: Ground): Promise<unknown> {
    switch (ground.$ground) {
      case 'ownUnusedLink':
        if (context.readOnly) throw new NotProvokable('read-only run: needs a link of its own to delete');
        return newLink(caller);
      case 'ownLink':
        if (ownLink === undefined && context.readOnly)
          throw new NotProvokable('read-only run: needs a link of its own');
        ownLink ??= await newLink(caller);
        return ownLink;
      case 'otherAccountsLink': {
        const account = await other();
        if (!account) throw new NotProvokable('needs a second account: set SECPAID_TOKEN_B');
        return newLink(account);
      }
      case 'paidLink': {
        if (!context.control) throw new NotProvokable('needs the sandbox control API to pay a link');
        const id = await newLink(caller);
        checkCap();
        await control().payLink(id);
        recordLink({ token: caller.token, id, alive: false });
        return id;
      }
      case 'recipientToken':
        return recipientToken(ground.index);
      case 'ownRecipientToken':
        if (!caller.recipientToken)
          throw new NotProvokable("needs the caller's own recipient token (control API)");
        return caller.recipientToken;
      case 'berlinDay':
        return shiftDate(berlinToday(), ground.offset);
      case 'note':
        return ground.exact ? taggedNote(ground.text) : `${runTag()} ${ground.text}`;
    }
  }

  async function resolve(value: unknown): Promise<unknown> {
    if (isGround(value)) return fill(value);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) out.push(await resolve(item));
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await resolve(item);
      return out;
    }
    return value;
  }

  return { resolve, caller, other };
}
