/**
 * Pactum, configured once per suite process: the target's base URL, redirects never followed, no
 * console output (pactum prints requests with their headers on failure, and the token header must
 * never be printed), every answer's body bounded by the run's cap (boundedPactum.ts), the expect
 * handler every response goes through (`conformsToSpec`: judgeAnswer.ts, which also judges the
 * typed client's answers), `expectJsonSchema` on the shared ajv (schemaAdapter.ts), and a listener
 * that logs every exchange with the token redacted: the kept body and what became of the whole one.
 */
import pactum from 'pactum';
import { sentHeadersOf } from '../../core/boundedAgent.ts';
import type { OperationId } from '../../core/spec.ts';
import { type Exchange, headerValue } from '../checks/types.ts';
import { bodyFields } from '../oracle/processOracle.ts';
import { boundedBodyOf, boundPactum } from './boundedPactum.ts';
import { processBreaker } from './breaker.ts';
import { contractContext } from './context.ts';
import { currentTest } from './currentTest.ts';
import { judgeAnswer } from './judgeAnswer.ts';
import { recordedKey } from './keyRoles.ts';
import { apiOperationOf, recordObservation, recordRequest } from './recorder.ts';
import { sharedAjvSchemaAdapter } from './schemaAdapter.ts';

export interface ConformsData {
  operationId: OperationId;
  status?: number;
}

type RawResponse = {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  text?: string;
  buffer?: Buffer;
};
type RawRequest = {
  url: string;
  method: string;
  headers?: Record<string, unknown>;
  /** The body as the request event has it (what was sent)... */
  data?: unknown;
  /** ...and as an expect handler's context has it. */
  body?: unknown;
};

function flatHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    // The key is never recorded, only what it was (harness/keyRoles.ts); each of two headers so.
    out[name.toLowerCase()] = (name.toLowerCase() === 'token' ? values.map(recordedKey) : values).join(', ');
  }
  return out;
}

function requestBodyText(request: RawRequest): string | undefined {
  if (request.data === undefined) return undefined;
  return typeof request.data === 'string'
    ? request.data
    : Buffer.isBuffer(request.data)
      ? request.data.toString('utf8')
      : JSON.stringify(request.data);
}

/** What a record says of a body: its outcome and, when it was cut, the cut in words. */
function boundedRecord(meter: ReturnType<typeof boundedBodyOf>) {
  const cut = meter.describe();
  return { responseBodySize: meter.outcome(), ...(cut ? { responseBodyCut: cut } : {}) };
}

const exchangeIds = new WeakMap<object, string>();

/** The id of the exchange that got this Pactum response (RequestRecord.id), once it is recorded. */
export function exchangeIdOf(response: object): string | undefined {
  return exchangeIds.get(response);
}

function logExchange(event: {
  request: RawRequest;
  response: RawResponse & { responseTime?: number } & Partial<Error>;
}): void {
  const { request, response } = event;
  const failed = response instanceof Error;
  // The headers as node:http sent them, when the request got that far; else as Pactum had them.
  const sent = failed ? undefined : sentHeadersOf(response);
  const id = recordRequest({
    at: new Date().toISOString(),
    method: request.method,
    url: request.url,
    requestHeaders: flatHeaders((sent as Record<string, unknown> | undefined) ?? request.headers),
    requestBody: requestBodyText(request),
    ...(failed
      ? { error: String(response.message) }
      : {
          status: response.statusCode,
          responseHeaders: flatHeaders(response.headers),
          responseBody: response.text,
          ...boundedRecord(boundedBodyOf(response)),
        }),
    ms: response.responseTime ?? 0,
  });
  if (typeof response === 'object' && response !== null) exchangeIds.set(response, id);
  // No answer at all: no expect handler will see it, and the test fails on the error. The
  // operation was called all the same, and this is its failure (reporting/buildReport.ts).
  const operationId = failed ? apiOperationOf(request.url) : undefined;
  if (operationId) {
    const running = currentTest.getStore();
    recordObservation({
      kind: 'noAnswer',
      operationId,
      ...(running ? { suite: running.operationId, test: running.title } : {}),
      exchangeId: id,
      error: String(response.message),
    });
  }
}

function conformsHandler(ctx: { req?: RawRequest; res: RawResponse; data?: ConformsData }): void {
  const { operationId, status } = ctx.data ?? ({} as ConformsData);
  if (!operationId) throw new Error('conformsToSpec needs { operationId }');
  const { statusCode, headers, text } = ctx.res;
  const bodyCut = boundedBodyOf(ctx.res).describe();
  judgeAnswer({
    operationId,
    ...(status === undefined ? {} : { expectedStatus: status }),
    token: headerValue((ctx.req?.headers ?? {}) as Exchange['headers'], 'token'),
    requestFields: bodyFields(ctx.req?.body ?? ctx.req?.data),
    answer: {
      status: statusCode ?? 0,
      headers: headers ?? {},
      bodyText: text ?? '',
      ...(bodyCut ? { bodyCut } : {}),
    },
    exchangeId: exchangeIdOf(ctx.res),
  });
}

let configured = false;

export function configurePactum(): typeof pactum {
  if (configured) return pactum;
  configured = true;
  const context = contractContext();
  pactum.request.setBaseUrl(context.baseUrl);
  // The head's deadline (boundedPactum.ts); the body has the run's own after it.
  pactum.request.setDefaultTimeout(context.bodyLimits.headDeadlineMs);
  // Pactum's default today, pinned: a followed redirect would send the token header to any host.
  pactum.request.setDefaultFollowRedirects(false);
  pactum.settings.setLogLevel('SILENT');
  pactum.settings.setReporterAutoRun(false);
  boundPactum(pactum, context.bodyLimits, processBreaker);
  pactum.handler.addExpectHandler('conformsToSpec', conformsHandler as never);
  pactum.settings.setJsonSchemaAdapter(sharedAjvSchemaAdapter);
  pactum.events.pactumEvents.on(pactum.events.EVENT_TYPES.AFTER_RESPONSE, logExchange);
  return pactum;
}
