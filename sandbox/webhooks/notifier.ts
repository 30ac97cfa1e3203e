/**
 * Sends a link's payment notifications when the control API pays or cancels it: plans them
 * (plan.ts), lets the app's `planNotifications` step see the plan, logs one delivery per planned
 * endpoint (deliveryLog.ts) and sends each in the background, so the control answer never waits on
 * a receiver. Policy: an attempt succeeds on a 2xx answer; a failed one is retried `retries` times,
 * retry k (from 0) after `retryDelayMs × 2^k`. A delivery whose URL is not sendable
 * (allowedHost.ts) or whose key cannot encrypt is logged `not_sent` and never touches the network.
 * At most `maxAttemptsInFlight` attempts are under way at once (attemptSlots.ts); the others wait
 * their turn, their deliveries still `pending`. close() cancels every due retry, turns away the
 * attempts waiting for a turn and cuts every attempt under way, so nothing outlives the sandbox.
 */
import { setMaxListeners } from 'node:events';
import { WebhookCryptoError } from '../../core/webhooks/encryption.ts';
import {
  encodeNotification,
  type WebhookEvent,
  type WebhookRequestBody,
} from '../../core/webhooks/notification.ts';
import type { Link } from '../store/links.ts';
import { type OwnAddress, unsendableReason, urlForLog } from './allowedHost.ts';
import { AttemptSlots } from './attemptSlots.ts';
import { type Delivery, DeliveryLog, recordAttempt } from './deliveryLog.ts';
import { type PlanNotifications, type PlannedNotification, planLinkNotifications } from './plan.ts';
import { type SendNotification, type SendOutcome, sendNotification } from './sendNotification.ts';
import type { WebhookSettings } from './settings.ts';

/** Attempts under way at once, across every link: each holds a socket. */
export const maxAttemptsInFlight = 32;

export class Notifier {
  readonly log: DeliveryLog;
  private readonly closing = new AbortController();
  private readonly slots = new AttemptSlots(maxAttemptsInFlight);
  /** Deliveries whose automatic attempt is under way or due: they are `pending`. */
  private readonly automatic = new Set<Delivery>();
  private readonly retryTimers = new Map<Delivery, NodeJS.Timeout>();
  /** Where the sandbox answers (listeningAt): never notified. */
  private own: readonly OwnAddress[] = [];

  constructor(
    readonly settings: WebhookSettings,
    private readonly now: () => number,
    private readonly send: SendNotification = sendNotification,
    log?: DeliveryLog,
  ) {
    this.log = log ?? new DeliveryLog();
    // Every attempt under way listens for close(): more than Node's default of 10 is expected, and
    // maxAttemptsInFlight bounds them (an answered attempt stops listening once its connection ends).
    setMaxListeners(0, this.closing.signal);
  }

  /**
   * The addresses the sandbox answers on, known once it listens (index.ts): a notification to one
   * would call its own control API.
   */
  listeningAt(own: readonly OwnAddress[]): void {
    this.own = own;
  }

  /** Starts the notifications of `link` having been paid or cancelled; answers the new delivery ids. */
  notify(link: Link, event: WebhookEvent, step: PlanNotifications): string[] {
    const plan = planLinkNotifications(link, event);
    const ids: string[] = [];
    for (const target of plan.items) {
      if ('planned' in target) {
        for (const planned of step([target.planned])) ids.push(this.start(link.id, event, planned).id);
        continue;
      }
      const fields = {
        linkId: link.id,
        event,
        url: urlForLog(target.item),
        request: undefined,
        encrypted: plan.encrypted,
      };
      ids.push(this.log.add({ ...fields, state: 'not_sent', reason: target.reason }).id);
    }
    return ids;
  }

  /** Sends `delivery` once more, now, and waits for the outcome; a success cancels a due retry. */
  async redeliver(delivery: Delivery): Promise<void> {
    if (delivery.state === 'not_sent')
      throw new Error(`${delivery.id} was never sendable: ${delivery.reason}`);
    if (await this.attempt(delivery, true)) this.stopRetrying(delivery);
    this.settleState(delivery);
  }

