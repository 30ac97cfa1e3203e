/**
 * How each mode of the catalogue (modes.ts) changes the faithful app, and nothing else: a rewrite of
 * answers, a step of the request swapped (reading, auth, a handler, the notifications planned), a
 * store wrapped, or the whole HTTP handler wrapped. The faithful app knows none of this; brokenApp.ts puts the pieces together.
 */
import type { AppParts } from '../app.ts';
import { handlers } from '../handlers/index.ts';
import type { SandboxState } from '../state.ts';
import * as answers from './answers.ts';
import * as auth from './authentication.ts';
import * as handler from './handlers.ts';
import type { BrokenMode } from './modes.ts';
import * as notifications from './notifications.ts';
import * as requests from './requests.ts';
import * as http from './requestWrappers.ts';
import * as stores from './storeWrappers.ts';

export interface BrokenOverrides {
  /** Steps of the app swapped for broken ones. */
  parts?: Partial<AppParts>;
  /** Changes the stores once, before the first request. */
  state?: (state: SandboxState) => void;
  /** Wraps the whole HTTP handler. */
  http?: http.WrapHttp;
}

const rewrite = (rewriteAnswer: answers.RewriteAnswer): BrokenOverrides => ({ parts: { rewriteAnswer } });
const read = (readRequest: AppParts['readRequest']): BrokenOverrides => ({ parts: { readRequest } });
const authenticate = (by: AppParts['authenticate']): BrokenOverrides => ({ parts: { authenticate: by } });
const notify = (planNotifications: AppParts['planNotifications']): BrokenOverrides => ({
  parts: { planNotifications },
});
const handle = (replaced: Partial<AppParts['handlers']>): BrokenOverrides => ({
  parts: { handlers: { ...handlers, ...replaced } },
});

export const brokenOverrides: Record<BrokenMode, BrokenOverrides> = {
  'status-201-on-success': rewrite(answers.status201OnSuccess),
  'missing-server-time': rewrite(answers.withoutServerTime),
  'amount-as-number': rewrite(answers.amountAsNumber),
  'result-true-on-error': rewrite(answers.resultTrueOnError),
  'auth-ignored': authenticate(auth.servedAsOldest),
  'unknown-key-401': authenticate(auth.unknownKeyUnauthorized),
  'suspended-allowed': authenticate(auth.suspendedServed),
  'delete-noop': handle({ deleteLink: handler.deleteNothing }),
  'limit-ignored': read(requests.limitIgnored),
  'search-ignored': read(requests.searchIgnored),
  'tenant-leak': handle({ getMyUnusedLinks: handler.everyonesUnusedLinks }),
  'cross-tenant-delete': handle({ deleteLink: handler.deleteAsOwner }),
  'used-link-deletable': handle({ deleteLink: handler.deleteUsedToo }),
  'validation-off': read(requests.amountUnchecked),
  'crash-on-bad-json': read(requests.crashOnBadJson),
  'pay-link-wrong-id': rewrite(answers.payLinkWrongId),
  'payout-off-by-cent': rewrite(answers.payoutOffByCent),
  'note-truncated': read(requests.noteCutTo20),
  'wrong-content-type': { http: http.labelledTextPlain },
  'split-shares-unchecked': handle({ createSplitLink: handler.sharesUnchecked }),
  'paid-link-still-unused': { state: stores.paidLinksStayUnused },
  'retry-after-missing': rewrite(answers.withoutRetryAfter),
  'key-case-insensitive': { http: http.lenientKeys(http.ignoringCase) },
  'key-prefix-match': { http: http.lenientKeys(http.onFirst16Characters) },
  'key-bearer-accepted': { http: http.lenientKeys(http.strippingBearer) },
  'form-charset-refused': { http: http.charsetParameterRefused },
  'note-bytes-limit': read(requests.noteBytesLimit),
  'amount-max-exclusive': read(requests.amountMaxExclusive),
  'server-time-inverted': rewrite(answers.serverTimeInverted),
  'created-at-utc': rewrite(answers.createdAtUtc),
  'unused-list-cached': { state: stores.cacheUnusedLists },
  'payin-fee-2-percent': rewrite(answers.payInFeeTwoPercent),
  'drift-field': rewrite(answers.driftField),
  'webhook-missing': notify(notifications.noneOnPay),
  'webhook-twice': notify(notifications.everyOneTwice),
  'webhook-wrong-amount': notify(notifications.netOfServiceFee),
  'webhook-unencrypted': notify(notifications.neverEncrypted),
};
