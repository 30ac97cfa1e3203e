/**
 * One received payment notification held against the spec and against the link it is about: the
 * named checks of a notification, each failing with a "received … / expected …" message like the
 * response checks. What was sent is read by the one reader (core/webhooks/readNotification.ts) and
 * validated against the spec's webhook request schema for its media type (an encrypted one's
 * plaintext against the JSON schema too); the link's id, amount (in cents), owner, note and the
 * event's status are then compared with what the test did (the schema has said whether each is there).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { mediaTypeOf } from '../../core/mediaType.ts';
import { type Cents, centsOf, formatCents } from '../../core/money.ts';
import { webhookValidator } from '../../core/validators.ts';
import { notificationStatus, type WebhookEvent } from '../../core/webhooks/notification.ts';
import { readNotification } from '../../core/webhooks/readNotification.ts';
import { describeSchemaError, schemaErrorSignature } from '../checks/responseSchemaConformance.ts';
import { type CheckFailure, isRecord, kindOf, quoted } from '../checks/types.ts';
import type { ReceivedRequest } from './receiver.ts';

/** What the test did to the link, and so what its notification must say. */
export interface ExpectedNotification {
  event: WebhookEvent;
  payId: number;
  userId: string;
  amountCents: Cents;
  note: string;
  /** The link asked for encryption with this key (`is_encryption: "true"`, `encryption_key`). */
  encryptionKey?: string;
}

export interface NotificationVerdict {
  /** The media type the notification was sent as (its schema's place in the spec). */
  mediaType: string;
  failures: CheckFailure[];
}

/** Schema errors of `value` under the webhook schema of `mediaType`, `what` naming the value. */
function schemaFailures(mediaType: string, value: unknown, what: string): CheckFailure[] {
  const validate = webhookValidator('paymentNotification', mediaType);
  if (!validate)
    return [
      {
        check: 'notificationSchema',
        message: `received Content-Type ${mediaType || '(none)'} / documented: application/x-www-form-urlencoded or application/json`,
        signature: 'received an undocumented Content-Type',
      },
    ];
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 12).map((error: ErrorObject) => ({
    check: 'notificationSchema',
    message: `${what}: ${describeSchemaError(error, value)}`,
    signature: `${what}: ${schemaErrorSignature(error, value)}`,
    schemaPath: error.schemaPath,
  }));
}

type Field = 'pay_id' | 'amount' | 'user_id' | 'status' | 'note';

/**
 * Where a field's rule is in the schema of the media type it came as (the report's spec pointer):
 * a form's `data[amount]`, the nested JSON's `data.amount` (its plain branch, which an encrypted
 * notification's plaintext is too).
 */
export function fieldRule(mediaType: string, field: Field): string {
  return mediaType === 'application/x-www-form-urlencoded'
    ? `#/properties/data[${field}]`
    : `#/oneOf/0/properties/data/properties/${field}`;
}

/**
 * `value` equals `expected`; the message names the field and why it must be so. A field not sent is
 * the schema's to report (the form may leave out the note).
 */
function same(
  check: string,
  [field, schemaPath]: [Field, string],
  value: unknown,
  expected: unknown,
  why: string,
): CheckFailure[] {
  if (value === undefined || value === expected) return [];
  return [
    {
      check,
      message: `data.${field}: received ${quoted(value)} / expected ${quoted(expected)} (${why})`,
      signature: `data.${field}: received ${kindOf(value)} other than ${why}`,
      schemaPath,
    },
  ];
}

/** A notification whose body was read: the fields compared with the link and the event. */
function fieldFailures(
  fields: Record<string, unknown>,
  expected: ExpectedNotification,
  mediaType: string,
): CheckFailure[] {
  const at = (field: Field): [Field, string] => [field, fieldRule(mediaType, field)];
  const payId =
    typeof fields.payId === 'string' && /^[0-9]+$/.test(fields.payId) ? Number(fields.payId) : fields.payId;
  const cents = centsOf(fields.amount);
  const amount: CheckFailure[] =
    fields.amount === undefined || cents === expected.amountCents
      ? []
      : [
          {
            check: 'notificationAmount',
            message: `data.amount: received ${quoted(fields.amount)} / expected ${formatCents(expected.amountCents)} (the link's whole amount)`,
            signature: "data.amount: received an amount other than the link's",
            schemaPath: fieldRule(mediaType, 'amount'),
          },
        ];
  return [
    ...same('notificationLink', at('pay_id'), payId, expected.payId, "the link's id"),
    ...amount,
    ...same('notificationUser', at('user_id'), fields.userId, expected.userId, "the link owner's user_id"),
    ...same(
      'notificationStatus',
      at('status'),
      fields.status,
      notificationStatus[expected.event],
      `the ${expected.event} event's status`,
    ),
    ...same('notificationNote', at('note'), fields.note, expected.note, "the link's recipient_note"),
  ];
}

const plainEncrypted = (body: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) && typeof parsed.data === 'string';
  } catch {
    return false;
  }
};

export function judgeNotification(
  received: ReceivedRequest,
  expected: ExpectedNotification,
): NotificationVerdict {
  const mediaType = mediaTypeOf(received.contentType);
  const failures: CheckFailure[] = [];
  if (received.method !== 'POST')
    failures.push({
      check: 'notificationMethod',
      message: `received ${quoted(received.method)} / documented: POST`,
      signature: 'received a method other than POST',
    });
  if (received.bodyCut) {
    failures.push({
      check: 'notificationBodyBounded',
      message: `received a body of ${received.bodyBytes} bytes (${received.bodyCut}) / expected a notification: not read`,
      signature: 'received a body too long to read',
    });
    return { mediaType, failures };
  }
  const key = expected.encryptionKey;
  if (key === undefined && mediaType === 'application/json' && plainEncrypted(received.body)) {
    failures.push({
      check: 'notificationEncrypted',
      message:
        'received an encrypted body {"data": "…"} / expected a plain notification (the link did not ask for encryption)',
      signature: 'received an encrypted body for a link without encryption',
    });
    return { mediaType, failures };
  }
  const read = readNotification(received.contentType, received.body, key);
  if (!read.ok) {
    failures.push({
      check: 'notificationReadable',
      message: `received a body that is no notification: ${read.problem}`,
      signature: 'received a body that is no notification',
    });
    return { mediaType, failures };
  }
  const { value } = read;
  if (key !== undefined && !value.encrypted)
    failures.push({
      check: 'notificationEncrypted',
      message: `received a plain ${value.format} notification / expected {"data": "<base64>"} encrypted under the link's encryption_key (the link asked for is_encryption "true")`,
      signature: 'received a plain notification where encryption was asked',
    });
  failures.push(...schemaFailures(mediaType, value.document, 'body'));
  if (value.encrypted) failures.push(...schemaFailures('application/json', value.payload, 'decrypted'));
  failures.push(...fieldFailures({ ...value.fields }, expected, mediaType));
  return { mediaType, failures };
}
