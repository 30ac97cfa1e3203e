/**
 * Curl lines that send a recorded request again. The key is never in them: a `token` header
 * becomes `$SECPAID_TOKEN` (the variable an integrator sets for a run against a URL), so the line
 * can be pasted into a ticket as it is. Everything else is quoted for a POSIX shell.
 */
import type { RequestRecord } from './observations.ts';

export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Headers curl or the connection sets by itself: repeating them would only get in the way. */
const ownHeaders = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/** The token header in shell: none, empty, or the key from the variable. */
function tokenHeader(value: string): string {
  return value === '' ? `'token;'` : `"token: $SECPAID_TOKEN"`;
}

export function curlOfRecord(
  record: Pick<RequestRecord, 'method' | 'url' | 'requestHeaders' | 'requestBody'>,
): string {
  const parts = [`curl -sS -X ${record.method}`, shellQuote(record.url)];
  for (const [name, value] of Object.entries(record.requestHeaders)) {
    const lower = name.toLowerCase();
    if (ownHeaders.has(lower)) continue;
    parts.push(`-H ${lower === 'token' ? tokenHeader(value) : shellQuote(`${lower}: ${value}`)}`);
  }
  if (record.requestBody) parts.push(`--data-binary ${shellQuote(record.requestBody)}`);
  return parts.join(' ');
}
