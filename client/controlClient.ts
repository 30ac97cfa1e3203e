/**
 * The typed client of the sandbox control API (spec/sandbox.yaml, types from
 * generated/sandbox.d.ts): make tenants, pay or cancel links, run payouts, arm faults, read the
 * payment notifications the sandbox sent and send one again. `api` is the
 * openapi-fetch client itself, every answer typed by status, for tests of the control API; the
 * named methods are for code that needs the call to succeed (test set-up, seeding): they answer
 * the `data` of a 200 and throw on anything else, a body cut at the cap included (its start is not
 * the answer). Requests go to baseUrl's origin only, never follow a redirect and are bounded like
 * every call of the harness (core/targetFetch.ts); `onExchange` sees each one.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { BodyLimits } from '../core/boundedBody.ts';
import type { TargetBreaker } from '../core/targetBreaker.ts';
import { redirectNote, targetFetch } from '../core/targetFetch.ts';
import type { components, paths } from '../generated/sandbox.d.ts';
import { captureExchange, type ExchangeHook } from './exchange.ts';
import { describeFailure } from './results.ts';

type Schemas = components['schemas'];
export type Tenant = Schemas['Tenant'];
export type TenantRequest = Schemas['TenantRequest'];
export type LinkState = Schemas['LinkState'];
export type FaultRequest = Schemas['FaultRequest'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type PayoutRun =
  paths['/sandbox/payouts/run']['post']['responses'][200]['content']['application/json']['data'];

export interface ControlClientOptions {
  /** The sandbox's origin, e.g. `http://127.0.0.1:4010`; the control paths (`/sandbox/...`) are appended. */
  baseUrl: string;
  fetch?: (input: Request) => Promise<Response>;
  /** Per call, until the whole answer is read. Default 10 s. */
  timeoutMs?: number;
  bodyLimits?: BodyLimits;
  breaker?: TargetBreaker;
  /** Called once per call, after the answer (or the failure); the control API carries no key. */
  onExchange?: ExchangeHook;
}

export interface ControlClient {
  readonly baseUrl: string;
  /** openapi-fetch over spec/sandbox.yaml: `api.POST('/sandbox/links/{link_id}/pay', { params })`. */
  readonly api: Client<paths>;
  createTenant(options?: TenantRequest): Promise<Tenant>;
  payLink(linkId: number): Promise<LinkState>;
  cancelLink(linkId: number): Promise<LinkState>;
  /** Only `userId`'s pay-ins when given: parallel tests must not pay out each other's. */
  runPayouts(date?: string, userId?: string): Promise<PayoutRun>;
  injectFault(fault: FaultRequest): Promise<FaultRequest>;
  clearFaults(): Promise<{ cleared: number }>;
  /** The notification deliveries, oldest first: only `linkId`'s when given. */
  /** The newest `limit` deliveries (the sandbox's default 100, at most 1000), of one link or all, oldest first. */
  listWebhooks(linkId?: number, limit?: number): Promise<WebhookDelivery[]>;
  /**
   * Sends a delivery again now; answers it with the new attempt once the endpoint has answered, which
   * may take the sandbox's webhook timeout: this client's `timeoutMs` should be longer.
   */
  redeliverWebhook(deliveryId: string): Promise<WebhookDelivery>;
}

/** The answer of a named method that did not succeed: its status and what it said. */
export class ControlCallError extends Error {
  override name = 'ControlCallError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What a refused call said, in one line: the error envelope's words, or the start of the text. */
function answerText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; errorMessage?: unknown };
    if (typeof body.error === 'string') return `${body.error}: ${String(body.errorMessage ?? '')}`;
  } catch {
    // Not JSON: the text itself.
  }
  const line = text.replace(/\s+/g, ' ');
  return line.length > 160 ? `${line.slice(0, 160)}… (${line.length} chars)` : line;
}

