/**
 * Random identifiers: API keys, recipient tokens, webhook encryption keys and the 10-character tails
 * of transaction ids.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  // 62 does not divide 256: reject bytes ≥ 248 so every character is equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

export const newApiKey = (): string => randomAlphanumeric(32);
/**
 * An account's webhook encryption key: 32 characters, as core/webhooks/encryption.ts needs. Letters
 * and digits, a subset of the printable ASCII a key may hold: a key pasted into a shell, an env file
 * or a log line needs no quoting, and the redactor recognises it whole.
 */
export const newEncryptionKey = (): string => randomAlphanumeric(32);
export const newRecipientToken = (): string => `rcpt-${randomAlphanumeric(12)}`;
export const newUserId = (): string => randomUUID();

/** `20241026-pi-QRxbbs7z9n`: the day (YYYYMMDD), the kind (pi/po) and 10 random characters. */
export function transactionId(day: string, kind: 'pi' | 'po'): string {
  return `${day.replaceAll('-', '')}-${kind}-${randomAlphanumeric(10)}`;
}
