/**
 * What the run's bounds on answers did, for the console, summary.json and requests.log: the body cap
 * and the drain bound (core/boundedBody.ts), the cleanup's own cap (it reads whole pages of links),
 * how many answers' bodies were cut and why, and what the private directory's budget for records
 * did: request records written without their bodies, observations written with their essentials.
 */
import { type BodyCut, type BodyLimits, bytesText, sizeText } from '../../core/boundedBody.ts';
import type { Observation, RequestRecord } from './observations.ts';

export interface BodyReport {
  capBytes: number;
  drainBytes: number;
  /** Cleanup's own cap, for its pages of links (core/boundedBody.ts pagingBodyLimits). */
  cleanupCapBytes: number;
  /** Answers with a body outcome (every answer that arrived). */
  answers: number;
  /** Of those, bodies not kept whole. */
  cut: number;
  byReason: Record<BodyCut, number>;
  /** Bytes each kind of record (request records, observations) may take in the private directory. */
  recordBudgetBytes: number;
  recordsWithoutBodies: number;
  /** Observations past the budget: kept with their essentials, and what they left out. */
  observationsWithoutDetails: number;
  leftOut: { failures: number; drift: number };
  /** The private directory's size when the run ended (it only grows during a run). */
  privateDirBytes: number;
}

export interface BodyFacts {
  requests: readonly RequestRecord[];
  observations: readonly Observation[];
  limits: BodyLimits;
  cleanupLimits: BodyLimits;
  recordBudgetBytes: number;
  privateDirBytes: number;
}

export function bodyReport(facts: BodyFacts): BodyReport {
  const byReason: Record<BodyCut, number> = { 'over the cap': 0, endless: 0, 'too slow': 0 };
  let answers = 0;
  let recordsWithoutBodies = 0;
  for (const record of facts.requests) {
    if (record.bodiesLeftOut) recordsWithoutBodies += 1;
    const size = record.responseBodySize;
    if (!size) continue;
    answers += 1;
    if (size.cut) byReason[size.cut] += 1;
  }
  let observationsWithoutDetails = 0;
  const leftOut = { failures: 0, drift: 0 };
  for (const observation of facts.observations) {
    if (observation.kind !== 'response' || !observation.detailsLeftOut) continue;
    observationsWithoutDetails += 1;
    leftOut.failures += observation.detailsLeftOut.failures;
    leftOut.drift += observation.detailsLeftOut.drift;
  }
  const cut = Object.values(byReason).reduce((sum, n) => sum + n, 0);
  const { capBytes, drainBytes } = facts.limits;
  return {
    capBytes,
    drainBytes,
    cleanupCapBytes: facts.cleanupLimits.capBytes,
    answers,
    cut,
    byReason,
    recordBudgetBytes: facts.recordBudgetBytes,
    recordsWithoutBodies,
    observationsWithoutDetails,
    leftOut,
    privateDirBytes: facts.privateDirBytes,
  };
}

/** The report in a few lines: always the caps and the cut count; the budget when it was spent. */
export function bodyReportLines(report: BodyReport): string[] {
  const reasons = Object.entries(report.byReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const cut = report.cut === 0 ? 'none cut' : `${report.cut} cut (${reasons})`;
  const budget = `past the run's ${sizeText(report.recordBudgetBytes)} budget for them`;
  const held = `the private directory held ${bytesText(report.privateDirBytes)} at the end`;
  const lines = [
    `Response bodies: at most ${sizeText(report.capBytes)} kept of each (--max-body-bytes; cleanup keeps up to ${sizeText(report.cleanupCapBytes)} of its pages of links), at most ${sizeText(report.drainBytes)} read; ${report.answers} ${report.answers === 1 ? 'answer' : 'answers'}, ${cut}.`,
  ];
  if (report.recordsWithoutBodies > 0)
    lines.push(
      `Request records: ${report.recordsWithoutBodies} written without their bodies, ${budget} (${held}).`,
    );
  if (report.observationsWithoutDetails > 0) {
    const { failures, drift } = report.leftOut;
    lines.push(
      `Observations: ${report.observationsWithoutDetails} written with their essentials only (operation, status, the names of the failed checks), ${budget}: ${failures} failure messages and ${drift} drift paths left out of coverage and drift reports (${held}).`,
    );
  }
  return lines;
}
