/**
 * Pactum, configured once per suite process: the target's base URL, redirects never followed, no
 * console output (pactum prints requests with their headers on failure, and the token header must
 * never be printed), the one expect handler every response goes through (`conformsToSpec`), and a
 * listener that logs every exchange with the token redacted.
 */
import { AssertionError } from 'node:assert';
import pactum from 'pactum';
import type { OperationId } from '../../core/spec.ts';
import { formText } from '../builders/forms.ts';
import { conformsToSpec, toExchange } from '../checks/conformsToSpec.ts';
import { type Exchange, headerValue } from '../checks/types.ts';
import { bodyFields, stateOracle } from '../oracle/processOracle.ts';
import { contractContext } from './context.ts';
import { currentTest } from './currentTest.ts';
import { recordObservation, recordRequest } from './recorder.ts';

export interface ConformsData {
  operationId: OperationId;
  status?: number;
}

type RawResponse = {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  text?: string;
};
type RawRequest = {
  url: string;
  method: string;
  headers?: Record<string, unknown>;
  data?: unknown;
  form?: Record<string, string>;
};

function flatHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name.toLowerCase()] =
      name.toLowerCase() === 'token' ? '«redacted»' : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function requestBodyText(request: RawRequest): string | undefined {
  if (request.form) return formText(request.form);
  if (request.data === undefined) return undefined;
  return typeof request.data === 'string'
    ? request.data
    : Buffer.isBuffer(request.data)
      ? request.data.toString('utf8')
      : JSON.stringify(request.data);
}

function logExchange(event: {
  request: RawRequest;
  response: RawResponse & { responseTime?: number } & Partial<Error>;
}): void {
  const { request, response } = event;
  const failed = response instanceof Error;
  recordRequest({
    at: new Date().toISOString(),
    test: currentTest.getStore()?.title,
    method: request.method,
    url: request.url,
    requestHeaders: flatHeaders(request.headers),
    requestBody: requestBodyText(request),
    ...(failed
      ? { error: String(response.message) }
      : {
          status: response.statusCode,
          responseHeaders: flatHeaders(response.headers),
          responseBody: response.text,
        }),
    ms: response.responseTime ?? 0,
  });
}

function conformsHandler(ctx: { req?: RawRequest; res: RawResponse; data?: ConformsData }): void {
  const { operationId, status } = ctx.data ?? ({} as ConformsData);
  if (!operationId) throw new Error('conformsToSpec needs { operationId }');
  const exchange = toExchange(
    operationId,
    { status: ctx.res.statusCode ?? 0, headers: ctx.res.headers ?? {}, bodyText: ctx.res.text ?? '' },
    status,
  );
  const verdict = conformsToSpec(exchange);
  verdict.failures.push(
    ...stateOracle({
      operationId,
      token: headerValue((ctx.req?.headers ?? {}) as Exchange['headers'], 'token'),
      request: bodyFields(ctx.req?.form ?? ctx.req?.data),
      status: exchange.status,
      body: exchange.body,
    }),
  );
  recordObservation({
    kind: 'response',
    operationId,
    status: exchange.status,
    ...(status === undefined ? {} : { expectedStatus: status }),
    test: currentTest.getStore()?.title,
    failures: verdict.failures,
    drift: verdict.drift,
  });
  if (verdict.failures.length > 0) {
    const lines = verdict.failures.map((f) => `  ${f.check}: ${f.message}`);
    throw new AssertionError({
      message: `${operationId} answered HTTP ${exchange.status}, not as documented:\n${lines.join('\n')}`,
    });
  }
}

let configured = false;

export function configurePactum(): typeof pactum {
  if (configured) return pactum;
  configured = true;
  pactum.request.setBaseUrl(contractContext().baseUrl);
  pactum.request.setDefaultTimeout(15_000);
  // Pactum's default today, pinned: a followed redirect would send the token header to any host.
  pactum.request.setDefaultFollowRedirects(false);
  pactum.settings.setLogLevel('SILENT');
  pactum.settings.setReporterAutoRun(false);
  pactum.handler.addExpectHandler('conformsToSpec', conformsHandler as never);
  pactum.events.pactumEvents.on(pactum.events.EVENT_TYPES.AFTER_RESPONSE, logExchange);
  return pactum;
}
