/**
 * The contract run's side of redaction (core/redact.ts holds the redactor and the marker): a record
 * redacted field by field, the marker of the second account's key, and the secrets a suite process
 * has learned, for texts it cuts before the runner's redactor sees them.
 */
import { makeRedactor, type Redactor, redactedAs, redactedMarker } from '../../core/redact.ts';
import type { RequestRecord } from './observations.ts';

/** What a record holds for the second account's key (SECPAID_TOKEN_B): a replay names the variable. */
export const secondAccountKey = redactedAs('SECPAID_TOKEN_B');

/** A request record with every text in it redacted (before any report cuts its bodies). */
export function redactRecord(record: RequestRecord, redact: Redactor): RequestRecord {
  const headers = (h: Record<string, string> | undefined) =>
    h && Object.fromEntries(Object.entries(h).map(([name, value]) => [name, redact(value)]));
  const text = (value: string | undefined) => (value === undefined ? undefined : redact(value));
  return {
    ...record,
    url: redact(record.url),
    requestHeaders: headers(record.requestHeaders) ?? {},
    ...(record.requestBody !== undefined ? { requestBody: text(record.requestBody) } : {}),
    ...(record.responseHeaders ? { responseHeaders: headers(record.responseHeaders) } : {}),
    ...(record.responseBody !== undefined ? { responseBody: text(record.responseBody) } : {}),
    ...(record.error !== undefined ? { error: text(record.error) } : {}),
  };
}

/**
 * The secrets this process has learned (a suite process: the run's keys and the tenants it made),
 * for texts made here that are cut before the runner's redactor sees them: redact, then cut.
 */
const known = new Set<string>();
let knownRedactor: Redactor | undefined;

export function registerSecrets(...secrets: (string | undefined)[]): void {
  for (const secret of secrets) {
    if (!secret || known.has(secret)) continue;
    known.add(secret);
    knownRedactor = undefined;
  }
}

export function redactKnown(text: string): string {
  knownRedactor ??= makeRedactor(known);
  return knownRedactor(text);
}

/**
 * A link's webhook encryption key as the records hold it (the webhooks suite makes one per link it
 * asks to encrypt): replaced before a record is written, so a replay's curl line reads it from
 * `$SECPAID_ENCRYPTION_KEY`. The runner's redactor knows the keys too (secrets.jsonl).
 */
export const encryptionKeyMarker = redactedAs('SECPAID_ENCRYPTION_KEY');

const encryptionKeys = new Set<string>();

/** The part of a key that is the cipher's IV (core/webhooks/encryption.ts): as secret as the key. */
export function encryptionKeyIv(key: string): string {
  return key.slice(0, 16);
}

export function registerEncryptionKey(key: string): void {
  encryptionKeys.add(key);
  registerSecrets(key, encryptionKeyIv(key));
}

/**
 * `text` with every encryption key this process made replaced by encryptionKeyMarker, and its IV
 * alone (what a server that leaked it would show) by the plain marker: no variable holds it.
 */
export function withoutEncryptionKeys(text: string): string {
  let out = text;
  for (const key of encryptionKeys) out = out.split(key).join(encryptionKeyMarker);
  for (const key of encryptionKeys) out = out.split(encryptionKeyIv(key)).join(redactedMarker);
  return out;
}
