/**
 * `k6/http` over real HTTP: request/get/post/put/patch/del/head, batch, setResponseCallback and
 * expectedStatuses. Each call blocks the VU (SyncHttp) and emits k6's http metrics with k6's tags
 * (method, url, name, status, expected_response, the request's tags, the VU's). Redirects are not
 * followed: a 3xx that k6 would follow (redirects allowed by the request or `maxRedirects`) fails the
 * call loudly rather than answering differently from k6. `blockHostnames` refuses a request as k6 does.
 */
import type { Realm } from './realm.ts';
import { durationMs } from './scenarios.ts';
import { type RunState, record, type VuState, vuTags } from './state.ts';
import type { WireRequest, WireResponse } from './wire.ts';

type Params = {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  redirects?: number;
  timeout?: string | number;
};
type Call = { method: string; url: string; body: unknown; params: Params };

const k6DefaultUserAgent = 'Grafana k6/1.0.0 (https://github.com/grafana/k6)';

/** A request timeout: a number is milliseconds, a string a k6 duration (`60s`); k6's default is 60 s. */
const timeoutMs = (value: string | number | undefined) =>
  value === undefined ? 60_000 : durationMs(value, 'request timeout');

/**
 * Go's url.QueryEscape: letters, digits and `-_.~` stay, a space becomes `+`, every other UTF-8 byte
 * `%XX` (encodeURIComponent also leaves `!'()*`, which Go escapes).
 */
function goQueryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * An object body as k6 sends it: Go's url.Values.Encode, keys sorted by their bytes, each
 * `key=value` query-escaped, values written as strings.
 */
export function formBody(body: Record<string, unknown>): string {
  const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  return Object.keys(body)
    .sort(byBytes)
    .map((key) => `${goQueryEscape(key)}=${goQueryEscape(String(body[key]))}`)
    .join('&');
}

function encodeBody(body: unknown, headers: Record<string, string>): string | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body)) {
    // k6 sends an object as a form.
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    return formBody(body as Record<string, unknown>);
  }
  throw new Error('k6runtime emulates string, null and object bodies only');
}

function blockedBy(url: URL, patterns: readonly string[]): string | undefined {
  const host = url.hostname.toLowerCase();
  return patterns.find((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p.toLowerCase()));
}

/** k6's `http.batch` entries: `[method, url, body, params]`, `{ method, url, body, params }`, or a URL to GET. */
function batchCall(entry: unknown): Call {
  if (typeof entry === 'string') return { method: 'GET', url: entry, body: null, params: {} };
  if (Array.isArray(entry))
    return { method: entry[0], url: entry[1], body: entry[2], params: entry[3] ?? {} };
  const e = entry as Partial<Call>;
  return { method: e.method ?? 'GET', url: String(e.url), body: e.body ?? null, params: e.params ?? {} };
}

export function httpModule(run: RunState, vu: VuState, realm: Realm): Record<string, unknown> {
  const callbacks = new WeakMap<object, (status: number) => boolean>();

  function prepare(call: Call): { wire: WireRequest; blocked?: string } {
    const headers: Record<string, string> = { ...(call.params.headers ?? {}) };
    const agent = run.options.userAgent;
    if (agent !== '' && !Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent'))
      headers['User-Agent'] = typeof agent === 'string' ? agent : k6DefaultUserAgent;
    const body = encodeBody(call.body, headers);
    const blocked = blockedBy(new URL(call.url), (run.options.blockHostnames ?? []) as string[]);
    const wire = {
      method: call.method.toUpperCase(),
      url: call.url,
      headers,
      body,
      timeoutMs: timeoutMs(call.params.timeout ?? (run.options.timeout as string | undefined)),
    };
    return { wire, blocked };
  }

  function respond(call: Call, wire: WireRequest, answer: WireResponse) {
    const expected = vu.expected(answer.status);
    const allowedRedirects = call.params.redirects ?? (run.options.maxRedirects as number | undefined) ?? 10;
    if (answer.status >= 300 && answer.status < 400 && answer.headers.Location && allowedRedirects > 0)
      throw realm.error(
        `k6 would follow the redirect of ${wire.method} ${wire.url} (redirects ${allowedRedirects}); k6runtime follows none`,
      );
    const requestTags = call.params.tags ?? {};
    const tags = {
      ...vuTags(run, vu),
      method: wire.method,
      url: wire.url,
      name: requestTags.name ?? wire.url,
      status: String(answer.status),
      expected_response: String(expected),
      ...(answer.errorCode ? { error_code: String(answer.errorCode) } : {}),
      ...requestTags,
    };
    record(run, 'http_reqs', 1, tags);
    record(run, 'http_req_duration', answer.durationMs, tags);
    record(run, 'http_req_waiting', answer.waitingMs, tags);
    record(run, 'http_req_failed', expected ? 0 : 1, tags);
    if (answer.error) run.log.push(`warn: Request Failed: ${wire.method} ${wire.url}: ${answer.error}`);
    const response = realm.copy({
      status: answer.status,
      body: answer.status === 0 ? null : answer.body,
      headers: answer.headers,
      error: answer.error,
      error_code: answer.errorCode,
      url: wire.url,
      timings: { duration: answer.durationMs, waiting: answer.waitingMs },
      request: { method: wire.method, url: wire.url, headers: wire.headers, body: wire.body ?? '' },
    }) as Record<string, unknown>;
    response.json = realm.jsonMethod;
    return response;
  }

  function send(calls: Call[]) {
    if (vu.phase === 'init') throw realm.error('Making http requests in the init context is not supported');
    const prepared = calls.map(prepare);
    const toSend = prepared.filter((p) => p.blocked === undefined).map((p) => p.wire);
    const answers = run.http.send(toSend);
    return prepared.map((p, i) => {
      if (p.blocked !== undefined) {
        const error = `hostname (${new URL(p.wire.url).hostname}) is in a blocked pattern (${p.blocked})`;
        return realm.copy({ status: 0, body: null, headers: {}, error, error_code: 1111, url: p.wire.url });
      }
      return respond(calls[i]!, p.wire, answers.shift()!);
    });
  }

  const request = (method: string, url: string, body?: unknown, params?: Params) =>
    send([{ method, url: String(url), body, params: params ?? {} }])[0];
  const withBody = (method: string) => (url: string, body?: unknown, params?: Params) =>
    request(method, url, body, params);
  const withoutBody = (method: string) => (url: string, params?: Params) =>
    request(method, url, null, params);

  const module = {
    request,
    get: withoutBody('GET'),
    head: withoutBody('HEAD'),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    del: withBody('DELETE'),
    options: withBody('OPTIONS'),
    batch(entries: unknown) {
      if (!Array.isArray(entries)) throw realm.error('k6runtime emulates http.batch with an array only');
      return realm.copy<unknown[]>([]).concat(send(entries.map(batchCall)));
    },
    expectedStatuses(...ranges: (number | { min: number; max: number })[]) {
      const marker = realm.copy({});
      callbacks.set(marker, (status) =>
        ranges.some((r) => (typeof r === 'number' ? status === r : status >= r.min && status <= r.max)),
      );
      return marker;
    },
    setResponseCallback(callback: object | null) {
      const test = callback === null ? () => true : callbacks.get(callback);
      if (!test) throw realm.error('setResponseCallback takes what http.expectedStatuses returns (or null)');
      vu.expected = test;
    },
  };
  return { ...module, default: module };
}
