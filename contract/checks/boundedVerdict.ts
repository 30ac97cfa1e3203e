/**
 * One answer's verdict, bounded before anything keeps it (observations, the thrown assertion,
 * junit.xml, the console): a server can make every element of a long list fail, or send tens of
 * thousands of unknown keys, and each failure and drift path would otherwise be copied in full.
 * At most `maxShown` failures and drift paths are kept, then one entry saying how many more; each
 * message and path is cut like any received value (excerpt), so no entry can be long either.
 */

import { redactKnown } from '../reporting/redact.ts';
import type { Verdict } from './conformsToSpec.ts';
import { type CheckFailure, excerpt, valueChars } from './types.ts';

export const maxShown = 50;

/** A single failure message: a few quoted values and the words around them, never more than this. */
export const messageChars = 600;

/** The drift path that stands for every unknown field past the first `maxShown` of an answer. */
export const moreDrift = `(more undocumented fields: past the first ${maxShown} of an answer, not listed)`;

/**
 * A test's whole failure message as the reports show it: redacted, its lines kept, each cut like a
 * message (an assertion's diff may print a received value of any length), the whole cut past `max`.
 */
export const detailChars = 20_000;

export function boundedText(text: string, max: number): string {
  const lines = redactKnown(text)
    .split('\n')
    .map((line) =>
      line.length > messageChars ? `${line.slice(0, messageChars)}… (${line.length} chars)` : line,
    );
  const bounded = lines.join('\n');
  return bounded.length > max ? `${bounded.slice(0, max)}… (${bounded.length} chars)` : bounded;
}

function moreFailures(rest: readonly CheckFailure[]): CheckFailure {
  const byCheck = new Map<string, number>();
  for (const { check } of rest) byCheck.set(check, (byCheck.get(check) ?? 0) + 1);
  const checks = [...byCheck].map(([check, n]) => `${check} ×${n.toLocaleString('en-US')}`).join(', ');
  return {
    check: rest[0]!.check,
    message: `… and ${rest.length.toLocaleString('en-US')} more failures of this answer, not listed (${checks})`,
    rollup: true,
  };
}

export function boundVerdict(verdict: Verdict): Verdict {
  const failures = verdict.failures.slice(0, maxShown).map((f) => ({
    ...f,
    message: excerpt(f.message, messageChars),
    ...(f.signature === undefined ? {} : { signature: excerpt(f.signature, messageChars) }),
    ...(f.schemaPath === undefined ? {} : { schemaPath: excerpt(f.schemaPath, messageChars) }),
  }));
  if (verdict.failures.length > maxShown) failures.push(moreFailures(verdict.failures.slice(maxShown)));
  const drift = verdict.drift.slice(0, maxShown).map((path) => excerpt(path, valueChars));
  if (verdict.drift.length > maxShown) drift.push(moreDrift);
  return { failures, drift };
}
