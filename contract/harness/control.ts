/**
 * The sandbox control API as a suite process uses it (client/controlClient.ts): each call logged
 * like an API call (bodies pass the runner's redactor later), attributed to the running test, and
 * told to the state oracle.
 */
import { type ControlClient, createControlClient } from '../../client/controlClient.ts';
import { observeControl } from '../oracle/processOracle.ts';
import { processBreaker } from './breaker.ts';
import { contractContext } from './context.ts';
import { exchangeRecord } from './exchangeRecord.ts';
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
    onExchange: (exchange) => {
      const { request, response } = exchange;
      observeControl({
        method: request.method,
        url: request.url,
        ...(response ? { status: response.status, responseBody: response.body } : {}),
        ...(response?.bodyCut ? { bodyCut: response.bodyCut } : {}),
      });
      recordRequest(exchangeRecord(exchange));
    },
  });
  return client;
}
