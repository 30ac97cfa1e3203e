/**
 * The run's report: one JSON document (also the baseline format for `--baseline`), a JUnit file with
 * one test case per threshold (and per baseline comparison), and a self-contained HTML page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Capacity } from '../shared/capacity.ts';
import { type JUnitCase, junitXml } from '../shared/junit.ts';
import type { Comparison } from './baseline.ts';
import type { GeneratorHealth } from './generatorHealth.ts';
import { htmlReport } from './html.ts';
import type { MeasurementNote } from './measurementNote.ts';
import type { Saturation } from './saturation.ts';
import type { OperationStats } from './stats.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { TimelinePoint } from './timeline.ts';
import type { WarmUpSummary } from './warmUpSummary.ts';

export interface LoadReport {
  tool: 'secpaid-load';
  format: 1;
  scenario: string;
  description: string;
  profile: string;
  /** Origin only: no path, no credentials. */
  target: string;
  embeddedSandbox: boolean;
  startedAt: string;
  durationS: number;
  engine: {
    name: 'autocannon';
    workers: number;
    /** Most connections open at once, and the most the run allowed itself. */
    maxConnections: number;
    connectionBudget: number;
    /** Why the budget is below the profile's maxVUs (the open-file limit), when it is. */
    connectionBudgetLowered?: string;
    timeoutS: number;
    graceS: number;
    /** Bytes of each answer kept for the checks; longer answers are counted in totals.cutBodies. */
    maxBodyBytes: number;
  };
  /** The measured run (requests and seconds after the warm-up); durationS above includes the warm-up. */
  plan: {
    rateScale: number;
    peakRate: number;
    requests: number;
    durationS: number;
    warmUpS: number;
    segments: number;
  };
  /** Requests of the measured run (the warm-up's are in warmUp). */
  totals: {
    planned: number;
    issued: number;
    answered: number;
    failed: number;
    interrupted: number;
    /** Measured requests due before the run ended (or was stopped) that never started. */
    dropped: number;
    /** Answers longer than engine.maxBodyBytes: their checks saw only the start. */
    cutBodies: number;
    /** Requests lost at the timeout while their body, already longer than engine.maxBodyBytes, was still coming. */
    endlessBodies: number;
    achievedRps: number;
  };
  /** Before the measured run: checked and stated, not judged. */
  warmUp?: WarmUpSummary;
  /** How the figures were measured and whether the latency figures can be trusted. */
  measurement: MeasurementNote;
  operations: OperationStats[];
  thresholds: ThresholdResult[];
  baseline?: { file: string; tolerance: number; comparisons: Comparison[] };
  /** Why the run stopped early, if it did. */
  aborted?: string;
  /** The load generator's own health: when it saturated, latency figures are not the target's. */
  generator: GeneratorHealth;
  /** Who ran out of capacity, when the run shows a limit. */
  saturation?: Saturation;
  /** The highest rate every SLO held over a window, and the first that broke (profiles with capacityWindowS). */
  capacity?: Capacity;
  timeline: TimelinePoint[];
  /** Seeding and cleanup, for the record (counts only). */
  cleanup?: { deletedLinks: number } | { error: string };
  ok: boolean;
}

export function junitCases(report: LoadReport): JUnitCase[] {
  const cases: JUnitCase[] = report.thresholds.map((t) => ({
    name: t.id,
    classname: `load.${report.scenario}.${report.profile}`,
    ok: t.ok,
    message: t.message,
  }));
  for (const c of report.baseline?.comparisons ?? []) {
    cases.push({ name: c.name, classname: `load.${report.scenario}.baseline`, ok: c.ok, message: c.message });
  }
  if (report.capacity) {
    // A finding more than a verdict: it fails only when not even the first window held.
    cases.push({
      name: 'capacity',
      classname: `load.${report.scenario}.capacity`,
      ok: report.capacity.capacityRps !== null,
      message: report.capacity.message,
    });
  }
  cases.push({
    name: 'the load generator kept its schedule',
    classname: `load.${report.scenario}.generator`,
    ok: !report.generator.saturated,
    message: report.saturation?.by === 'generator' ? report.saturation.message : 'kept its schedule',
  });
  return cases;
}

export { exitCodeOf } from './verdict.ts';

export interface WrittenReports {
  json: string;
  junit: string;
  html: string;
}

export function writeReports(report: LoadReport, outDir: string): WrittenReports {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `load-${report.scenario}`);
  const files = { json: `${base}.json`, junit: `${base}.junit.xml`, html: `${base}.html` };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    files.junit,
    junitXml(`load ${report.scenario} (${report.profile})`, junitCases(report), report.durationS),
  );
  writeFileSync(files.html, htmlReport(report));
  return files;
}
