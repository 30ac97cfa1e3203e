/**
 * What the run's body cap did (core/boundedBody.ts), for the console, summary.json and
 * requests.log: the cap and the drain bound, the cleanup's own cap (it reads whole pages of links),
 * how many answers' bodies were cut and why, and how many request records went without their bodies
 * once the private directory's budget for them was spent.
 */
import { type BodyCut, type BodyLimits, bytesText, sizeText } from '../../core/boundedBody.ts';
import type { RequestRecord } from './observations.ts';

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
  recordBudgetBytes: number;
  recordsWithoutBodies: number;
  /** The private directory's size when the run ended (it only grows during a run). */
  privateDirBytes: number;
}

export function bodyReport(
  records: readonly RequestRecord[],
  limits: BodyLimits,
  cleanupLimits: BodyLimits,
  recordBudgetBytes: number,
  privateDirBytes: number,
): BodyReport {
  const byReason: Record<BodyCut, number> = { 'over the cap': 0, endless: 0, 'too slow': 0 };
  let answers = 0;
  let recordsWithoutBodies = 0;
  for (const record of records) {
    if (record.bodiesLeftOut) recordsWithoutBodies += 1;
    const size = record.responseBodySize;
    if (!size) continue;
    answers += 1;
    if (size.cut) byReason[size.cut] += 1;
  }
  const cut = Object.values(byReason).reduce((sum, n) => sum + n, 0);
  const { capBytes, drainBytes } = limits;
  return {
    capBytes,
    drainBytes,
    cleanupCapBytes: cleanupLimits.capBytes,
    answers,
    cut,
    byReason,
    recordBudgetBytes,
    recordsWithoutBodies,
    privateDirBytes,
  };
}

/** The report in one or two lines: always the cap and the cut count; the budget when it was spent. */
export function bodyReportLines(report: BodyReport): string[] {
  const reasons = Object.entries(report.byReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const cut = report.cut === 0 ? 'none cut' : `${report.cut} cut (${reasons})`;
  const lines = [
    `Response bodies: at most ${sizeText(report.capBytes)} kept of each (--max-body-bytes; cleanup keeps up to ${sizeText(report.cleanupCapBytes)} of its pages of links), at most ${sizeText(report.drainBytes)} read; ${report.answers} ${report.answers === 1 ? 'answer' : 'answers'}, ${cut}.`,
  ];
  if (report.recordsWithoutBodies > 0)
    lines.push(
      `Request records: ${report.recordsWithoutBodies} written without their bodies, past the run's ${sizeText(report.recordBudgetBytes)} budget for them (the private directory held ${bytesText(report.privateDirBytes)} at the end).`,
    );
  return lines;
}
