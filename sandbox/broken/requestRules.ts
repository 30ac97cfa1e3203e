/**
 * Broken modes that refuse valid bodies at their limits, as servers with narrower checks than the
 * spec do. Called once, after the spec's validation passed (http/readRequest.ts).
 */
import { invalid } from '../errors.ts';
import type { BrokenMode } from './modes.ts';

export function refuseByBrokenRules(mode: BrokenMode | undefined, body: Record<string, unknown>): void {
  if (mode === 'note-bytes-limit' && typeof body.recipient_note === 'string') {
    // A 500-byte column: a 500-character note of `€` is 1500 bytes.
    if (Buffer.byteLength(body.recipient_note, 'utf8') > 500) throw invalid('recipient_note is too long');
  }
  if (mode === 'amount-max-exclusive' && typeof body.amount === 'number' && body.amount >= 999999.99)
    throw invalid('amount must be less than 999999.99');
}
