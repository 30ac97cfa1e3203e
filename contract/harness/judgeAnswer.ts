/**
 * Every answer a suite's call gets is judged here, whichever way it was sent (Pactum in `send`,
 * the typed client in `api`): the named checks (`conformsToSpec`), then the state oracle, the
 * verdict bounded (checks/boundedVerdict.ts), recorded as an observation of the running test, and
 * thrown as NotAsDocumented when a check failed.
 */
import { AssertionError } from 'node:assert';
import type { OperationId } from '../../core/spec.ts';
import { boundVerdict } from '../checks/boundedVerdict.ts';
import { conformsToSpec, toExchange } from '../checks/conformsToSpec.ts';
import type { Exchange } from '../checks/types.ts';
import { stateOracle } from '../oracle/processOracle.ts';
import { currentTest } from './currentTest.ts';
import { recordObservation } from './recorder.ts';

/**
 * An answer that failed its checks: the test fails with it, and the runner knows which operation
 * and which exchange it was (a prerequisite of the test's own operation, or that operation).
 */
export class NotAsDocumented extends AssertionError {
  constructor(
    message: string,
    readonly operationId: OperationId,
    readonly exchangeId: string | undefined,
  ) {
    super({ message });
  }
}

export interface Answered {
  operationId: OperationId;
  expectedStatus?: number;
  /** The key the request carried (the oracle's account); undefined for none. */
  token: string | undefined;
  /** The request's fields, for the oracle (a list's filters, a link's amount). */
  requestFields: Record<string, unknown> | undefined;
  answer: { status: number; headers: Exchange['headers']; bodyText: string; bodyCut?: string };
  /** The exchange's id in the run's records (RequestRecord.id). */
  exchangeId: string | undefined;
}

export function judgeAnswer(answered: Answered): void {
  const { operationId, expectedStatus, exchangeId } = answered;
  const exchange = toExchange(operationId, answered.answer, expectedStatus);
  const checked = conformsToSpec(exchange);
  // The state oracle learns from answers: a cut one teaches it nothing, and is not judged.
  if (!answered.answer.bodyCut)
    checked.failures.push(
      ...stateOracle({
        operationId,
        token: answered.token,
        request: answered.requestFields,
        status: exchange.status,
        body: exchange.body,
      }),
    );
  const verdict = boundVerdict(checked);
  const running = currentTest.getStore();
  recordObservation({
    kind: 'response',
    operationId,
    status: exchange.status,
    ...(expectedStatus === undefined ? {} : { expectedStatus }),
    ...(running ? { suite: running.operationId, test: running.title } : {}),
    ...(exchangeId ? { exchangeId } : {}),
    failures: verdict.failures,
    drift: verdict.drift,
  });
  if (verdict.failures.length > 0) {
    const lines = verdict.failures.map((f) => `  ${f.check}: ${f.message}`);
    throw new NotAsDocumented(
      `${operationId} answered HTTP ${exchange.status}, not as documented:\n${lines.join('\n')}`,
      operationId,
      exchangeId,
    );
  }
}
