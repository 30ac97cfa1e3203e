/**
 * Request-field coverage of the generated phase: for each operation of the run and each field of its
 * request schema, how many positives carried it, how many of its boundaries and how many negatives
 * were sent. A field none of whose positives, negatives or (when it has limits) boundaries was sent
 * fails the gate, unless the target could not provoke that exercise (a reason excuses only the
 * exercise it stopped; the --max-requests cap excuses nothing). Only when the phase ran.
 */
import type { OperationId } from '../../core/spec.ts';
import { boundaries } from '../generator/fieldCases.ts';
import { requestFields } from '../generator/requestFields.ts';
import type { FieldExercise, Observation } from './observations.ts';

export type FieldState = 'exercised' | 'missing' | 'notProvokable';

export interface FieldCoverageRow {
  operationId: OperationId;
  field: string;
  positives: number;
  boundaries: number;
  negatives: number;
  /** What was never sent: `positives`, `boundaries`, `negatives`. */
  lacking: FieldExercise[];
  /** What was never sent with no reason from the target: what fails the gate. */
  unexcused: FieldExercise[];
  state: FieldState;
  /** Why the target could not provide what is lacking, as `positives: <reason>`. */
  reasons: string[];
}

export function computeFieldCoverage(
  selected: readonly OperationId[],
  observations: Observation[],
): FieldCoverageRow[] {
  const rows = new Map<string, FieldCoverageRow>();
  const needsBoundaries = new Set<string>();
  const excuses = new Map<string, Map<FieldExercise, string[]>>();
  for (const operationId of selected) {
    for (const field of requestFields(operationId)) {
      const key = `${operationId} ${field.name}`;
      rows.set(key, {
        operationId,
        field: field.name,
        positives: 0,
        boundaries: 0,
        negatives: 0,
        lacking: [],
        unexcused: [],
        state: 'missing',
        reasons: [],
      });
      const { valid, invalid } = boundaries(field);
      if (valid.length + invalid.length > 0) needsBoundaries.add(key);
    }
  }
  for (const o of observations) {
    if (o.kind === 'fieldNotProvokable') {
      const key = `${o.operationId} ${o.field}`;
      const byExercise = excuses.get(key) ?? new Map<FieldExercise, string[]>();
      const reasons = byExercise.get(o.exercise) ?? [];
      if (!reasons.includes(o.reason)) reasons.push(o.reason);
      byExercise.set(o.exercise, reasons);
      excuses.set(key, byExercise);
      continue;
    }
    if (o.kind !== 'response' || !o.generated) continue;
    const { kind, field, carried } = o.generated;
    if (kind === 'boundary' && field) bump(rows, o.operationId, field, 'boundaries');
    if (kind === 'negative' && field) bump(rows, o.operationId, field, 'negatives');
    for (const name of carried ?? []) bump(rows, o.operationId, name, 'positives');
  }
  for (const [key, row] of rows) {
    row.lacking = (['positives', 'negatives', 'boundaries'] as const).filter(
      (what) => row[what] === 0 && (what !== 'boundaries' || needsBoundaries.has(key)),
    );
    const byExercise = excuses.get(key);
    row.reasons = row.lacking.flatMap((what) => (byExercise?.get(what) ?? []).map((r) => `${what}: ${r}`));
    row.unexcused = row.lacking.filter((what) => (byExercise?.get(what)?.length ?? 0) === 0);
    row.state =
      row.lacking.length === 0 ? 'exercised' : row.unexcused.length === 0 ? 'notProvokable' : 'missing';
  }
  return [...rows.values()];
}

function bump(
  rows: Map<string, FieldCoverageRow>,
  operationId: OperationId,
  field: string,
  what: 'positives' | 'boundaries' | 'negatives',
) {
  const row = rows.get(`${operationId} ${field}`);
  if (row) row[what] += 1;
}

/** The field names a body carries: `amount`, `recipients`, `recipients[].share`. */
export function carriedFields(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const names: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    names.push(name);
    if (Array.isArray(value))
      for (const item of value)
        for (const inner of carriedFields(item))
          if (!names.includes(`${name}[].${inner}`)) names.push(`${name}[].${inner}`);
  }
  return names;
}

export function fieldGateProblems(rows: readonly FieldCoverageRow[]): string[] {
  return rows
    .filter((row) => row.state === 'missing')
    .map((row) => `${row.operationId} field ${row.field} (no ${row.unexcused.join(', no ')})`);
}
