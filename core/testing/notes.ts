/**
 * Notes of the links the suite creates. Every note starts with the run's tag (`[run:abc123]`), so
 * the runner can find and delete whatever a run left behind on a real server, and carries a fresh
 * marker, so a test can `search` for exactly its own links even on a shared account.
 */
import { randomBytes } from 'node:crypto';

let runId = 'local';

/** Set once per process by the contract harness; other users of the builders keep `local`. */
export function setRunId(id: string): void {
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) throw new Error(`run id must be 1-32 letters/digits, got ${id}`);
  runId = id;
}

export function runTag(): string {
  return `[run:${runId}]`;
}

/** A marker no other link has: letters and digits only, so searching for it is unambiguous. */
export function aMarker(): string {
  return `m${randomBytes(6).toString('hex')}`;
}

/** `[run:abc123] <text> <marker>`; pass the marker to find the link again by search. */
export function aNote(text = 'contract test link', marker = aMarker()): string {
  return `${runTag()} ${text} ${marker}`;
}

/** A note of exactly `length` characters that still starts with the run tag. */
export function aNoteOfLength(length: number, marker = aMarker()): string {
  const head = `${runTag()} ${marker} `;
  if (length < head.length) throw new Error(`a note needs at least ${head.length} characters`);
  return (head + 'x'.repeat(length)).slice(0, length);
}
