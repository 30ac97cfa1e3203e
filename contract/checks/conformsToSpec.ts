/**
 * The one verdict every response of the suite gets: all named checks run, their failures listed
 * together, and the drift (unknown fields) collected beside them as warnings. A body cut at the
 * run's cap is judged by the checks of status and headers, and `responseBodyBounded` says why the
 * rest could not run.
 */
import { operations } from '../../core/spec.ts';
import { clockConformance } from './clockConformance.ts';
import { contentTypeConformance } from './contentTypeConformance.ts';
import { unknownFields } from './drift.ts';
import { envelopeStatusAgreement } from './envelopeStatusAgreement.ts';
import { headerConformance } from './headerConformance.ts';
import { linkConsistency } from './linkConsistency.ts';
import { moneyArithmetic } from './moneyArithmetic.ts';
import { responseBodyBounded } from './responseBodyBounded.ts';
import { responseSchemaConformance } from './responseSchemaConformance.ts';
import { statusAsIntended, statusCodeConformance } from './statusCodeConformance.ts';
import type { Check, CheckFailure, CheckMessage, Exchange } from './types.ts';

export const checks: readonly Check<string | CheckMessage>[] = [
  statusAsIntended,
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  envelopeStatusAgreement,
  headerConformance,
  linkConsistency,
  moneyArithmetic,
  clockConformance,
  responseBodyBounded,
];

/** The checks that read the body: they have nothing to judge in a body that was cut. */
const readBody: ReadonlySet<Check<string | CheckMessage>> = new Set<Check<string | CheckMessage>>([
  responseSchemaConformance,
  envelopeStatusAgreement,
  linkConsistency,
  moneyArithmetic,
  clockConformance,
]);

export interface Verdict {
  failures: CheckFailure[];
  drift: string[];
}

export function conformsToSpec(exchange: Exchange): Verdict {
  const applicable = exchange.bodyCut === undefined ? checks : checks.filter((check) => !readBody.has(check));
  const failures = applicable.flatMap((check) =>
    check
      .run(exchange)
      .map((said) =>
        typeof said === 'string' ? { check: check.name, message: said } : { check: check.name, ...said },
      ),
  );
  const schema = operations[exchange.operationId].responseSchema(exchange.status);
  const drift = exchange.bodyIsJson ? unknownFields(schema, exchange.body) : [];
  return { failures, drift };
}

/**
 * Reads a raw response into an Exchange (the body is parsed whatever the content type says; a cut
 * body is not: its start may parse, and must not pass for the body).
 */
export function toExchange(
  operationId: Exchange['operationId'],
  response: { status: number; headers: Exchange['headers']; bodyText: string; bodyCut?: string },
  expectedStatus?: number,
): Exchange {
  let body: unknown;
  let bodyIsJson = false;
  if (response.bodyCut === undefined) {
    try {
      body = JSON.parse(response.bodyText);
      bodyIsJson = true;
    } catch {
      body = undefined;
    }
  }
  return { operationId, expectedStatus, ...response, body, bodyIsJson, receivedAt: Date.now() };
}
