/**
 * The payment notification SecPaid POSTs to a link's `payment_endpoint` (spec `webhooks:`
 * paymentNotification; spec/DECISIONS.md D-WEBHOOK), written in each encoding the docs describe.
 * The sandbox sends it, the receiver tester (`npm run webhooks`) sends every variant of it, and the
 * contract suite reads what a server sent (readNotification.ts). One home, so all three agree.
 */

import { formText } from '../formBody.ts';
import { type Cents, centsToNumber, formatCents } from '../money.ts';
import { encryptNotificationText } from './encryption.ts';

/** What happened to the link: paid by the customer, or cancelled by them. */
export type WebhookEvent = 'paid' | 'cancelled';

export const webhookEvents: readonly WebhookEvent[] = ['paid', 'cancelled'];

/** `data.status` of each event: lowercase, as the how-to, the callback and SecPaid's plugin spell it. */
export const notificationStatus: Record<WebhookEvent, 'success' | 'cancel'> = {
  paid: 'success',
  cancelled: 'cancel',
};

/**
 * How the notification travels:
 * - `form`: `application/x-www-form-urlencoded` with `data[pay_id]`-style keys, what SecPaid's own
 *   WooCommerce plugin parses (§13); the spec's plain encoding and the sandbox's default;
 * - `json`: `application/json` with a nested `data` object (concepts/payment-endpoint);
 * - `json-bracketed`: the how-to's literal example, a JSON object whose keys are `data[pay_id]`…
 *   (and `data[Status]` on cancel). The spec reads it as the form body written out as JSON, so no
 *   server should send it; a receiver should still tolerate it, so the receiver tester sends it.
 */
export type NotificationFormat = 'form' | 'json' | 'json-bracketed';

export interface PaymentNotification {
  event: WebhookEvent;
  /** The link's id (`pay_id` in the notification, `id` in createLink's answer). */
  payId: number;
  /** The link owner's user_id. */
  userId: string;
  amountCents: Cents;
  /** The link's recipient_note ("" when it has none). */
  note: string;
}

/** The notification as one object, `{ ResponseCode: 1, data: {...} }`: the JSON body, and the plaintext that encryption encrypts. */
export function notificationObject(n: PaymentNotification) {
  return {
    ResponseCode: 1 as const,
    data: {
      pay_id: n.payId,
      note: n.note,
      amount: centsToNumber(n.amountCents),
      user_id: n.userId,
      status: notificationStatus[n.event],
    },
  };
}

/** The form fields, in the order the how-to lists them (note added, as concepts lists it). */
export function notificationFormFields(n: PaymentNotification): [string, string][] {
  return [
    ['ResponseCode', '1'],
    ['data[pay_id]', String(n.payId)],
    ['data[note]', n.note],
    ['data[amount]', formatCents(n.amountCents)],
    ['data[user_id]', n.userId],
    ['data[status]', notificationStatus[n.event]],
  ];
}

function bracketedObject(n: PaymentNotification): Record<string, unknown> {
  // The how-to's cancel example spells the key `data[Status]`; it is kept, as written, on purpose.
  const statusKey = n.event === 'cancelled' ? 'data[Status]' : 'data[status]';
  return {
    ResponseCode: 1,
    'data[pay_id]': n.payId,
    'data[amount]': centsToNumber(n.amountCents),
    'data[user_id]': n.userId,
    [statusKey]: notificationStatus[n.event],
  };
}

export interface WebhookRequestBody {
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  body: string;
}

/** What a notification carries besides its body and Content-Type (spec/DECISIONS.md D-WEBHOOK). */
export const notificationHeaders = {
  Accept: 'application/json',
  'User-Agent': 'SecPaid-Sandbox-Webhooks/1',
} as const;

export const formContentType = 'application/x-www-form-urlencoded';
export const jsonContentType = 'application/json';

/**
 * The body of one notification. With `encryptionKey`, the body is `{"data":"<base64>"}` whatever the
 * format: the docs encrypt the JSON of the whole notification object (§7), never a form.
 */
export function encodeNotification(
  n: PaymentNotification,
  how: { format: NotificationFormat; encryptionKey?: string | undefined },
): WebhookRequestBody {
  if (how.encryptionKey !== undefined) {
    const data = encryptNotificationText(JSON.stringify(notificationObject(n)), how.encryptionKey);
    return { contentType: jsonContentType, body: JSON.stringify({ data }) };
  }
  switch (how.format) {
    case 'form':
      return { contentType: formContentType, body: formText(notificationFormFields(n)) };
    case 'json':
      return { contentType: jsonContentType, body: JSON.stringify(notificationObject(n)) };
    case 'json-bracketed':
      return { contentType: jsonContentType, body: JSON.stringify(bracketedObject(n)) };
  }
}
