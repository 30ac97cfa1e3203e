/**
 * The run's report: one JSON document (also the baseline format for `--baseline`), a JUnit file with
 * one test case per threshold (and per baseline comparison), and a self-contained HTML page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JUnitCase, junitXml } from '../shared/junit.ts';
import type { Comparison } from './baseline.ts';
import { htmlReport } from './html.ts';
import type { OperationStats } from './stats.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { TimelinePoint } from './timeline.ts';

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
  engine: { name: 'autocannon'; workers: number; maxConnections: number; timeoutS: number; graceS: number };
  plan: { rateScale: number; peakRate: number; requests: number; durationS: number; segments: number };
  totals: {
    planned: number;
    issued: number;
    answered: number;
    failed: number;
    interrupted: number;
    dropped: number;
    achievedRps: number;
  };
  operations: OperationStats[];
  thresholds: ThresholdResult[];
  baseline?: { file: string; tolerance: number; comparisons: Comparison[] };
  /** Why the run stopped early, if it did. */
  aborted?: string;
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
  return cases;
}

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
