/**
 * What the run has done to each account it acts for, learnt from the answers themselves: links with
 * their amount, note, fee rate and status (unused, paid, cancelled, deleted), in the order they were
 * made and paid. An account made by the control API during the run is `complete`: the model knows
 * all of its links, so a list of it must match the model exactly. An account from the environment
 * may hold links from before the run: only the run's own links can be checked there.
 */

export type LinkStatus = 'Unused' | 'Used' | 'Cancelled' | 'Deleted';

export interface LinkFact {
  id: number;
  owner: string;
  amountCents: number;
  note: string;
  /** SecPaid's fee in percent as the link's creation answer said it (`"1.5"`). */
  feeRate?: string;
  status: LinkStatus;
  /** Order of creation and of payment within the run. */
  createdSeq: number;
  paidSeq?: number;
  /** When the run paid it (ms since the epoch), for `paid_on`. */
  paidAt?: number;
}

export interface AccountFacts {
  complete: boolean;
  links: Map<number, LinkFact>;
}

export class RunModel {
  private readonly accounts = new Map<string, AccountFacts>();
  private readonly links = new Map<number, LinkFact>();
  private seq = 0;

  /** An account the run made: it starts empty, so every link of it is one the model saw made. */
  freshAccount(token: string): void {
    if (!this.accounts.has(token)) this.accounts.set(token, { complete: true, links: new Map() });
  }

  account(token: string): AccountFacts {
    let account = this.accounts.get(token);
    if (!account) {
      account = { complete: false, links: new Map() };
      this.accounts.set(token, account);
    }
    return account;
  }

  link(id: number): LinkFact | undefined {
    return this.links.get(id);
  }

  created(token: string, fact: Omit<LinkFact, 'owner' | 'status' | 'createdSeq'>): void {
    const link: LinkFact = { ...fact, owner: token, status: 'Unused', createdSeq: ++this.seq };
    this.account(token).links.set(link.id, link);
    this.links.set(link.id, link);
  }

  setStatus(id: number, status: LinkStatus, at?: number): void {
    const link = this.links.get(id);
    if (!link) return;
    link.status = status;
    if (status === 'Used') {
      link.paidSeq = ++this.seq;
      if (at !== undefined) link.paidAt = at;
    }
  }
}
