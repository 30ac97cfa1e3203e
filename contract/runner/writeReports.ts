/**
 * Writes the run's reports, each through the redactor: coverage (json, md), drift (json, md),
 * junit.xml (each failure's first reason and its evidence), requests.log (opening with what the
 * body cap did), run.har (every exchange, for devtools, Insomnia or Postman), contract.json (the
 * report model: findings and every failure with its evidence), contract.html (the same, one
 * self-contained page to forward) and a summary.json of the result.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../../core/redact.ts';
import { type BodyReport, bodyReportLines } from '../reporting/bodies.ts';
import { contractHtml } from '../reporting/contractHtml.ts';
import type { Coverage } from '../reporting/coverage.ts';
import { coverageMarkdown } from '../reporting/coverageMarkdown.ts';
import { type DriftEntry, driftMarkdown } from '../reporting/drift.ts';
import { testFailureDetail } from '../reporting/failureText.ts';
import { harText } from '../reporting/har.ts';
import { junitXml, type TestResult } from '../reporting/junit.ts';
import type { RequestRecord } from '../reporting/observations.ts';
import type { ContractReport } from '../reporting/reportModel.ts';
import { requestsLogText } from '../reporting/requestsLog.ts';

export interface ReportInput {
  heading: string;
  coverage: Coverage;
  drift: DriftEntry[];
  results: TestResult[];
  requests: RequestRecord[];
  bodies: BodyReport;
  summary: unknown;
  report: ContractReport;
}

/** Every file a run writes into its reports directory. */
export const reportNames = [
  'contract.html',
  'contract.json',
  'coverage.json',
  'coverage.md',
  'drift.json',
  'drift.md',
  'junit.xml',
  'requests.log',
  'run.har',
  'summary.json',
] as const;

export type ReportName = (typeof reportNames)[number];

/** The reports that hold every failure's exchange: they grow with the failures, within the evidence budgets. */
export const evidenceReports: ReadonlySet<ReportName> = new Set([
  'contract.html',
  'contract.json',
  'run.har',
]);

export function writeReports(dir: string, input: ReportInput, redact: Redactor): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const files: Record<ReportName, string> = {
    'coverage.json': JSON.stringify(input.coverage, null, 2),
    'coverage.md': coverageMarkdown(input.coverage, input.heading),
    'drift.json': JSON.stringify(input.drift, null, 2),
    'drift.md': driftMarkdown(input.drift, input.heading),
    'junit.xml': junitXml(input.results, `contract ${input.heading}`, (r) =>
      testFailureDetail(input.report, r),
    ),
    'requests.log': requestsLogText(input.requests, redact, bodyReportLines(input.bodies)),
    'run.har': harText(input.requests, {
      name: 'secpaid-harness',
      version: input.report.metadata.versions.harness,
    }),
    'contract.json': JSON.stringify(input.report, null, 2),
    'contract.html': contractHtml(input.report),
    'summary.json': JSON.stringify(input.summary, null, 2),
  };
  const written: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, redact(text));
    written[name] = path;
  }
  return written;
}
