/**
 * What the records say of a `token` header. A real key (the run's, a tenant's) is never written:
 * the record says «redacted», or which variable holds it, so that a curl line replays the request
 * with `$SECPAID_TOKEN` or `$SECPAID_TOKEN_B`. A key a test made up (too short, unknown to every
 * account) is nobody's secret: it is written as sent, so that the replay sends the same wrong key
 * and gets the same answer.
 */
import { redactedMarker } from '../../core/redact.ts';
import { secondAccountKey } from '../reporting/redact.ts';
import { contractContext } from './context.ts';

const madeUp = new Set<string>();

/** Declares `key` made up by a test, no account's: the reports may show it. */
export function madeUpKey(key: string): string {
  madeUp.add(key);
  return key;
}

export function recordedKey(value: string): string {
  if (value === '' || madeUp.has(value)) return value;
  return value === contractContext().tokens.b ? secondAccountKey : redactedMarker;
}
