/** Random identifiers: API keys, recipient tokens and the 10-character tails of transaction ids. */
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
export const newRecipientToken = (): string => `rcpt-${randomAlphanumeric(12)}`;
export const newUserId = (): string => randomUUID();

/** `20241026-pi-QRxbbs7z9n`: the day (YYYYMMDD), the kind (pi/po) and 10 random characters. */
export function transactionId(day: string, kind: 'pi' | 'po'): string {
  return `${day.replaceAll('-', '')}-${kind}-${randomAlphanumeric(10)}`;
}
