/**
 * The drift report: every response field the spec does not know, per operation and status, with
 * how often it was seen and one test that saw it. Warnings only; the spec lets extra fields through.
 * Each answer lists at most 50 (checks/boundedVerdict.ts), and the report at most
 * `maxPathsPerStatus` distinct fields per operation and status: a server inventing new keys in
 * every answer would otherwise grow it with every request.
 */
import type { OperationId } from '../../core/spec.ts';
import type { Observation } from './observations.ts';

export interface DriftEntry {
  operationId: OperationId;
  status: number;
  path: string;
  count: number;
  example: string;
  /** A documented field that the same answers lack, whose name or value this one matches (reporting/renamed.ts). */
  probablyRenamedFrom?: string;
}

export const maxPathsPerStatus = 100;

/** The field that stands for every one past the first `maxPathsPerStatus` of an operation and status. */
export const morePaths = `(more undocumented fields: past the first ${maxPathsPerStatus} of this status, not listed)`;

export function collectDrift(observations: Observation[]): DriftEntry[] {
  const entries = new Map<string, DriftEntry>();
  const paths = new Map<string, number>();
  for (const o of observations) {
    if (o.kind !== 'response') continue;
    const status = `${o.operationId} ${o.status}`;
    for (const seen of o.drift) {
      const known = entries.has(`${status} ${seen}`);
      const room = (paths.get(status) ?? 0) < maxPathsPerStatus;
      const path = known || room ? seen : morePaths;
      if (!known && room) paths.set(status, (paths.get(status) ?? 0) + 1);
      const key = `${status} ${path}`;
      const entry = entries.get(key) ?? {
        operationId: o.operationId,
        status: o.status,
        path,
        count: 0,
        example: o.test ?? '',
      };
      entry.count += 1;
      entries.set(key, entry);
    }
  }
  return [...entries.values()].sort(
    (a, b) =>
      a.operationId.localeCompare(b.operationId) || a.status - b.status || a.path.localeCompare(b.path),
  );
}

export function driftMarkdown(drift: DriftEntry[], heading: string): string {
  const out = [`# Drift: response fields the spec does not know (${heading})`, ''];
  if (drift.length === 0) {
    out.push('None: every response field is documented.');
  } else {
    out.push('Warnings, not failures. Document these fields in `spec/` or stop sending them.', '');
    out.push('| operation | status | field | seen | e.g. in test |', '|---|---|---|---|---|');
    for (const d of drift) {
      const renamed = d.probablyRenamedFrom ? ` (probably renamed from \`${d.probablyRenamedFrom}\`)` : '';
      out.push(`| ${d.operationId} | ${d.status} | \`${d.path}\`${renamed} | ${d.count} | ${d.example} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
