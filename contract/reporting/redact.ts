/**
 * One redactor for everything the run writes or prints: each known secret (API tokens, recipient
 * tokens) is replaced, raw and URL-encoded, and any `token` header or JSON/form `token` field is
 * masked even when its value was never registered.
 */
import type { RequestRecord } from './observations.ts';

export type Redactor = (text: string) => string;

/** What stands in every report for a secret. */
export const redactedKey = '«redacted»';

/** What a record holds for the second account's key (SECPAID_TOKEN_B): a replay names the variable. */
export const secondAccountKey = '«redacted: SECPAID_TOKEN_B»';

const minSecretLength = 8; // shorter "secrets" would shred ordinary text

const tokenHeaderLine = /^(token:\s*).+$/gim;
const jsonTokenField = /("(?:token|recipient_token)"\s*:\s*)"[^"]*"/g;
const escapedJsonTokenField = /(\\"(?:token|recipient_token)\\"\s*:\s*)\\"[^"\\]*\\"/g;

export function makeRedactor(secrets: Iterable<string>): Redactor {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < minSecretLength) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a token that contains another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of ordered) out = out.split(needle).join(redactedKey);
    return out
      .replace(tokenHeaderLine, `$1${redactedKey}`)
      .replace(jsonTokenField, `$1"${redactedKey}"`)
      .replace(escapedJsonTokenField, `$1\\"${redactedKey}\\"`);
  };
}

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
