/**
 * Deliberately broken variants of the sandbox. The contract self-test runs the suite against each
 * and requires it to fail (all but `drift-field`, the negative control, which must pass and be
 * reported as drift). Each mode is honoured at exactly one place in the sandbox, named here.
 */

export const brokenModes = {
  'status-201-on-success': 'createLink success answered with HTTP 201 (broken/rewriteResponse.ts)',
  'missing-server-time': 'success envelopes lack ServerTime (broken/rewriteResponse.ts)',
  'amount-as-number': 'createLink data.amount is a JSON number (broken/rewriteResponse.ts)',
  'result-true-on-error': 'error bodies say ResponseCode 1 and Result "True" (broken/rewriteResponse.ts)',
  'auth-ignored': 'a missing or malformed token is served as the oldest tenant (auth.ts)',
  'unknown-key-401': 'a well-formed unknown key is answered 401, not 201 (auth.ts)',
  'suspended-allowed': 'suspended accounts are served normally (auth.ts)',
  'delete-noop': 'deleteLink answers 200 and deletes nothing (handlers/deleteLink.ts)',
  'limit-ignored': 'the link lists ignore limit (handlers/linkLists.ts)',
  'search-ignored': 'the lists ignore search (handlers/linkLists.ts, handlers/getPayInTransactions.ts)',
  'tenant-leak': "getMyUnusedLinks lists every tenant's links (handlers/linkLists.ts)",
  'cross-tenant-delete': "deleting another tenant's link succeeds (handlers/deleteLink.ts)",
  'used-link-deletable': 'deleting a paid link succeeds (handlers/deleteLink.ts)',
  'validation-off': 'createLink accepts amount 0 and negative amounts (http/readRequest.ts)',
  'crash-on-bad-json': 'a malformed JSON body crashes the handler: 500 (http/readRequest.ts)',
  'pay-link-wrong-id': 'pay_link encodes the id + 1 (render.ts)',
  'payout-off-by-cent': 'payout net_amount is one cent short (render.ts)',
  'note-truncated': 'recipient_note is cut to 20 characters (handlers/createLink.ts)',
  'wrong-content-type': 'responses say text/plain (http/respond.ts)',
  'split-shares-unchecked':
    'normal shares adding up to more than 100 % are accepted (handlers/createSplitLink.ts)',
  'paid-link-still-unused': 'a paid link stays unused and never shows as used (domain/payments.ts)',
  'retry-after-missing': 'a 429 answer lacks its Retry-After header (app.ts)',
  'key-case-insensitive': 'an API key is matched ignoring letter case (broken/requestWrappers.ts)',
  'key-prefix-match': 'an API key is matched on its first 16 characters (broken/requestWrappers.ts)',
  'key-bearer-accepted': 'a `Bearer ` prefix before the key is stripped (broken/requestWrappers.ts)',
  'form-charset-refused':
    'a Content-Type with parameters (`; charset=UTF-8`) is refused (broken/requestWrappers.ts)',
  'note-bytes-limit': 'recipient_note is limited to 500 bytes, not characters (broken/requestRules.ts)',
  'amount-max-exclusive': 'the maximum amount 999999.99 itself is refused (broken/requestRules.ts)',
  'server-time-inverted': 'ServerTime says CEST in winter and CET in summer (broken/rewriteResponse.ts)',
  'created-at-utc': 'created_at of a new link is UTC, not Berlin time (broken/rewriteResponse.ts)',
  'unused-list-cached':
    'the unused list is cached until the owner creates a link: deleted links stay listed (broken/storeWrappers.ts)',
  'payin-fee-2-percent':
    "pay-ins charge 2 % instead of the link's 1.5 %, net amount to match (broken/rewriteResponse.ts)",
  'drift-field':
    'createLink data carries an undocumented field x_debug: drift, not a failure (broken/rewriteResponse.ts)',
} as const;

export type BrokenMode = keyof typeof brokenModes;

export function isBrokenMode(name: string): name is BrokenMode {
  return Object.hasOwn(brokenModes, name);
}
