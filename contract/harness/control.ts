/**
 * The sandbox control API as a suite process uses it (client/controlClient.ts): each call logged
 * like an API call (bodies pass the runner's redactor later), attributed to the running test, and
 * told to the state oracle.
 */
import { type ControlClient, createControlClient } from '../../client/controlClient.ts';
import { observeControl } from '../oracle/processOracle.ts';
import { processBreaker } from './breaker.ts';
import { contractContext } from './context.ts';
import { recordRequest } from './recorder.ts';

let client: ControlClient | undefined;

export function control(): ControlClient {
  const context = contractContext();
  if (!context.control)
    throw new Error('this target has no sandbox control API (the test should have declared it)');
  client ??= createControlClient({
    baseUrl: context.baseUrl,
    bodyLimits: context.bodyLimits,
    breaker: processBreaker,
    onExchange: ({ request, response, error, durationMs }) => {
      observeControl({
        method: request.method,
        url: request.url,
        ...(response ? { status: response.status, responseBody: response.body } : {}),
        ...(response?.bodyCut ? { bodyCut: response.bodyCut } : {}),
      });
      recordRequest({
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
      });
    },
  });
  return client;
}
