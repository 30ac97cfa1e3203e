/**
 * A suite's call through the typed client (client/secpaidClient.ts), held to the same rules as
 * `send`'s Pactum calls: the run's target, body limits and breaker, the exchange recorded (the key
 * named by its role, harness/keyRoles.ts) and attributed to the running test, and the answer
 * judged (judgeAnswer.ts) against the status the test expects. No answer at all is the operation's
 * failure too (a `noAnswer` observation), and the test fails on the client's error.
 */
import {
  createSecPaidClient,
  type SecPaidClient,
  SecPaidRequestError,
  type SecPaidResult,
} from '../../client/secpaidClient.ts';
import type { OperationId } from '../../core/spec.ts';
import { bodyFields } from '../oracle/processOracle.ts';
import { processBreaker } from './breaker.ts';
import { contractContext } from './context.ts';
import { currentTest } from './currentTest.ts';
import { exchangeRecord } from './exchangeRecord.ts';
import { judgeAnswer } from './judgeAnswer.ts';
import { recordedKey } from './keyRoles.ts';
import { recordObservation, recordRequest } from './recorder.ts';

/** The longest delay setTimeout keeps. */
const maxTimeoutMs = 2 ** 31 - 1;

export async function typedCall<Id extends OperationId>(
  operationId: Id,
  token: string,
  expectedStatus: number,
  call: (client: SecPaidClient) => Promise<SecPaidResult<Id>>,
): Promise<SecPaidResult<Id>> {
  const { baseUrl, bodyLimits } = contractContext();
  let exchangeId: string | undefined;
  let sentBody: string | null = null;
  const client = createSecPaidClient({
    baseUrl,
    token,
    bodyLimits,
    // The head's deadline, then the body's: the call as a whole is bounded by both.
    timeoutMs: Math.min(bodyLimits.headDeadlineMs + bodyLimits.deadlineMs, maxTimeoutMs),
    breaker: processBreaker,
    describeToken: recordedKey,
    onExchange: (exchange) => {
      sentBody = exchange.request.body;
      exchangeId = recordRequest(exchangeRecord(exchange));
    },
  });
  let result: SecPaidResult<Id>;
  try {
    result = await call(client);
  } catch (error) {
    // A request that was never made (a tripped breaker, say) has no exchange to cite.
    if (error instanceof SecPaidRequestError && exchangeId) {
      const running = currentTest.getStore();
      recordObservation({
        kind: 'noAnswer',
        operationId,
        ...(running ? { suite: running.operationId, test: running.title } : {}),
        exchangeId,
        error: error.message,
      });
    }
    throw error;
  }
  judgeAnswer({
    operationId,
    expectedStatus,
    token,
    requestFields: bodyFields(sentBody ?? undefined),
    answer: {
      status: result.status,
      headers: Object.fromEntries(result.headers),
      bodyText: result.bodyText,
      ...(!result.documented && result.bodyCut ? { bodyCut: result.bodyCut } : {}),
    },
    exchangeId,
  });
  return result;
}
