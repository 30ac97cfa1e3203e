/**
 * Reads a payment notification as it arrived (content type and raw body): which of the documented
 * encodings it is, whether it was encrypted, the document a spec schema validates, and its fields,
 * read tolerantly (nested `data`, or `data[...]` keys; `status` or `Status`). The contract suite
 * validates `document` against the spec and compares `fields` with the link; tests of the sandbox
 * read deliveries with it.
 */
import { mediaTypeOf } from '../mediaType.ts';
import { decryptNotificationText, WebhookCryptoError } from './encryption.ts';
import type { NotificationFormat } from './notification.ts';

export interface NotificationFields {
  responseCode: unknown;
  payId: unknown;
  amount: unknown;
  userId: unknown;
  note: unknown;
  status: unknown;
}

export interface ReceivedNotification {
  format: NotificationFormat;
  encrypted: boolean;
  /** What was sent, decoded: the form's fields as an object of text, or the JSON value. */
  document: unknown;
  /** With `encrypted`, the decrypted notification's JSON value; else the same as `document`. */
  payload: unknown;
  fields: NotificationFields;
}

export type ReadNotificationResult =
  | { ok: true; value: ReceivedNotification }
  | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldsOf(value: Record<string, unknown>): NotificationFields {
  const nested = isObject(value.data) ? value.data : undefined;
  const pick = (name: string) =>
    nested
      ? nested[name]
      : (value[`data[${name}]`] ?? value[`data[${name[0]!.toUpperCase()}${name.slice(1)}]`]);
  return {
    responseCode: value.ResponseCode,
    payId: pick('pay_id'),
    amount: pick('amount'),
    userId: pick('user_id'),
    note: pick('note'),
    status: nested ? (nested.status ?? nested.Status) : pick('status'),
  };
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, problem: `the body is not JSON: ${(error as Error).message}` };
  }
}

function readForm(body: string): ReadNotificationResult {
  const document: Record<string, string> = Object.create(null);
  for (const [name, text] of new URLSearchParams(body)) {
    if (name in document) return { ok: false, problem: `the form gives ${name} more than once` };
    document[name] = text;
  }
  return {
    ok: true,
    value: { format: 'form', encrypted: false, document, payload: document, fields: fieldsOf(document) },
  };
}

/**
 * `encryptionKey` is needed only for an encrypted notification (`{"data": "<string>"}`); without
 * it, such a body is a problem that says so.
 */
export function readNotification(
  contentType: string | undefined,
  body: string,
  encryptionKey?: string,
): ReadNotificationResult {
  const type = mediaTypeOf(contentType);
  if (type === 'application/x-www-form-urlencoded') return readForm(body);
  if (type !== 'application/json')
    return { ok: false, problem: `Content-Type ${type || '(none)'} is neither JSON nor a form` };
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  const document = parsed.value;
  if (!isObject(document)) return { ok: false, problem: 'the JSON body is not an object' };
  if (typeof document.data === 'string') {
    if (encryptionKey === undefined)
      return { ok: false, problem: 'the notification is encrypted and no encryption key was given' };
    let plaintext: string;
    try {
      plaintext = decryptNotificationText(document.data, encryptionKey);
    } catch (error) {
      if (error instanceof WebhookCryptoError) return { ok: false, problem: error.message };
      throw error;
    }
    const inner = parseJson(plaintext);
    if (!inner.ok) return { ok: false, problem: `decrypted, ${inner.problem}` };
    if (!isObject(inner.value)) return { ok: false, problem: 'decrypted, the JSON is not an object' };
    return {
      ok: true,
      value: {
        format: 'json',
        encrypted: true,
        document,
        payload: inner.value,
        fields: fieldsOf(inner.value),
      },
    };
  }
  const format: NotificationFormat = isObject(document.data) ? 'json' : 'json-bracketed';
  return {
    ok: true,
    value: { format, encrypted: false, document, payload: document, fields: fieldsOf(document) },
  };
}
