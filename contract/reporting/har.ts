/**
 * reports/run.har: every request and response of a contract run as an HTTP Archive 1.2 log, so that
 * a browser's devtools, Insomnia or Postman can open the run and replay any exchange. It is built
 * from the same records as requests.log. The text is redacted by the caller, whole, after it is
 * built: a key may sit anywhere in it (a URL, a body, a header), so no part is redacted here.
 * What HAR has no member for (the suite, the test, the exchange id, why a body is not whole) goes
 * into `_`-prefixed members, which the spec reserves for custom fields, and into `comment`s.
 */
import { STATUS_CODES } from 'node:http';
import { redactedMarker } from '../../core/redact.ts';
import { bodiesNotRecorded, type RequestRecord } from './observations.ts';
import { secondAccountKey } from './redact.ts';

interface NameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: NameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
    comment?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment: string;
  _exchangeId?: string;
  _suite?: string;
  _test?: string;
  _bodyCut?: string;
  _error?: string;
}

/** Why a record has no bodies (harness/recorder.ts): in the words requests.log uses. */

/** Headers are recorded as sent and received (the `token` one already «redacted»), in their order. */
/**
 * A redacted key as the variable that holds it, in the `{{VARIABLE}}` form Postman and Insomnia
 * fill in from an environment: an imported exchange then replays with the integrator's own key.
 */
const keyVariables = new Map([
  [redactedMarker, '{{SECPAID_TOKEN}}'],
  [secondAccountKey, '{{SECPAID_TOKEN_B}}'],
]);

