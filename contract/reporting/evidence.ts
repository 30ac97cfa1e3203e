/**
 * A recorded exchange as a failure shows it: the request as sent (headers as node:http sent them,
 * the key redacted), the answer with its body cut at `evidenceBodyChars` and its whole size given,
 * and a curl line that sends it again (for a notification the server sent, the curl lines of the steps
 * that make it send it: notificationReplay.ts). The runner redacts every report after it is rendered;
 * evidence is made of records that already hold no `token` header value.
 */
import { curlOfRecord } from './curl.ts';
import { bodiesNotRecorded, type RequestRecord } from './observations.ts';
import type { ExchangeEvidence } from './reportModel.ts';

/** Characters of each body a failure shows; the whole body's size is stated beside it. */
export const evidenceBodyChars = 8192;

function shown(text: string | undefined): { body?: string; cut?: string } {
  if (text === undefined || text === '') return {};
  if (text.length <= evidenceBodyChars) return { body: text };
  return {
    body: text.slice(0, evidenceBodyChars),
    cut: `showing the first ${evidenceBodyChars.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters`,
  };
}

export function exchangeEvidence(record: RequestRecord, curl?: string): ExchangeEvidence {
  const headers = record.requestHeaders;
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const requestBody = shown(record.requestBody);
  const responseBody = shown(record.responseBody);
  const cut = [record.responseBodyCut, responseBody.cut, record.bodiesLeftOut ? bodiesNotRecorded : undefined]
    .filter(Boolean)
    .join('; ');
  return {
    id: record.id ?? '(no id)',
    ...(record.suite ? { suite: record.suite } : {}),
    ...(record.test ? { test: record.test } : {}),
    ...(record.received ? { received: true as const } : {}),
    at: record.at,
    request: {
      method: record.method,
      url: record.url,
      headers,
      ...(contentType ? { contentType } : {}),
      ...(requestBody.body !== undefined ? { body: requestBody.body } : {}),
      ...(record.bodiesLeftOut
        ? { bodyCut: bodiesNotRecorded }
        : requestBody.cut
          ? { bodyCut: requestBody.cut }
          : {}),
    },
    ...(record.error === undefined && record.status !== undefined
      ? {
          response: {
            status: record.status,
            headers: record.responseHeaders ?? {},
            ...(responseBody.body !== undefined ? { body: responseBody.body } : {}),
            ...(record.responseBodySize ? { bodyBytes: record.responseBodySize.seenBytes } : {}),
            ...(cut ? { bodyCut: cut } : {}),
          },
        }
      : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ms: record.ms,
    curl: curl ?? curlOfRecord(record),
  };
}

/** The evidence as plain text: junit.xml's failure bodies and the console's representatives. */
export function evidenceText(evidence: ExchangeEvidence, indent = '  '): string[] {
  const { request, response } = evidence;
  const lines = [
    `exchange ${evidence.id}${evidence.test ? ` (${evidence.suite ?? ''} › ${evidence.test})` : ''} at ${evidence.at}`,
    `${evidence.received ? 'what the server sent, as received' : 'request'}: ${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([name, value]) => `${indent}${name}: ${value}`),
    ...(request.body !== undefined ? [`${indent}${request.body}`] : []),
    ...(request.bodyCut ? [`${indent}[body ${request.bodyCut}]`] : []),
  ];
  if (response) {
    lines.push(
      evidence.received
        ? `the receiver's answer: HTTP ${response.status}`
        : `response: HTTP ${response.status} (${evidence.ms} ms${response.bodyBytes !== undefined ? `, ${response.bodyBytes.toLocaleString('en-US')} bytes of body` : ''})`,
      ...Object.entries(response.headers).map(([name, value]) => `${indent}${name}: ${value}`),
      ...(response.body !== undefined ? [`${indent}${response.body}`] : []),
      ...(response.bodyCut ? [`${indent}[body ${response.bodyCut}]`] : []),
    );
  } else
    lines.push(
      `response: none, the request failed after ${evidence.ms} ms: ${evidence.error ?? 'no answer'}`,
    );
  // A notification's replay is its steps, several commented curl lines; any other replay is one
  // curl command, whatever newlines its body holds (a multipart body has some).
  if (!evidence.received) lines.push(`curl: ${evidence.curl}`);
  else
    lines.push(
      'curl (the steps that make the server send it):',
      ...evidence.curl.split('\n').map((l) => `${indent}${l}`),
    );
  return lines;
}