export function createControlClient(options: ControlClientOptions): ControlClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  // A redirected control call would make tenants (and hand their keys) on whichever host it names.
  const fetchTarget = targetFetch(baseUrl, options.fetch, options.bodyLimits, options.breaker);
  const api = createClient<paths>({ baseUrl, redirect: 'manual', fetch: fetchTarget });
  // `api` used directly is observed here; the named methods capture their own exchange below.
  const captures = new Map<string, ReturnType<typeof captureExchange>>();
  const report = async (
    capture: ReturnType<typeof captureExchange> | undefined,
    path: string,
    error?: string,
  ) => {
    const exchange = capture?.finish(path, error);
    if (exchange) await options.onExchange?.(exchange);
    return exchange;
  };
  api.use({
    async onRequest({ id, request }) {
      const capture = captureExchange();
      captures.set(id, capture);
      await capture.request(request);
    },
    async onResponse({ id, response }) {
      await captures.get(id)?.response(response);
      const capture = captures.get(id);
      captures.delete(id);
      await report(capture, new URL(response.url || baseUrl).pathname);
    },
    async onError({ id, request, error }) {
      const capture = captures.get(id);
      captures.delete(id);
      await report(capture, new URL(request.url).pathname, describeFailure(error, timeoutMs).reason);
    },
  });
  const named = createClient<paths>({ baseUrl, redirect: 'manual', fetch: fetchTarget });

  /** Runs one named call: its data when it answered 200 whole, else a ControlCallError. */
  async function succeed<T>(
    method: string,
    path: string,
    call: (init: { signal: AbortSignal; middleware: Middleware[] }) => Promise<{
      data?: { data: T };
      response: Response;
    }>,
  ): Promise<T> {
    const capture = captureExchange();
    const own: Middleware = {
      onRequest: ({ request }) => capture.request(request),
      onResponse: ({ response }) => capture.response(response),
    };
    let answer: Awaited<ReturnType<typeof call>> | undefined;
    let failure: string | undefined;
    try {
      answer = await call({ signal: AbortSignal.timeout(timeoutMs), middleware: [own] });
    } catch (error) {
      // No answer, or one that is not JSON (the record below has it, and says which).
      failure = describeFailure(error, timeoutMs).reason;
    }
    const exchange = capture.finish(path, failure);
    if (exchange) await options.onExchange?.(exchange);
    const received = exchange?.response;
    if (!received)
      throw new Error(`control API ${method} ${path} failed: ${failure ?? 'no request was made'}`);
    if (received.status === 200 && !received.bodyCut && answer?.data) return answer.data.data;
    const redirect = redirectNote(received.status, received.headers.location, `${baseUrl}${path}`);
    const why =
      redirect ?? (received.bodyCut ? `a body ${received.bodyCut}` : (failure ?? answerText(received.body)));
    throw new ControlCallError(
      `control API ${method} ${path} answered ${received.status}: ${why}`,
      received.status,
    );
  }

  const client: ControlClient = {
    baseUrl,
    api,
    createTenant: (body = {}) =>
      succeed('POST', '/sandbox/tenants', (init) => named.POST('/sandbox/tenants', { ...init, body })),
    payLink: (linkId) =>
      succeed('POST', `/sandbox/links/${linkId}/pay`, (init) =>
        named.POST('/sandbox/links/{link_id}/pay', { ...init, params: { path: { link_id: linkId } } }),
      ),
    cancelLink: (linkId) =>
      succeed('POST', `/sandbox/links/${linkId}/cancel`, (init) =>
        named.POST('/sandbox/links/{link_id}/cancel', { ...init, params: { path: { link_id: linkId } } }),
      ),
    runPayouts: (date, userId) =>
      succeed('POST', '/sandbox/payouts/run', (init) =>
        named.POST('/sandbox/payouts/run', {
          ...init,
          body: { ...(date ? { date } : {}), ...(userId ? { user_id: userId } : {}) },
        }),
      ),
    injectFault: (fault) =>
      succeed('POST', '/sandbox/faults', (init) => named.POST('/sandbox/faults', { ...init, body: fault })),
    clearFaults: () => succeed('DELETE', '/sandbox/faults', (init) => named.DELETE('/sandbox/faults', init)),
    listWebhooks: (linkId, limit) => {
      const query = {
        ...(linkId === undefined ? {} : { link_id: linkId }),
        ...(limit === undefined ? {} : { limit }),
      };
      const search = new URLSearchParams(
        Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      return succeed('GET', `/sandbox/webhooks${search ? `?${search}` : ''}`, (init) =>
        named.GET('/sandbox/webhooks', { ...init, params: { query } }),
      );
    },
    redeliverWebhook: (deliveryId) =>
      succeed('POST', `/sandbox/webhooks/${deliveryId}/redeliver`, (init) =>
        named.POST('/sandbox/webhooks/{delivery_id}/redeliver', {
          ...init,
          params: { path: { delivery_id: deliveryId } },
        }),
      ),
  };
  return Object.freeze(client);
}
