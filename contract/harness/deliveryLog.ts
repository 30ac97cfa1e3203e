/**
 * What the server says it sent for a link, read from the control API's delivery log
 * (`GET /sandbox/webhooks?link_id=`): the webhooks suite waits for it to have nothing pending, so a
 * notification that was never sent fails at once, and quotes it in the failure. Only ever an early
 * end of a wait: the verdict is what the receiver got.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebhookDelivery } from '../../client/controlClient.ts';
import { control } from './control.ts';

/** How often the log is read while the server still has a delivery of the link pending. */
const logPollMs = 100;

/**
 * The server's delivery log of a link once nothing in it is pending: everything it meant to send has
 * been sent, and a delivered notification has reached the receiver (which keeps a request before it
 * answers). Undefined when `stop` ends it first or the log cannot be read (a control API without
 * it): the wait then runs to what arrives, or to its bound.
 */
export async function deliveriesDone(
  linkId: number,
  stop: AbortSignal,
): Promise<WebhookDelivery[] | undefined> {
  while (!stop.aborted) {
    let log: WebhookDelivery[];
    try {
      log = await control().listWebhooks(linkId);
    } catch {
      return undefined;
    }
    if (!log.some((delivery) => delivery.state === 'pending')) return log;
    await sleep(logPollMs, undefined, { signal: stop }).catch(() => undefined);
  }
  return undefined;
}

/** The delivery log in a message: what the server says it did for the link. */
export function logSummary(linkId: number, log: WebhookDelivery[] | undefined): string {
  if (log === undefined) return '';
  if (log.length === 0) return `; the control API's delivery log lists no delivery for link ${linkId}`;
  const each = log.map((d) => `${d.state} to ${d.url}${d.reason ? ` (${d.reason})` : ''}`);
  return `; the control API's delivery log for link ${linkId}: ${each.slice(0, 4).join(', ')}${log.length > 4 ? ', …' : ''}`;
}
