/**
 * The deliberately broken sandboxes the suite must catch (sandbox/broken/modes.ts implements them),
 * each with the suites that must fail on it: running only those keeps the self-test fast. When a
 * real bug slips past the suite, add its mode here (and to the sandbox), then make the suite catch it.
 * `drift-field` is the negative control: an undocumented extra field must pass, listed as drift.
 */
import type { OperationId } from '../../core/spec.ts';

export interface FaultMode {
  name: string;
  breaks: string;
  suites: OperationId[];
  /** What the run must do: fail, or pass while reporting this drift path of createLink 200. */
  expect: { fail: true } | { fail: false; driftPath: string };
  /**
   * Bugs no hand-written test names. `generated`: the generated phase alone must catch it, and the
   * hand-written suites alone must not (so the phase is what finds it). `clockConformance` or
   * `stateOracle`: that check, which every answer of the suites passes through, must report it.
   */
  caughtBy?: 'generated' | 'clockConformance' | 'stateOracle';
}

const fails = { fail: true } as const;

export const faultModes: FaultMode[] = [
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
    breaks: 'error bodies say ResponseCode 1 / Result "True"',
    suites: ['getMyUsedLinks'],
    expect: fails,
  },
  {
    name: 'auth-ignored',
    breaks: 'a missing or malformed token is served as some tenant',
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
    breaks: 'deleteLink answers 200 but deletes nothing',
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
    breaks: 'a malformed JSON body answers 500',
    suites: ['createLink'],
    expect: fails,
  },
  { name: 'pay-link-wrong-id', breaks: 'pay_link encodes id + 1', suites: ['createLink'], expect: fails },
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
    breaks: 'normal shares over 100 % are accepted',
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
    breaks: 'an API key in another letter case is accepted',
    suites: ['getMyUnusedLinks'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'key-prefix-match',
    breaks: 'a prefix or an extension of an API key is accepted',
    suites: ['getPayOutTransactions'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'key-bearer-accepted',
    breaks: 'an API key with a Bearer prefix is accepted',
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
    breaks: 'a 500-character note is refused when it is over 500 bytes',
    suites: ['createLink'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'amount-max-exclusive',
    breaks: 'the maximum amount itself is refused',
    suites: ['createSplitLink'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'server-time-inverted',
    breaks: 'ServerTime names the other half of the year',
    suites: ['getPayInTransactions'],
    expect: fails,
    caughtBy: 'clockConformance',
  },
  {
    name: 'created-at-utc',
    breaks: 'created_at of a new link is written in UTC',
    suites: ['createLink'],
    expect: fails,
    caughtBy: 'clockConformance',
  },
  {
    name: 'unused-list-cached',
    breaks: 'the unused list is served from a cache a delete does not clear',
    suites: ['getMyUnusedLinks'],
    expect: fails,
    caughtBy: 'generated',
  },
  {
    name: 'payin-fee-2-percent',
    breaks: "pay-ins charge 2 % instead of the link's 1.5 %",
    suites: ['getPayInTransactions'],
    expect: fails,
    caughtBy: 'stateOracle',
  },
  {
    name: 'drift-field',
    breaks: 'createLink data carries an undocumented x_debug (negative control: drift, not failure)',
    suites: ['createLink'],
    expect: { fail: false, driftPath: 'data.x_debug' },
  },
];