function nameValues(headers: Record<string, string> | undefined): NameValue[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({
    name,
    value: name.toLowerCase() === 'token' ? (keyVariables.get(value) ?? value) : value,
  }));
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** A relative or malformed URL still gets its query parsed; one with no query yields none. */
function queryString(url: string): NameValue[] {
  const query = url.split('#', 1)[0]!.split('?').slice(1).join('?');
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A negative, fractional or missing duration would break `time` = the sum of the timings. */
function elapsedMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * Records are stamped when the exchange ended (the answer read, or the failure); HAR wants the
 * start, and a viewer draws each bar from it. A stamp that is not a date is kept as it is.
 */
function startOf(record: RequestRecord, time: number): { iso: string; ms: number } {
  const end = Date.parse(record.at);
  if (Number.isNaN(end)) return { iso: record.at, ms: Number.NaN };
  return { iso: new Date(end - time).toISOString(), ms: end - time };
}

function requestBodySize(record: RequestRecord): number {
  if (record.requestBody !== undefined) return bytes(record.requestBody);
  if (!record.bodiesLeftOut) return 0;
  // The body was sent but not recorded: its Content-Length, if one was sent, else unknown.
  const length = Number(header(record.requestHeaders, 'content-length'));
  return Number.isSafeInteger(length) && length >= 0 ? length : -1;
}

/** Bytes of the whole body as it arrived (more than the kept text when it was cut), when known. */
function responseBodySize(record: RequestRecord): number {
  if (record.responseBodySize) return record.responseBodySize.seenBytes;
  if (record.responseBody !== undefined) return bytes(record.responseBody);
  return record.bodiesLeftOut ? -1 : 0;
}

function bodyCut(record: RequestRecord): string | undefined {
  const notes = [record.responseBodyCut, record.bodiesLeftOut ? bodiesNotRecorded : undefined];
  const said = notes.filter((note): note is string => note !== undefined);
  return said.length > 0 ? said.join('; ') : undefined;
}

function describe(record: RequestRecord): string {
  const words = [
    record.suite ? `suite ${record.suite}` : 'no suite recorded',
    record.test ? `test "${record.test}"` : 'no test running',
    record.id ? `exchange ${record.id}` : 'no exchange id recorded',
  ].join(', ');
  if (record.received)
    return `a notification the server sent to the suite's receiver (the response is the receiver's); ${words}`;
  return record.error ? `${words}; the request failed: ${record.error}` : words;
}

function entry(record: RequestRecord): HarEntry {
  const time = elapsedMs(record.ms);
  const answered = record.status !== undefined;
  const requestType = header(record.requestHeaders, 'content-type') ?? '';
  const size = answered ? responseBodySize(record) : 0;
  const cut = bodyCut(record);
  return {
    startedDateTime: startOf(record, time).iso,
    time,
    request: {
      method: record.method,
      url: record.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(record.requestHeaders),
      queryString: queryString(record.url),
      ...(record.requestBody !== undefined
        ? { postData: { mimeType: requestType, text: record.requestBody } }
        : {}),
      headersSize: -1,
      bodySize: requestBodySize(record),
    },
    response: {
      status: record.status ?? 0,
      statusText: answered ? (STATUS_CODES[record.status!] ?? '') : '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(record.responseHeaders),
      content: {
        // content.size is required and, unlike bodySize, has no -1 for "unknown": that is given as 0.
        size: Math.max(size, 0),
        mimeType: header(record.responseHeaders, 'content-type') ?? '',
        ...(record.responseBody !== undefined ? { text: record.responseBody } : {}),
      },
      redirectURL: header(record.responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: size,
      ...(record.error && !answered ? { comment: `no answer: ${record.error}` } : {}),
    },
    cache: {},
    // Only the whole duration is recorded; it is all counted as waiting, so the timings add up to it.
    timings: { send: 0, wait: time, receive: 0 },
    comment: describe(record),
    ...(record.id ? { _exchangeId: record.id } : {}),
    ...(record.suite ? { _suite: record.suite } : {}),
    ...(record.test ? { _test: record.test } : {}),
    ...(cut ? { _bodyCut: cut } : {}),
    ...(record.error ? { _error: record.error } : {}),
  };
}

/** Oldest first, as the spec prefers; stamps that are not dates go last, in the order given. */
function byStart(a: { start: number }, b: { start: number }): number {
  if (Number.isNaN(a.start) || Number.isNaN(b.start))
    return Number(Number.isNaN(a.start)) - Number(Number.isNaN(b.start));
  return a.start - b.start;
}

/**
 * Characters of each body the archive keeps, and of all its bodies together: a server that answers
 * megabytes to every request must not make an archive no tool opens. Past either bound the body is
 * cut, and `_bodyCut` says so; requests.log and contract.html hold the same exchanges.
 */
export const harBodyChars = 16_384;
export const harBodiesBudgetChars = 8 * 1024 * 1024;

function clipped(records: RequestRecord[]): RequestRecord[] {
  let budget = harBodiesBudgetChars;
  const keep = (text: string | undefined): { text?: string; note?: string } => {
    if (text === undefined) return {};
    const room = Math.max(0, Math.min(harBodyChars, budget));
    const kept = text.slice(0, room);
    budget -= kept.length;
    if (kept.length === text.length) return { text };
    const why =
      room < harBodyChars
        ? 'the archive’s budget for bodies was spent'
        : `the archive keeps ${harBodyChars.toLocaleString('en-US')} characters of a body`;
    return {
      text: kept,
      note: `${kept.length.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters kept: ${why}`,
    };
  };
  return records.map((record) => {
    const request = keep(record.requestBody);
    const response = keep(record.responseBody);
    const notes = [
      record.responseBodyCut,
      request.note && `request body ${request.note}`,
      response.note && `response body ${response.note}`,
    ].filter(Boolean);
    return {
      ...record,
      ...(request.text !== undefined ? { requestBody: request.text } : {}),
      ...(response.text !== undefined ? { responseBody: response.text } : {}),
      ...(notes.length > 0 ? { responseBodyCut: notes.join('; ') } : {}),
    };
  });
}

export function harText(records: RequestRecord[], creator: { name: string; version: string }): string {
  const entries = clipped(records)
    .map((record) => ({ start: startOf(record, elapsedMs(record.ms)).ms, entry: entry(record) }))
    .sort(byStart)
    .map(({ entry }) => entry);
  const har = { log: { version: '1.2', creator: { name: creator.name, version: creator.version }, entries } };
  return `${JSON.stringify(har, null, 2)}\n`;
}
