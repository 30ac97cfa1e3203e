/**
 * What the runner's body cap did in a run, in words for the console and the HTML report: answers
 * longer than the cap (checked on their start) and bodies still coming at the timeout (endless).
 */
import type { LoadReport } from './report.ts';

export function bodiesLine(report: LoadReport): string {
  const { cutBodies, endlessBodies } = report.totals;
  const cap = report.engine.maxBodyBytes;
  const parts = [];
  if (cutBodies)
    parts.push(`${cutBodies} answers were longer than ${cap} bytes: their checks saw only that much`);
  if (endlessBodies)
    parts.push(
      `${endlessBodies} bodies were still coming, past ${cap} bytes, at the ${report.engine.timeoutS} s timeout (endless or dripping): counted as requests without an answer`,
    );
  return parts.join('; ');
}
