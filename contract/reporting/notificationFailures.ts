/**
 * The webhooks suite's failures in the report model, with the same evidence as an operation's: each
 * notification not as expected is a failure of the `webhooks` row, its checks located in the spec's
 * `webhooks:` section (the request schema of the media type it came as), its exchange the
 * notification as the receiver got it (method, URL, headers, body; replayed by the steps that make
 * the server send it, notificationReplay.ts) or, when nothing arrived, the request that set the link
 * up. A test that failed without a failed notification or answer of its
 * own becomes a failure of its assertion, marked not checked when it never judged a notification.
 */

import { webhooksSuite } from '../suites/suiteIds.ts';
import { type Call, prerequisiteFailure, testKey } from './coverageCell.ts';
import type { FailedCheck } from './findings.ts';
import type { Observation } from './observations.ts';
import type { ExchangeEvidence, FailureEvidence } from './reportModel.ts';
import { locateNotification } from './specLocation.ts';

export interface FailureBuilding {
  /** A failure id unique in the report, as close to `wanted` as it can be. */
  uniqueId: (wanted: string) => string;
  /** The exchange's evidence, while the report's budget for bodies lasts. */
  evidenceOf: (exchangeId: string | undefined) => ExchangeEvidence | undefined;
  calls: Map<string, Call[]>;
  /** Where each failed check goes for the findings. */
  failedChecks: FailedCheck[];
  /** The check a failed assertion is reported as. */
  assertionCheck: string;
}

export function notificationFailures(
  observations: readonly Observation[],
  b: FailureBuilding,
): FailureEvidence[] {
  const failures: FailureEvidence[] = [];
  for (const o of observations) {
    if (o.kind !== 'notification' || o.failures.length === 0) continue;
    const id = b.uniqueId(o.exchangeId ?? `notification-${failures.length + 1}`);
    const checks = o.failures.map((f) => {
      if (!f.rollup)
        b.failedChecks.push({ failureId: id, operationId: webhooksSuite, status: undefined, failure: f });
      return { check: f.check, message: f.message, ...locateNotification(o.mediaType, f.schemaPath) };
    });
    const exchange = b.evidenceOf(o.exchangeId);
    failures.push({
      id,
      operationId: webhooksSuite,
      notificationCell: o.cell,
      suite: webhooksSuite,
      test: o.test,
      checks,
      ...(exchange ? { exchange } : {}),
      findings: [],
    });
  }
  for (const o of observations) {
    if (o.kind !== 'notificationTestFailed') continue;
    const made = b.calls.get(testKey(webhooksSuite, o.test)) ?? [];
    // A failed notification, or a failed answer while making the link, is on record already.
    if (made.some((m) => m.failed)) continue;
    const id = b.uniqueId(`test-${o.cell}`);
    const message = o.detail ?? o.message;
    b.failedChecks.push({
      failureId: id,
      operationId: webhooksSuite,
      status: undefined,
      failure: { check: b.assertionCheck, message: message.split('\n')[0] ?? message },
    });
    const exchange = b.evidenceOf(o.exchangeId);
    const prerequisite = prerequisiteFailure({ operationId: webhooksSuite, test: o.test }, b.calls);
    failures.push({
      id,
      operationId: webhooksSuite,
      notificationCell: o.cell,
      suite: webhooksSuite,
      test: o.test,
      checks: [{ check: b.assertionCheck, message, ...locateNotification(undefined, undefined) }],
      ...(exchange ? { exchange } : {}),
      ...(prerequisite ? { prerequisiteOf: webhooksSuite } : {}),
      findings: [],
    });
  }
  return failures;
}
