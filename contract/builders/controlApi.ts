/**
 * A small client of the sandbox control API (spec/sandbox.yaml): make tenants, pay or cancel links,
 * run payouts, arm faults. Every call may be observed (the contract harness logs it, redacted);
 * a refused call throws with the server's answer, since a test cannot go on without it, and so
 * does an answer whose body was cut at the cap (core/boundedBody.ts): its start is not the answer.
 */
import type { BodyLimits, BodyOutcome } from '../../core/boundedBody.ts';
import { readBoundedText } from '../../core/boundedResponse.ts';
import type { TargetBreaker } from '../../core/targetBreaker.ts';
import { redirectNote, targetFetch } from '../../core/targetFetch.ts';
import type { components } from '../../generated/sandbox.d.ts';
import { excerpt } from '../checks/types.ts';

type Schemas = components['schemas'];
export type Tenant = Schemas['Tenant'];
export type LinkState = Schemas['LinkState'];
export type FaultRequest = Schemas['FaultRequest'];
export type PayoutRun = {
  date: string;
  payouts: { payout_id: string; user_id: string; transaction_id: string; pay_ins: number }[];
};

export interface ControlCall {
  method: string;
  url: string;
  requestBody?: string;
  status?: number;
  /** The kept start of the body (all of it unless `bodyCut`). */
  responseBody?: string;
  responseBodySize?: BodyOutcome;
  /** Why the body is not whole (core/boundedBody.ts describeCut). */
  bodyCut?: string;
  error?: string;
  ms: number;
}

export interface ControlApi {
  createTenant(options?: Schemas['TenantRequest']): Promise<Tenant>;
  payLink(linkId: number): Promise<LinkState>;
  cancelLink(linkId: number): Promise<LinkState>;
  /** Only `userId`'s pay-ins when given: parallel tests must not pay out each other's. */
  runPayouts(date?: string, userId?: string): Promise<PayoutRun>;
  injectFault(fault: FaultRequest): Promise<void>;
  clearFaults(): Promise<void>;
}

export function controlApi(
  baseUrl: string,
  observe: (call: ControlCall) => void = () => {},
  limits?: BodyLimits,
  breaker?: TargetBreaker,
): ControlApi {
  // A redirected control call would make tenants (and hand their keys) on whichever host it names.
  const fetchTarget = targetFetch(baseUrl, undefined, limits, breaker);
  async function call<T>(method: string, path: string, body?: object): Promise<T> {
    const url = new URL(path, baseUrl).toString();
    const requestBody = body ? JSON.stringify(body) : undefined;
    const started = Date.now();
    try {
      const response = await fetchTarget(url, {
        method,
        headers: requestBody ? { 'content-type': 'application/json' } : {},
        body: requestBody,
        signal: AbortSignal.timeout(10_000),
      });
      const { text, body, cut } = await readBoundedText(response);
      observe({
        method,
        url,
        requestBody,
        status: response.status,
        responseBody: text,
        responseBodySize: body,
        ...(cut ? { bodyCut: cut } : {}),
        ms: Date.now() - started,
      });
      if (response.status !== 200 || cut) {
        const redirect = redirectNote(response.status, response.headers.get('location'), url);
        const why = redirect ?? (cut ? `a body ${cut}` : excerpt(text));
        throw new Error(`control API ${method} ${path} answered ${response.status}: ${why}`);
      }
      return (JSON.parse(text) as { data: T }).data;
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('control API'))) {
        observe({ method, url, requestBody, error: String(error), ms: Date.now() - started });
      }
      throw error;
    }
  }
  return {
    createTenant: (options = {}) => call('POST', '/sandbox/tenants', options),
    payLink: (linkId) => call('POST', `/sandbox/links/${linkId}/pay`),
    cancelLink: (linkId) => call('POST', `/sandbox/links/${linkId}/cancel`),
    runPayouts: (date, userId) =>
      call('POST', '/sandbox/payouts/run', {
        ...(date ? { date } : {}),
        ...(userId ? { user_id: userId } : {}),
      }),
    injectFault: async (fault) => {
      await call('POST', '/sandbox/faults', fault);
    },
    clearFaults: async () => {
      await call('DELETE', '/sandbox/faults');
    },
  };
}
