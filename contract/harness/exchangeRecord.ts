/**
 * A call of the typed clients (client/) as the run's request log keeps it (RequestRecord, without
 * the id, suite and test the recorder adds): the same fields whichever client made the call.
 */
import type { SecPaidExchange } from '../../client/exchange.ts';
import type { RequestRecord } from '../reporting/observations.ts';

export function exchangeRecord({
  request,
  response,
  error,
  durationMs,
}: SecPaidExchange): Omit<RequestRecord, 'id' | 'suite' | 'test'> {
  return {
    at: new Date().toISOString(),
    method: request.method,
    url: request.url,
    requestHeaders: request.headers,
    ...(request.body === null ? {} : { requestBody: request.body }),
    ...(response
      ? {
          status: response.status,
          responseHeaders: response.headers,
          responseBody: response.body,
          ...(response.bodySize ? { responseBodySize: response.bodySize } : {}),
          ...(response.bodyCut ? { responseBodyCut: response.bodyCut } : {}),
        }
      : {}),
    ...(error ? { error } : {}),
    ms: Math.round(durationMs),
  };
}
