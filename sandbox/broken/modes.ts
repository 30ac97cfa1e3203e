/**
 * The catalogue of deliberately broken sandboxes: each mode is one realistic bug, the suites that
 * must catch it, and how. The contract self-test (contract/selftest/faultModes.test.ts) runs those
 * suites against each mode and requires them to fail, all but `drift-field`, the negative control,
 * which must pass and be reported as drift. overrides.ts says how each mode changes the faithful app.
 * When a real bug slips past the suite, add its mode here and in overrides.ts, then make the suite
 * catch it.
 */
import type { OperationId } from '../../core/spec.ts';

export interface BrokenModeEntry {
  name: string;
  /** What the variant gets wrong, as a bug report would say it. */
  breaks: string;
  /**
   * The suites that must catch it (an operation's, or `webhooks`, which checks the payment
   * notifications); the self-test runs only these, which keeps it fast.
   */
  suites: readonly (OperationId | 'webhooks')[];
  /** What the run must do: fail, or pass while reporting this drift path of createLink 200. */
  expect: { fail: true } | { fail: false; driftPath: string };
  /**
   * Bugs no hand-written test names. `generated`: the generated phase alone must catch it, and the
   * hand-written suites alone must not (so the phase is what finds it). `clockConformance` or
   * `stateOracle`: that check, which every answer of the suites passes through, must report it.
   * A `notification…` check: the webhooks suite must fail on that check of a notification.
   */
  caughtBy?:
    | 'generated'
    | 'clockConformance'
    | 'stateOracle'
    | 'notificationCount'
    | 'notificationAmount'
    | 'notificationEncrypted';
}

const fails = { fail: true } as const;

