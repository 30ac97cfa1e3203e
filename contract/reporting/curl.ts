/**
 * Curl lines that send a recorded request again. The key is never in them: a `token` header
 * becomes `$SECPAID_TOKEN` (the variable an integrator sets for a run against a URL), so the line
 * can be pasted into a ticket as it is. Everything else is quoted for a POSIX shell.
 */

import { redactedAs, redactedMarker } from '../../core/redact.ts';
import { bodiesNotRecorded, type RequestRecord } from './observations.ts';
import { secondAccountKey } from './redact.ts';

export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Headers curl or the connection sets by itself: repeating them would only get in the way. */
const ownHeaders = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/**
 * The field a masked value stood in, and the variable that holds it: the client masks a key field
 * before the recorder could name its variable, so the field's name says which secret it was.
 */
const maskedFields: [field: string, variable: string][] = [
  ['encryption_key', 'SECPAID_ENCRYPTION_KEY'],
  ['recipient_token', 'SECPAID_RECIPIENT_TOKEN'],
];

/** `body` with each masked key field's marker naming the variable of its field (JSON and form alike). */
function namingMaskedFields(body: string): string {
  let out = body;
  for (const [field, variable] of maskedFields) {
    const named = redactedAs(variable);
    out = out
      .replace(new RegExp(`("${field}"\\s*:\\s*")${redactedMarker}"`, 'g'), `$1${named}"`)
      .replace(new RegExp(`(^|[?&])${field}=${redactedMarker}`, 'g'), `$1${field}=${named}`);
  }
  return out;
}

/**
 * A body in shell. A secret in a body is a recipient token (a split link's recipients, whose field
 * is `token`) or a link's encryption key: it was redacted, and the replay takes it from the variable
 * its marker names (`$SECPAID_ENCRYPTION_KEY`, …), spliced between quotes; a marker that names
 * none is a recipient token.
 */
function bodyInShell(body: string): string {
  return shellQuote(namingMaskedFields(body))
    .replace(/«redacted: ([A-Z][A-Z0-9_]*)»/g, `'"$$$1"'`)
    .split(redactedMarker)
    .join(`'"$SECPAID_RECIPIENT_TOKEN"'`);
}

/** The token header in shell: empty, the key from its variable, or a made-up key as it was sent. */
function tokenHeader(value: string): string {
  if (value === '') return `'token;'`;
  if (value === secondAccountKey) return `"token: $SECPAID_TOKEN_B"`;
  if (value === redactedMarker) return `"token: $SECPAID_TOKEN"`;
  return shellQuote(`token: ${value}`);
}

export function curlOfRecord(
  record: Pick<RequestRecord, 'method' | 'url' | 'requestHeaders' | 'requestBody' | 'bodiesLeftOut'>,
): string {
  const parts = [`curl -sS -X ${record.method}`, shellQuote(record.url)];
  const headers = Object.entries(record.requestHeaders).map(
    ([name, value]) => [name.toLowerCase(), value] as const,
  );
  for (const [name, value] of headers) {
    if (ownHeaders.has(name)) continue;
    // Two token headers were recorded as one line, comma-separated: curl sends them as two again.
    if (name === 'token') for (const one of value.split(', ')) parts.push(`-H ${tokenHeader(one)}`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (record.requestBody) {
    // curl would add a form Content-Type to a body sent without one; the request had none.
    if (!headers.some(([name]) => name === 'content-type')) parts.push(`-H 'content-type:'`);
    parts.push(`--data-binary ${bodyInShell(record.requestBody)}`);
  } else if (record.bodiesLeftOut) parts.push(`# ${bodiesNotRecorded}`);
  return parts.join(' ');
}
