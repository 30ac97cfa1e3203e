/**
 * The payment notification's optional encryption, as SecPaid's docs describe it (§7, D13;
 * spec/DECISIONS.md D-WEBHOOK): AES-256-CBC with the 32-character key itself as the key, the
 * key's first 16 characters as the IV, PKCS#7 padding, the ciphertext in base64. This is what the
 * docs' PHP sample (`openssl_decrypt($data, 'AES-256-CBC', $key, 0, substr($key, 0, 16))`) reads; the
 * `U2FsdGVkX1…` ("Salted__") example string is OpenSSL's password format, which that sample cannot
 * read, so it is not followed.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

/** Characters (and bytes: printable ASCII only) in an encryption key. */
export const encryptionKeyLength = 32;

const printableAscii = /^[\x21-\x7e]+$/;

/** Why `key` cannot be an encryption key, or undefined when it can. Never quotes the key. */
export function encryptionKeyProblem(key: string): string | undefined {
  if (key.length !== encryptionKeyLength)
    return `an encryption key has ${encryptionKeyLength} characters, this one has ${key.length}`;
  if (!printableAscii.test(key)) return 'an encryption key is printable ASCII without spaces';
  return undefined;
}

function keyAndIv(key: string): { key: Buffer; iv: Buffer } {
  const problem = encryptionKeyProblem(key);
  if (problem) throw new WebhookCryptoError(problem);
  const bytes = Buffer.from(key, 'latin1');
  return { key: bytes, iv: bytes.subarray(0, 16) };
}

export class WebhookCryptoError extends Error {}

/** The base64 ciphertext of `plaintext` (UTF-8) under `key`. */
export function encryptNotificationText(plaintext: string, key: string): string {
  const { key: k, iv } = keyAndIv(key);
  const cipher = createCipheriv('aes-256-cbc', k, iv);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The plaintext of a base64 ciphertext under `key`. Throws WebhookCryptoError when the text is not
 * base64, not whole blocks, or does not decrypt under the key (bad padding: the wrong key, almost
 * always), or is not UTF-8.
 */
export function decryptNotificationText(ciphertext: string, key: string): string {
  const { key: k, iv } = keyAndIv(key);
  if (!base64.test(ciphertext)) throw new WebhookCryptoError('the encrypted data is not base64');
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0)
    throw new WebhookCryptoError(`the encrypted data is ${bytes.length} bytes, not whole AES blocks`);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', k, iv);
    plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    throw new WebhookCryptoError('the encrypted data does not decrypt under this key (bad padding)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new WebhookCryptoError('the decrypted data is not UTF-8 text: the key is probably wrong');
  }
}