  close(): void {
    this.closing.abort();
    this.slots.close();
    for (const delivery of [...this.retryTimers.keys()]) {
      this.stopRetrying(delivery);
      this.settleState(delivery);
    }
  }

  private start(linkId: number, event: WebhookEvent, planned: PlannedNotification): Delivery {
    const encrypted = planned.encryptionKey !== undefined;
    let request: WebhookRequestBody;
    try {
      request = encodeNotification(planned.notification, {
        format: planned.format,
        encryptionKey: planned.encryptionKey,
      });
    } catch (error) {
      if (!(error instanceof WebhookCryptoError)) throw error;
      const reason = `the encryption key cannot encrypt: ${error.message}`;
      return this.log.add({
        linkId,
        event,
        url: urlForLog(planned.url),
        request: undefined,
        encrypted,
        state: 'not_sent',
        reason,
      });
    }
    const reason = unsendableReason(planned.url, this.settings.allowHosts, this.own);
    const state = reason ? 'not_sent' : 'pending';
    // Only a URL without credentials is sent (unsendableReason), so the log's copy is the one sent.
    const url = urlForLog(planned.url);
    const delivery = this.log.add({ linkId, event, url, request, encrypted, state, reason });
    if (!reason) this.runAutomatic(delivery, 0);
    return delivery;
  }

  /** The automatic attempt after `made` earlier ones, then a retry if it failed and one is left. */
  private runAutomatic(delivery: Delivery, made: number): void {
    this.automatic.add(delivery);
    void this.attempt(delivery, false).then((ok) => {
      const done = ok || delivery.state === 'delivered' || made >= this.settings.retries;
      if (done || this.closing.signal.aborted) {
        this.automatic.delete(delivery);
        this.settleState(delivery);
        return;
      }
      const timer = setTimeout(
        () => {
          this.retryTimers.delete(delivery);
          this.runAutomatic(delivery, made + 1);
        },
        this.settings.retryDelayMs * 2 ** made,
      );
      this.retryTimers.set(delivery, timer);
    });
  }

  /**
   * One send once a slot is free, recorded; true when it was answered 2xx. Never rejects. Turned
   * away by close() while waiting, it records nothing: it was never sent.
   */
  private async attempt(delivery: Delivery, redelivery: boolean): Promise<boolean> {
    if (!(await this.slots.take())) return false;
    const attempt = ++delivery.started;
    const at = this.now();
    let outcome: SendOutcome;
    try {
      // Only a sendable delivery (not `not_sent`) is attempted, and it has its request.
      outcome = await this.send(delivery.url, delivery.request!, {
        timeoutMs: this.settings.timeoutMs,
        signal: this.closing.signal,
      });
    } catch (error) {
      outcome = { status: undefined, latencyMs: 0, error: `the send failed: ${(error as Error).message}` };
    } finally {
      this.slots.release();
    }
    const { status, latencyMs, error } = outcome;
    recordAttempt(delivery, { attempt, at, status, latencyMs, error, redelivery });
    const ok = status !== undefined && status >= 200 && status < 300;
    if (ok) delivery.state = 'delivered';
    return ok;
  }

  private stopRetrying(delivery: Delivery): void {
    clearTimeout(this.retryTimers.get(delivery));
    this.retryTimers.delete(delivery);
    this.automatic.delete(delivery);
  }

  /**
   * Delivered once any attempt was answered 2xx; else pending while an automatic one is due, else
   * failed, with how its last attempt went as the reason.
   */
  private settleState(delivery: Delivery): void {
    if (delivery.state === 'not_sent') return;
    if (delivery.state !== 'delivered') delivery.state = this.automatic.has(delivery) ? 'pending' : 'failed';
    delivery.reason = delivery.state === 'failed' ? failureSummary(delivery) : undefined;
  }
}

/** `4 attempts, the last answered 500`, `1 attempt, the last had no answer: timed out…`. */
function failureSummary(delivery: Delivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return 'never attempted: the sandbox closed first';
  const count = delivery.started === 1 ? '1 attempt' : `${delivery.started} attempts`;
  if (last.status === undefined) return `${count}, the last had no answer: ${last.error}`;
  const redirect = last.error === undefined ? '' : ` (${last.error})`;
  return `${count}, the last answered ${last.status}${redirect}`;
}
