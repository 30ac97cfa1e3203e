/**
 * JUnit for a load run, the same from k6's handleSummary and from the runner: one suite per run,
 * one test case per threshold (CI shows each SLO as a test). The XML is core/junitXml.ts's, the one
 * writer of the harness; engine-neutral like it.
 */
import { junitDocument } from '../../core/junitXml.ts';

export { escapeXml } from '../../core/junitXml.ts';

export interface JUnitCase {
  name: string;
  /** Groups cases in CI views, e.g. "load.createLinks.smoke". */
  classname: string;
  ok: boolean;
  /** Why it failed, or what was measured when it passed. */
  message: string;
  /** Seconds. */
  time?: number;
}

export function junitXml(suiteName: string, cases: readonly JUnitCase[], timeSeconds = 0): string {
  return junitDocument(suiteName, [
    {
      name: suiteName,
      timeSeconds,
      cases: cases.map((c) => ({
        name: c.name,
        classname: c.classname,
        timeSeconds: c.time ?? 0,
        ...(c.ok
          ? { outcome: 'passed' as const, systemOut: c.message }
          : { outcome: 'failed' as const, message: c.message, failureType: 'ThresholdBreached' }),
      })),
    },
  ]);
}
