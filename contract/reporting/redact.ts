/**
 * One redactor for everything the run writes or prints: each known secret (API tokens, recipient
 * tokens) is replaced, raw and URL-encoded, and any `token` header or JSON/form `token` field is
 * masked even when its value was never registered.
 */
export type Redactor = (text: string) => string;

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
    for (const needle of ordered) out = out.split(needle).join('«redacted»');
    return out
      .replace(tokenHeaderLine, '$1«redacted»')
      .replace(jsonTokenField, '$1"«redacted»"')
      .replace(escapedJsonTokenField, '$1\\"«redacted»\\"');
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
