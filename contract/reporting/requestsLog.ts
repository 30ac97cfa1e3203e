/**
 * reports/requests.log: every request and response of the run, in time order, readable as text.
 * Long bodies are cut, after redaction: a token cut in half would no longer be recognised.
 */
import type { RequestRecord } from './observations.ts';
import type { Redactor } from './redact.ts';

const maxBody = 4000;

function clip(text: string | undefined, redact: Redactor): string {
  if (!text) return '';
  const redacted = redact(text);
  return redacted.length > maxBody ? `${redacted.slice(0, maxBody)}… (${redacted.length} chars)` : redacted;
}

function headers(h: Record<string, string> | undefined): string[] {
  return Object.entries(h ?? {}).map(([k, v]) => `${k}: ${k.toLowerCase() === 'token' ? '«redacted»' : v}`);
}

export function requestsLogText(records: RequestRecord[], redact: Redactor): string {
  const sorted = [...records].sort((a, b) => a.at.localeCompare(b.at));
  const blocks = sorted.map((r) => {
    const lines = [
      `=== ${r.at}${r.test ? `  [${r.test}]` : ''}`,
      `${r.method} ${r.url}`,
      ...headers(r.requestHeaders),
    ];
    if (r.requestBody) lines.push('', clip(r.requestBody, redact));
    if (r.error) lines.push(`--> request failed after ${r.ms} ms: ${r.error}`);
    else {
      lines.push(`--> ${r.status} (${r.ms} ms)`, ...headers(r.responseHeaders));
      if (r.responseBody) lines.push('', clip(r.responseBody, redact));
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
