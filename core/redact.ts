/**
 * One redactor and one marker for everything the harness writes or prints: reports, request logs,
 * container logs, the console. A secret becomes `«redacted»`, or `«redacted: VARIABLE»` where the
 * reader should know which environment variable holds it (a curl line then reads that variable).
 * Known secrets are replaced raw and URL-encoded; a `token` header, or a `token`-like field in JSON,
 * a form or a query, is masked even when its value was never registered. Logs whose format nobody controls (a container's)
 * also get their values masked wherever a line presents them as a token.
 */

export type Redactor = (text: string) => string;

/** What stands in any output of the harness for a secret. */
export const redactedMarker = '«redacted»';

/** The marker naming the environment variable that holds the secret, e.g. `«redacted: SECPAID_TOKEN_B»`. */
export function redactedAs(variable: string): string {
  return `«redacted: ${variable}»`;
}

/** Every form the marker takes (not global: `test` and `match` keep no state between texts). */
export const markerPattern = /«redacted(?:: [A-Z][A-Z0-9_]*)?»/;

/** Environment variable names whose values are secrets (a key, a password, a token). */
export const secretName = /token|secret|password|passwd|key|credential/i;

interface RedactorOptions {
  /** Shorter registered values are left alone: they would shred ordinary text (tests send "x" as a key). */
  minSecretLength?: number;
  /** Also mask values a free-form log line presents as a token (`token <value>`, `api token: <value>`). */
  freeText?: boolean;
}

/** A value that is one marker and nothing else: left as it is (one that names its variable stays). */
const aloneMarker = markerPattern.source;
/**
 * A curl line's splice of a key from its variable (`'"$SECPAID_ENCRYPTION_KEY"'`): no key, kept as
 * shell, its quotes as they are or escaped in JSON, XML or HTML.
 */
const shellVariable = `'(?:"|\\\\"|&quot;)\\$[A-Z][A-Z0-9_]*(?:"|\\\\"|&quot;)'`;
/** A `token:` header line. */
const tokenHeaderLine = new RegExp(`^(token:[ \\t]*)(?!${aloneMarker}[ \\t]*$)[^ \\t].*$`, 'gim');
/** A JSON field holding a key: the API key, a recipient token, a webhook encryption key (any characters, escapes too). */
const jsonTokenField = new RegExp(
  `("(?:token|recipient_token|encryption_key)"\\s*:\\s*)"(?!${aloneMarker}")(?!${shellVariable})(?:[^"\\\\]|\\\\.)*"`,
  'g',
);
const escapedJsonTokenField = new RegExp(
  `(\\\\"(?:token|recipient_token|encryption_key)\\\\"\\s*:\\s*)\\\\"(?!${aloneMarker}\\\\")(?!${shellVariable})[^"\\\\]*\\\\"`,
  'g',
);
/**
 * The same fields in a form body or a query (`encryption_key=…&`), raw or percent-encoded values
 * alike. The value stops at a quote or a backslash too: inside a JSON string those escape the next
 * character, and a replacement that swallowed one would break the JSON that holds the body.
 */
const formTokenField = new RegExp(
  `(^|[?&\\s])((?:token|recipient_token|encryption_key)=)(?!${aloneMarker})(?!${shellVariable})[^&\\s"\\\\]+`,
  'g',
);
/** `token`, optionally quoted and followed by `:` or `=`, then a key-shaped value (16+ letters/digits). */
const tokenThenKey = /(\btoken["']?\s*[:=]?\s*["']?)[A-Za-z0-9][A-Za-z0-9_-]{15,}/gi;
/** `token <a short label>: <value>`: whatever follows the colon up to a space, quote or `&`. */
const labelledToken = /(\btoken\b[^:=\n]{0,60}[:=]\s*["']?)(?!«redacted)[^\s"',;&]{8,}/gi;

export function makeRedactor(secrets: Iterable<string>, options: RedactorOptions = {}): Redactor {
  const minLength = options.minSecretLength ?? 8;
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < minLength) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of ordered) out = out.split(needle).join(redactedMarker);
    out = out
      .replace(tokenHeaderLine, `$1${redactedMarker}`)
      .replace(jsonTokenField, `$1"${redactedMarker}"`)
      .replace(escapedJsonTokenField, `$1\\"${redactedMarker}\\"`)
      .replace(formTokenField, `$1$2${redactedMarker}`);
    if (!options.freeText) return out;
    return out.replace(tokenThenKey, `$1${redactedMarker}`).replace(labelledToken, `$1${redactedMarker}`);
  };
}
