/**
 * What `npm run webhooks` sends a receiver: every documented encoding of both events (spec/DECISIONS.md
 * D-WEBHOOK), the same notification delivered again, and bodies a receiver must refuse. Every genuine
 * body comes from core/webhooks/notification.ts, the encoder the sandbox sends with; the refused ones
 * are those bodies spoilt in one way each.
 */
import { formText } from '../../core/formBody.ts';
import {
  encodeNotification,
  formContentType,
  jsonContentType,
  type NotificationFormat,
  notificationFormFields,
  type PaymentNotification,
  type WebhookEvent,
} from '../../core/webhooks/notification.ts';

/** What a receiver should answer: 2xx to a notification it can read, 4xx to a body it cannot. */
export type Expectation = '2xx' | '4xx';

export interface Variant {
  id: string;
  title: string;
  expects: Expectation;
  /** The body to POST, or why this run cannot send it. */
  send: { contentType: string; body: string } | { notRun: string };
  /** What the docs ask of a receiver here, with where they say it. */
  docs: string;
  /** The receiver's fulfilments are counted after this one, when a --fulfilments URL is given. */
  countsFulfilments?: true;
  /** With a 2xx expected and a 4xx answered: what the integrator should look at first. */
  hint?: string;
}

/**
 * The docs behind every verdict, cited in findings (judge.ts adds spec/DECISIONS.md D-WEBHOOK, where
 * the spec records each of these readings).
 */
export const docs = {
  genuine:
    'a genuine notification is answered 2xx (docs.secpaid.com/concepts/payment-endpoint/: the endpoint returns 2xx)',
  form: "SecPaid's plain notification is a form with data[...] keys, as SecPaid's own WooCommerce plugin reads it",
  json: 'the nested JSON of docs.secpaid.com/concepts/payment-endpoint/ is a documented encoding',
  bracketed:
    'the JSON with data[...] keys (data[Status] on cancel) is the literal example of docs.secpaid.com/how-to/payment-endpoint/: a receiver should tolerate it',
  encrypted:
    'docs.secpaid.com/concepts/encryption/: {"data": "<base64>"}, AES-256-CBC with the 32-character key, IV = its first 16 characters',
  duplicate:
    'no delivery id or dedup key is documented and a failed delivery is sent again, so a pay_id may arrive more than once: a receiver fulfils it once',
  unreadable:
    "a body the receiver cannot read or decrypt is answered 4xx: a 2xx tells SecPaid the notification was handled, though nothing in it could be read (SecPaid's own plugin answers 400)",
  responseCode:
    "ResponseCode is always 1 (docs.secpaid.com/concepts/payment-endpoint/), the how-to advises checking it, and SecPaid's own plugin answers 400 to any other",
} as const;

const keyHint =
  'if the receiver decrypts, check that --encryption-key (or SECPAID_WEBHOOK_KEY) is the key it decrypts with';

/** A 32-character key that is not the receiver's: the wrongly encrypted body is encrypted with it. */
export function otherKeyThan(key: string | undefined): string {
  const fixed = 'not-the-receivers-key-0123456789';
  return key === fixed ? 'not-the-receivers-key-9876543210' : fixed;
}

const eventWord: Record<WebhookEvent, string> = { paid: 'paid', cancelled: 'cancelled' };

function plain(n: PaymentNotification, format: NotificationFormat, docsText: string): Variant {
  const name = { form: 'form', json: 'JSON nested', 'json-bracketed': 'JSON bracketed' }[format];
  return {
    id: `${n.event}-${format}`,
    title: `${eventWord[n.event]}, ${name}`,
    expects: '2xx',
    send: encodeNotification(n, { format }),
    docs: `${docs.genuine}; ${docsText}`,
  };
}

function encrypted(n: PaymentNotification, key: string | undefined): Variant {
  return {
    id: `${n.event}-encrypted`,
    title: `${eventWord[n.event]}, encrypted`,
    expects: '2xx',
    send:
      key === undefined
        ? {
            notRun:
              'no encryption key: give --encryption-key KEY or SECPAID_WEBHOOK_KEY, the 32-character key the receiver decrypts with',
          }
        : encodeNotification(n, { format: 'json', encryptionKey: key }),
    docs: `${docs.genuine}; ${docs.encrypted}`,
    hint: keyHint,
  };
}

/**
 * The variants, in the order they are sent. All carry the same pay_id, so a receiver that knows that
 * order accepts them all; the fulfilments are counted once every paid notification has arrived.
 */
export function variantsFor(paid: PaymentNotification, key: string | undefined): Variant[] {
  const cancelled: PaymentNotification = { ...paid, event: 'cancelled' };
  const paidForm = encodeNotification(paid, { format: 'form' });
  const withoutPayId = notificationFormFields(paid).filter(([name]) => name !== 'data[pay_id]');
  const responseCode0 = notificationFormFields(paid).map(([name, value]): [string, string] =>
    name === 'ResponseCode' ? [name, '0'] : [name, value],
  );
  const json = encodeNotification(paid, { format: 'json' }).body;
  return [
    plain(paid, 'form', docs.form),
    plain(cancelled, 'form', docs.form),
    plain(paid, 'json', docs.json),
    plain(cancelled, 'json', docs.json),
    plain(paid, 'json-bracketed', docs.bracketed),
    plain(cancelled, 'json-bracketed', docs.bracketed),
    encrypted(paid, key),
    encrypted(cancelled, key),
    {
      id: 'paid-form-again',
      title: 'paid, form, delivered again',
      expects: '2xx',
      send: paidForm,
      docs: `${docs.genuine}; ${docs.duplicate}`,
      countsFulfilments: true,
    },
    {
      id: 'form-without-pay-id',
      title: 'malformed: a form without data[pay_id]',
      expects: '4xx',
      send: { contentType: formContentType, body: formText(withoutPayId) },
      docs: docs.unreadable,
    },
    {
      id: 'invalid-json',
      title: 'malformed: invalid JSON',
      expects: '4xx',
      // The nested JSON cut in the middle of its data object.
      send: { contentType: jsonContentType, body: json.slice(0, json.indexOf('"amount"')) },
      docs: docs.unreadable,
    },
    {
      id: 'wrongly-encrypted',
      title: 'wrongly encrypted: under another key',
      expects: '4xx',
      send: encodeNotification(paid, { format: 'json', encryptionKey: otherKeyThan(key) }),
      docs: `${docs.unreadable}; ${docs.encrypted}`,
    },
    {
      id: 'response-code-0',
      title: 'ResponseCode 0',
      expects: '4xx',
      send: { contentType: formContentType, body: formText(responseCode0) },
      docs: docs.responseCode,
    },
  ];
}
