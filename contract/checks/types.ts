/**
 * What every contract check sees: one HTTP exchange, already read, with the operation it was meant
 * for and the status the test provoked on purpose. Checks are small named functions returning the
 * failures they found, each message "received … / documented …" so the server can be fixed from it.
 */
import type { OperationId } from '../../core/spec.ts';
import { redactKnown } from '../reporting/redact.ts';

export interface Exchange {
  operationId: OperationId;
  /** The status the test set out to provoke; absent when any documented status will do. */
  expectedStatus?: number;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  /** The parsed body, when `bodyText` is JSON (whatever the content type claims). */
  body?: unknown;
  bodyIsJson: boolean;
  /**
   * Why `bodyText` is only the start of the body (over the cap, endless, too slow: core/boundedBody.ts);
   * the body is then not parsed, and the checks that read it do not run.
   */
  bodyCut?: string;
  /** When the answer arrived (ms since the epoch); the clock checks use now when absent. */
  receivedAt?: number;
}

/** A failure a check can say more of than its message: what groups it with its like, and where its rule is. */
export interface CheckMessage {
  message: string;
  /** The message without the values of this one answer: failures with the same one are one finding. */
  signature?: string;
  /** The failed rule's place in the operation × status response schema (ajv's schemaPath, `#/…`). */
  schemaPath?: string;
  /** Stands for failures it does not list ("… and 12 more"): no finding of its own. */
  rollup?: true;
}

/** Most checks say a message per failure; one that knows more says a CheckMessage. */
export interface Check<Said extends string | CheckMessage = string> {
  name: string;
  run(exchange: Exchange): Said[];
}

export interface CheckFailure extends CheckMessage {
  check: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A short, single-line rendering of a value or body for messages: every value a message quotes
 * from an answer goes through it, since a server may send a field of any length and a message is
 * copied into observations, assertions, junit.xml and the console. Redacted before it is cut: a
 * token cut in half would no longer be recognised by the report's redactor. `max` is 240 for a
 * body, `valueChars` for one value.
 */
export function excerpt(value: unknown, max = 240): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  const line = redactKnown(text).replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}… (${line.length} chars)` : line;
}

/** The length of one received value quoted in a message. */
export const valueChars = 80;

/** A received value as JSON (strings quoted), cut to `valueChars`: `"CET"`, `1`, `undefined`. */
export const quoted = (value: unknown): string => excerpt(JSON.stringify(value), valueChars);

export function headerValue(headers: Exchange['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What a type is called in a signature: the kind of value received, never the value. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}
