/**
 * The sandbox control API as a suite process uses it: each call logged like an API call (bodies
 * pass the runner's redactor later), attributed to the running test, and told to the state oracle.
 */
import { type ControlApi, controlApi } from '../builders/controlApi.ts';
import { observeControl } from '../oracle/processOracle.ts';
import { processBreaker } from './breaker.ts';
import { contractContext } from './context.ts';
import { recordRequest } from './recorder.ts';

let client: ControlApi | undefined;

export function control(): ControlApi {
  const context = contractContext();
  if (!context.control)
    throw new Error('this target has no sandbox control API (the test should have declared it)');
  client ??= controlApi(
    context.baseUrl,
    (call) => {
      observeControl(call);
      recordRequest({
        at: new Date().toISOString(),
        method: call.method,
        url: call.url,
        requestHeaders: call.requestBody ? { 'content-type': 'application/json' } : {},
        requestBody: call.requestBody,
        status: call.status,
        responseBody: call.responseBody,
        ...(call.responseBodySize ? { responseBodySize: call.responseBodySize } : {}),
        ...(call.bodyCut ? { responseBodyCut: call.bodyCut } : {}),
        error: call.error,
        ms: call.ms,
      });
    },
    context.bodyLimits,
    processBreaker,
  );
  return client;
}
