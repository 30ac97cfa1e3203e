/**
 * The verdict on one generated exchange: the status must be one the spec allows for that request
 * (never a 5xx, never a 2xx for bad input), the answer must pass every named response check, and a
 * created link must echo what was sent (a boundary "repaired" by the server is a failure too), and
 * the answer must agree with what this process's earlier answers established (the state oracle).
 * The verdict is bounded (checks/boundedVerdict.ts) before anything keeps it.
 */

import { centsOf, formatCents } from '../../core/money.ts';
import { boundVerdict } from '../checks/boundedVerdict.ts';
import { conformsToSpec, toExchange } from '../checks/conformsToSpec.ts';
import { type CheckFailure, excerpt, kindOf, quoted, valueChars } from '../checks/types.ts';
import { stateOracle } from '../oracle/processOracle.ts';
import type { Example } from './example.ts';
import type { Received } from './sendExample.ts';

export interface Verdict {
  failures: CheckFailure[];
  drift: string[];
}

/** createLink and createSplitLink must answer with the amount and note that were sent. */
function echoFailures(example: Example, body: Record<string, unknown>, answer: unknown): CheckFailure[] {
  if (example.operationId !== 'createLink' && example.operationId !== 'createSplitLink') return [];
  const data = (answer as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data) return [];
  const failures: CheckFailure[] = [];
  const echo = (message: string, field: string, received: unknown) =>
    failures.push({
      check: 'createdAsSent',
      message,
      signature: `data.${field}: not the value sent (received ${kindOf(received)})`,
    });
  // Form bodies send the decimal text, JSON the number: both are the same cents.
  const sent = centsOf(typeof body.amount === 'string' ? body.amount : Number(body.amount));
  if (sent !== undefined && data.amount !== formatCents(sent))
    echo(`received data.amount ${quoted(data.amount)} / sent ${formatCents(sent)}`, 'amount', data.amount);
  const note = body.recipient_note ?? '';
  if (typeof note === 'string' && data.recipient_note !== note)
    echo(
      `received data.recipient_note ${excerpt(data.recipient_note, valueChars)} / sent ${excerpt(note, valueChars)} (${[...note].length} characters)`,
      'recipient_note',
      data.recipient_note,
    );
  return failures;
}

export function judge(
  example: Example,
  body: Record<string, unknown> | undefined,
  received: Received,
  tokenValues: string[] | undefined,
): Verdict {
  const allowed = example.expect;
  const failures: CheckFailure[] = [];
  const ok = allowed.includes(received.status);
  if (!ok) {
    const why = example.because ? ` (${example.because})` : '';
    failures.push({
      check: 'statusAsDocumented',
      message: `received HTTP ${received.status} / documented for this request: ${allowed.join(' or ')}${why}; body: ${excerpt(received.bodyText)}`,
    });
  }
  // The response checks judge the answer against the status it claims (a wrong status is reported above).
  const exchange = toExchange(example.operationId, received, undefined);
  const verdict = conformsToSpec(exchange);
  failures.push(...verdict.failures);
  // Two token headers are no one key: the oracle has nothing to hold that answer against. Nor
  // has it anything to learn from, or judge in, a body cut at the cap (responseBodyBounded says so).
  const token = tokenValues?.length === 1 ? tokenValues[0] : undefined;
  const request = example.raw === undefined ? body : undefined;
  if (received.bodyCut === undefined)
    failures.push(
      ...stateOracle({
        operationId: example.operationId,
        token,
        request,
        status: received.status,
        body: exchange.body,
      }),
    );
  if (ok && received.status === 200 && body) failures.push(...echoFailures(example, body, exchange.body));
  return boundVerdict({ failures, drift: verdict.drift });
}
