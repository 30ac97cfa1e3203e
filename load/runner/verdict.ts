/**
 * The run's verdict as an exit code, shared by the CLI and the HTML report's banner.
 */
import type { LoadReport } from './report.ts';

/**
 * 0 when the run met everything; 1 when the target failed a figure the run can vouch for; 2 when the
 * only failures are figures a saturated load generator cannot vouch for (the run is inconclusive).
 */
export function exitCodeOf(report: LoadReport): 0 | 1 | 2 {
  if (report.ok) return 0;
  const trustedFailure = report.thresholds.some((t) => !t.ok && t.trusted !== false);
  const baselineFailure =
    !report.generator.saturated && (report.baseline?.comparisons ?? []).some((c) => !c.ok);
  const abortedByTarget = report.aborted !== undefined && !report.generator.saturated;
  return trustedFailure || baselineFailure || abortedByTarget ? 1 : 2;
}

/** The word for the verdict: the one the CLI prints last, and the HTML report's banner. */
export function verdictWord(report: LoadReport): 'PASSED' | 'FAILED' | 'INCONCLUSIVE' {
  const code = exitCodeOf(report);
  return code === 0 ? 'PASSED' : code === 2 ? 'INCONCLUSIVE' : 'FAILED';
}
