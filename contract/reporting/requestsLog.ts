/**
 * reports/requests.log: every request and response of the run, in time order, readable as text;
 * each opens with its time, its exchange id (`#x4711.12`, as the failures cite it), its suite and test.
 * Long bodies are cut, after redaction: a token cut in half would no longer be recognised. The log
 * opens with what the run's body cap did, and a response whose body was not kept whole says so, in
 * the words recorded with it: against the cap that applied to that request (cleanup has its own).
 */

import { type Redactor, redactedMarker } from '../../core/redact.ts';
import { bodiesNotRecorded, type RequestRecord } from './observations.ts';

const maxBody = 4000;

function clip(text: string | undefined, redact: Redactor): string {
  if (!text) return '';
  const redacted = redact(text);
  return redacted.length > maxBody ? `${redacted.slice(0, maxBody)}… (${redacted.length} chars)` : redacted;
}

function headers(h: Record<string, string> | undefined): string[] {
  return Object.entries(h ?? {}).map(([k, v]) => `${k}: ${k.toLowerCase() === 'token' ? redactedMarker : v}`);
}

function bodyNotes(r: RequestRecord): string {
  const cut = r.responseBodyCut;
  const left = r.bodiesLeftOut ? bodiesNotRecorded : undefined;
  return [cut ? `body ${cut}` : undefined, left]
    .filter(Boolean)
    .map((note) => `  [${note}]`)
    .join('');
}

/** `preface`: lines before the first request (what the body cap did: reporting/bodies.ts). */
export function requestsLogText(records: RequestRecord[], redact: Redactor, preface: string[] = []): string {
  const sorted = [...records].sort((a, b) => a.at.localeCompare(b.at));
  const blocks = sorted.map((r) => {
    const lines = [
      `=== ${r.at}${r.id ? `  #${r.id}` : ''}${r.test ? `  [${r.suite ? `${r.suite} › ` : ''}${r.test}]` : ''}`,
      `${r.method} ${r.url}${r.received ? '  (a notification the server sent to the suite’s receiver)' : ''}`,
      ...headers(r.requestHeaders),
    ];
    if (r.requestBody) lines.push('', clip(r.requestBody, redact));
    if (r.error) lines.push(`--> request failed after ${r.ms} ms: ${r.error}`);
    else {
      lines.push(`--> ${r.status} (${r.ms} ms)${bodyNotes(r)}`, ...headers(r.responseHeaders));
      if (r.responseBody) lines.push('', clip(r.responseBody, redact));
    }
    return lines.join('\n');
  });
  const opening = preface.length > 0 ? [preface.join('\n')] : [];
  return `${[...opening, ...blocks].join('\n\n')}\n`;
}
