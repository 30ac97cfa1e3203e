/**
 * The notification encryption against independent test vectors, computed with OpenSSL's CLI
 * (OpenSSL 3.0.19), not with this code. Each `ciphertext` below is the output of
 *
 *   hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
 *   printf '%s' "$PLAINTEXT" | openssl enc -aes-256-cbc -K "$(hex "$KEY")" -iv "$(hex "${KEY:0:16}")" -base64 -A
 *
 * i.e. the key's 32 characters as the AES-256 key and its first 16 as the IV, PKCS#7 padding, base64:
 * what the docs' PHP sample `openssl_decrypt($data, 'AES-256-CBC', $key, 0, substr($key, 0, 16))`
 * reads. The "Salted__" vector is OpenSSL's password format (the docs' example string starts with its
 * base64, `U2FsdGVkX1`), made with
 *
 *   printf '%s' '{"ResponseCode":1,"data":{"pay_id":1466}}' | openssl enc -aes-256-cbc -md sha256 -pass "pass:$KEY" -base64 -A
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decryptNotificationText,
  encryptionKeyProblem,
  encryptNotificationText,
  WebhookCryptoError,
} from './encryption.ts';

const vectors = [
  {
    name: 'a paid notification (the how-to example, nested)',
    key: '0123456789abcdefghijklmnopqrstuv',
    plaintext:
      '{"ResponseCode":1,"data":{"pay_id":1466,"note":"Invoice #1234","amount":100,"user_id":"b44c4429-4a7b-4e27-85af-c1c2f43f4ffe","status":"success"}}',
    ciphertext:
      'bScXsSCuR/AkltilF2iKmLccYHqwlLgdoKNNf40RCc64OkX5crjTFuTBRCYLrNnr/m+NB9Jd4eDOba+2+UKxMonUoxGc6hiN3Rpr2maMLBTA6nPGbP9syEaeGQP/rPIYShP2ZdODPZKD6sJ+gWwzuhUeTxYPIPJ2NHoIlwoL2t+BUauqHytIN53skzOlK72FZSKw8IavJWcd9Y72hmRvDA==',
  },
  {
    name: 'a cancel with a UTF-8 note and a key full of punctuation',
    key: 'Zr8#kP2!wQ9$mT4&vX7*bN1@cL5^hJ3%',
    plaintext:
      '{"ResponseCode":1,"data":{"pay_id":99290,"note":"Grüße € – Bestellung 7","amount":49.99,"user_id":"u-1","status":"cancel"}}',
    ciphertext:
      'FqZmAPpthG3KSVwfNiXsDSZqKZ9X6ypolXdtv/OHb0SKQ48XUKaPKmvzodhUUtXaxIARU+/7XTQwoRfY3l4U8R/EKUhSN8FKig+0nC0iaNQW9glArkqKY66dDGfxSFaGKbneosMVuH4Iw7k8NBt7khsoRqxgv5QOZeQHGPVstjo6DBJNBaHYkitpV6LhA0Ev',
  },
  {
    name: 'whole blocks of plaintext (a full block of padding follows)',
    key: '0123456789abcdefghijklmnopqrstuv',
    plaintext: '0123456789abcdef0123456789abcdef',
    ciphertext: 'gKhGr1W9XxjFLeAu874g4ZkC7UhnSJFIbL4JXwFaw9iOu3YaA/Eejvzkvvd77On9',
  },
];

for (const v of vectors) {
  test(`encrypts like OpenSSL: ${v.name}`, () => {
    assert.equal(encryptNotificationText(v.plaintext, v.key), v.ciphertext);
  });
  test(`decrypts OpenSSL's output: ${v.name}`, () => {
    assert.equal(decryptNotificationText(v.ciphertext, v.key), v.plaintext);
  });
}

test('the wrong key is a clear error, not garbage text', () => {
  const [first] = vectors;
  assert.throws(
    () => decryptNotificationText(first!.ciphertext, 'vutsrqponmlkjihgfedcba9876543210'),
    (e: unknown) => e instanceof WebhookCryptoError && /does not decrypt|not UTF-8/.test(e.message),
  );
});

test('OpenSSL\'s "Salted__" password format (the docs\' example string) is not the chosen scheme', () => {
  const salted = 'U2FsdGVkX18mOhNsmUzb0Mi1KXgvwow2f0Q7o0yfsxHYS74LMfLQU+cM+IGdTVdI2N5wYtoV3stZe/pOb+vIDw==';
  assert.throws(() => decryptNotificationText(salted, vectors[0]!.key), WebhookCryptoError);
});

test('text that is not base64 or not whole blocks is named as such', () => {
  const key = vectors[0]!.key;
  assert.throws(() => decryptNotificationText('not base64!', key), /not base64/);
  assert.throws(() => decryptNotificationText('AAAA', key), /not whole AES blocks/);
  assert.throws(() => decryptNotificationText('', key), /not whole AES blocks/);
});

test('a key must be 32 printable ASCII characters, and the problem never quotes it', () => {
  assert.equal(encryptionKeyProblem(vectors[1]!.key), undefined);
  const short = 'secret-short-key';
  assert.match(encryptionKeyProblem(short) ?? '', /32 characters, this one has 16/);
  assert.ok(!(encryptionKeyProblem(short) ?? '').includes(short));
  assert.match(encryptionKeyProblem('é'.repeat(32)) ?? '', /printable ASCII/);
  assert.match(encryptionKeyProblem(`${'a'.repeat(31)} `) ?? '', /printable ASCII/);
  assert.throws(() => encryptNotificationText('{}', short), WebhookCryptoError);
});