const catalogue = [
  {
    name: 'status-201-on-success',
    breaks: 'createLink success answered with HTTP 201',
    suites: ['createLink'],
    expect: fails,
  },
  {
    name: 'missing-server-time',
    breaks: 'success envelopes lack ServerTime',
    suites: ['getMyUnusedLinks'],
    expect: fails,
  },
  {
    name: 'amount-as-number',
    breaks: 'createLink data.amount is a JSON number',
    suites: ['createLink'],
    expect: fails,
  },
  {
    name: 'result-true-on-error',
    breaks: 'error bodies say ResponseCode 1 and Result "True"',
    suites: ['getMyUsedLinks'],
    expect: fails,
  },
  {
    name: 'auth-ignored',
    breaks: 'a missing or malformed token is served as the oldest tenant',
    suites: ['getMyUnusedLinks'],
    expect: fails,
  },
  {
    name: 'unknown-key-401',
    breaks: 'a well-formed unknown key is answered 401, not 201',
    suites: ['deleteLink'],
    expect: fails,
  },
  {
    name: 'suspended-allowed',
    breaks: 'suspended accounts are served normally',
    suites: ['getPayOutTransactions'],
    expect: fails,
  },
  {
    name: 'delete-noop',
    breaks: 'deleteLink answers 200 and deletes nothing',
    suites: ['deleteLink'],
    expect: fails,
  },
  {
    name: 'limit-ignored',
    breaks: 'the link lists ignore limit',
    suites: ['getMyUnusedLinks', 'getMyUsedLinks'],
    expect: fails,
  },
  {
    name: 'search-ignored',
    breaks: 'the lists ignore search',
    suites: ['getMyUnusedLinks', 'getPayInTransactions'],
    expect: fails,
  },
  {
    name: 'tenant-leak',
    breaks: "getMyUnusedLinks lists every tenant's links",
    suites: ['getMyUnusedLinks'],
    expect: fails,
  },
  {
    name: 'cross-tenant-delete',
    breaks: "deleting another tenant's link succeeds",
    suites: ['deleteLink'],
    expect: fails,
  },
  {
    name: 'used-link-deletable',
    breaks: 'deleting a paid link succeeds',
    suites: ['deleteLink'],
    expect: fails,
  },
  {
    name: 'validation-off',
    breaks: 'createLink accepts amount 0 and negative amounts',
    suites: ['createLink'],
    expect: fails,
  },
  {
    name: 'crash-on-bad-json',
    breaks: 'a malformed JSON body crashes the handler: 500',
    suites: ['createLink'],
    expect: fails,
  },
  { name: 'pay-link-wrong-id', breaks: 'pay_link encodes the id + 1', suites: ['createLink'], expect: fails },
  {
    name: 'payout-off-by-cent',
    breaks: 'payout net_amount is one cent short',
    suites: ['getPayOutTransactions'],
    expect: fails,
  },
  {
    name: 'note-truncated',
    breaks: 'recipient_note is cut to 20 characters',
    suites: ['createLink'],
    expect: fails,
  },
  { name: 'wrong-content-type', breaks: 'responses say text/plain', suites: ['deleteLink'], expect: fails },
  {
    name: 'split-shares-unchecked',
    breaks: 'normal shares adding up to more than 100 % are accepted',
    suites: ['createSplitLink'],
    expect: fails,
  },
  {
    name: 'paid-link-still-unused',
    breaks: 'a paid link stays in the unused list and never shows as used',
    suites: ['getMyUsedLinks', 'getMyUnusedLinks'],
    expect: fails,
  },
  {
    name: 'retry-after-missing',
    breaks: 'a 429 answer lacks its Retry-After header',
    suites: ['getMyUnusedLinks'],
    expect: fails,
  },
  {
    name: 'key-case-insensitive',
    breaks: 'an API key is matched ignoring letter case',
    suites: ['getMyUnusedLinks'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'key-prefix-match',
    breaks: 'an API key is matched on its first 16 characters',
    suites: ['getPayOutTransactions'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'key-bearer-accepted',
    breaks: 'a `Bearer ` prefix before the key is stripped',
    suites: ['deleteLink'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'form-charset-refused',
    breaks: 'a valid body is refused when its Content-Type says ; charset=UTF-8',
    suites: ['getMyUsedLinks'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'note-bytes-limit',
    breaks: 'recipient_note is limited to 500 bytes, not characters',
    suites: ['createLink'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'amount-max-exclusive',
    breaks: 'the maximum amount 999999.99 itself is refused',
    suites: ['createSplitLink'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'server-time-inverted',
    breaks: 'ServerTime says CEST in winter and CET in summer',
    suites: ['getPayInTransactions'],
    expect: fails,
    caughtBy: 'clockConformance',
  },
  {
    name: 'created-at-utc',
    breaks: 'created_at of a new link is UTC, not Berlin time',
    suites: ['createLink'],
    expect: fails,
    caughtBy: 'clockConformance',
  },
  {
    name: 'unused-list-cached',
    breaks: 'the unused list is cached until the owner creates a link: deleted links stay listed',
    suites: ['getMyUnusedLinks'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'payin-fee-2-percent',
    breaks: "pay-ins charge 2 % instead of the link's 1.5 %, net amount to match",
    suites: ['getPayInTransactions'],
    expect: fails,
    caughtBy: 'stateOracle',
  },
  {
    name: 'webhook-missing',
    breaks: 'paying a link sends no payment notification (cancelling still does)',
    suites: ['webhooks'],
    expect: fails,
    caughtBy: 'notificationCount',
  },
  {
    name: 'webhook-twice',
    breaks: 'every payment notification is sent twice',
    suites: ['webhooks'],
    expect: fails,
    caughtBy: 'notificationCount',
  },
  {
    name: 'webhook-wrong-amount',
    breaks: "the payment notification's amount is the link's amount minus the service fee",
    suites: ['webhooks'],
    expect: fails,
    caughtBy: 'notificationAmount',
  },
  {
    name: 'webhook-unencrypted',
    breaks: 'a link that asks for encryption is notified in plain text',
    suites: ['webhooks'],
    expect: fails,
    caughtBy: 'notificationEncrypted',
  },
  {
    name: 'drift-field',
    breaks: 'createLink data carries an undocumented field x_debug (negative control: drift, not failure)',
    suites: ['createLink'],
    expect: { fail: false, driftPath: 'data.x_debug' },
  },
] as const satisfies readonly BrokenModeEntry[];

export type BrokenMode = (typeof catalogue)[number]['name'];

export const brokenModes: readonly (BrokenModeEntry & { name: BrokenMode })[] = catalogue;

export function isBrokenMode(name: string): name is BrokenMode {
  return brokenModes.some((mode) => mode.name === name);
}
