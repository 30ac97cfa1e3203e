/**
 * The log of notification deliveries the control API shows (`GET /sandbox/webhooks`): one entry per
 * notification to one endpoint, ids `wh_1`, `wh_2`… in order. Bounded, as everything a sandbox keeps
 * on behalf of callers must be: past `maxDeliveries` the oldest entry goes, and a delivery keeps its
 * newest `maxAttemptsKept` attempts (redeliveries have no other limit).
 */
import type { WebhookEvent, WebhookRequestBody } from '../../core/webhooks/notification.ts';

type DeliveryState = 'pending' | 'delivered' | 'failed' | 'not_sent';

interface DeliveryAttempt {
  /** 1 for the first send; counts on across retries and redeliveries, dropped ones included. */
  attempt: number;
  /** When it was sent, on the sandbox's clock (epoch ms). */
  at: number;
  /** The endpoint's HTTP status; undefined when no answer came. */
  status: number | undefined;
  latencyMs: number;
  error: string | undefined;
  redelivery: boolean;
}

export interface Delivery {
  id: string;
  linkId: number;
  event: WebhookEvent;
  url: string;
  /** What is sent (or would have been); undefined when nothing could be encoded. */
  request: WebhookRequestBody | undefined;
  encrypted: boolean;
  state: DeliveryState;
  /** Why a `not_sent` delivery was never sent. */
  reason: string | undefined;
  attempts: DeliveryAttempt[];
  /** Attempts started so far: the next attempt's number is this + 1. */
  started: number;
}

export type NewDelivery = Pick<
  Delivery,
  'linkId' | 'event' | 'url' | 'request' | 'encrypted' | 'state' | 'reason'
>;

const defaultMaxDeliveries = 5_000;
export const maxAttemptsKept = 50;

export class DeliveryLog {
  private readonly byId = new Map<string, Delivery>();
  private lastId = 0;

  constructor(private readonly maxDeliveries = defaultMaxDeliveries) {}

  add(fields: NewDelivery): Delivery {
    const delivery: Delivery = { ...fields, id: `wh_${++this.lastId}`, attempts: [], started: 0 };
    this.byId.set(delivery.id, delivery);
    // A Map iterates in insertion order: its first key is the oldest entry.
    if (this.byId.size > this.maxDeliveries) this.byId.delete(this.byId.keys().next().value!);
    return delivery;
  }

  get(id: string): Delivery | undefined {
    return this.byId.get(id);
  }

  /** Oldest first; only `linkId`'s when given. */
  list(linkId?: number): Delivery[] {
    const all = [...this.byId.values()];
    return linkId === undefined ? all : all.filter((d) => d.linkId === linkId);
  }
}

/** Records an attempt that just ended, keeping the newest `maxAttemptsKept`. */
export function recordAttempt(delivery: Delivery, attempt: DeliveryAttempt): void {
  delivery.attempts.push(attempt);
  if (delivery.attempts.length > maxAttemptsKept) delivery.attempts.shift();
}
