/**
 * What the server says it sent for a link, read from the control API's delivery log
 * (`GET /sandbox/webhooks?link_id=`). Where it can be read it is the deterministic signal of the
 * webhooks suite: a wait ends when the log has nothing pending for the link (everything the server
 * meant to send has been sent, and a delivered notification has reached the receiver, which keeps a
 * request before it answers), and only then are arrivals counted. It also tells a retry from a
 * duplicate: an attempt that got no answer (a timeout on a stalled machine) may have reached the
 * receiver, so the one after it is the same notification sent again, not a second one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookDelivery } from '../../client/controlClient.ts';
import { control } from './control.ts';

/** How often the log is read while the server still has a delivery of the link pending. */
const logPollMs = 100;

/** The log of one link, and whether it still had a delivery pending when the wait for it ended. */
export interface LinkLog {
  deliveries: WebhookDelivery[];
  pending: boolean;
}

/**
 * The server's delivery log of a link once nothing in it is pending, or as it last stood when `stop`
 * ended the wait (`pending: true`). Undefined when the log cannot be read (a control API without
 * it): the caller then goes by what arrives, within its bound.
 */
export async function deliveriesDone(linkId: number, stop: AbortSignal): Promise<LinkLog | undefined> {
  let deliveries: WebhookDelivery[];
  for (;;) {
    try {
      deliveries = await control().listWebhooks(linkId);
    } catch {
      return undefined;
    }
    const pending = deliveries.some((delivery) => delivery.state === 'pending');
    if (!pending || stop.aborted) return { deliveries, pending };
    await sleep(logPollMs, undefined, { signal: stop }).catch(() => undefined);
  }
}

/**
 * Arrivals on `url` the log accounts for beyond one per delivery: every attempt that failed (no
 * answer, a timeout on a stalled machine, or a non-2xx one) may have reached the receiver, and the
 * attempt after it sends the same notification again. At most all attempts of a delivery but one.
 */
export function resentAfterFailure(log: LinkLog | undefined, url: string): number {
  if (!log) return 0;
  let count = 0;
  for (const delivery of log.deliveries) {
    if (delivery.url !== url) continue;
    const failed = delivery.attempts.filter(
      (attempt) => attempt.status === undefined || attempt.status < 200 || attempt.status > 299,
    ).length;
    count += Math.max(0, Math.min(failed, delivery.attempts.length - 1));
  }
  return count;
}

/** The delivery log in a message: what the server says it did for the link. */
export function logSummary(linkId: number, log: LinkLog | undefined): string {
  if (log === undefined) return '';
  const { deliveries } = log;
  if (deliveries.length === 0) return `; the control API's delivery log lists no delivery for link ${linkId}`;
  const each = deliveries.map((d) => `${d.state} to ${d.url}${d.reason ? ` (${d.reason})` : ''}`);
  return `; the control API's delivery log for link ${linkId}: ${each.slice(0, 4).join(', ')}${deliveries.length > 4 ? ', …' : ''}`;
}
