/** reports/requests.log: every request and response of the run, in time order, readable as text. */
import type { RequestRecord } from './observations.ts';

const maxBody = 4000;

function clip(text: string | undefined): string {
  if (!text) return '';
  return text.length > maxBody ? `${text.slice(0, maxBody)}… (${text.length} chars)` : text;
}

function headers(h: Record<string, string> | undefined): string[] {
  return Object.entries(h ?? {}).map(([k, v]) => `${k}: ${k.toLowerCase() === 'token' ? '«redacted»' : v}`);
}

export function requestsLogText(records: RequestRecord[]): string {
  const sorted = [...records].sort((a, b) => a.at.localeCompare(b.at));
  const blocks = sorted.map((r) => {
    const lines = [
      `=== ${r.at}${r.test ? `  [${r.test}]` : ''}`,
      `${r.method} ${r.url}`,
      ...headers(r.requestHeaders),
    ];
    if (r.requestBody) lines.push('', clip(r.requestBody));
    if (r.error) lines.push(`--> request failed after ${r.ms} ms: ${r.error}`);
    else {
      lines.push(`--> ${r.status} (${r.ms} ms)`, ...headers(r.responseHeaders));
      if (r.responseBody) lines.push('', clip(r.responseBody));
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
