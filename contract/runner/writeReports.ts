/**
 * Writes the run's reports, each through the redactor: coverage (json, md), drift (json, md),
 * junit.xml, requests.log (opening with what the body cap did) and a summary.json of the whole result.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BodyReport, bodyReportLines } from '../reporting/bodies.ts';
import type { Coverage } from '../reporting/coverage.ts';
import { coverageMarkdown } from '../reporting/coverageMarkdown.ts';
import { type DriftEntry, driftMarkdown } from '../reporting/drift.ts';
import { junitXml, type TestResult } from '../reporting/junit.ts';
import type { RequestRecord } from '../reporting/observations.ts';
import type { Redactor } from '../reporting/redact.ts';
import { requestsLogText } from '../reporting/requestsLog.ts';

export interface ReportInput {
  heading: string;
  coverage: Coverage;
  drift: DriftEntry[];
  results: TestResult[];
  requests: RequestRecord[];
  bodies: BodyReport;
  summary: unknown;
}

export function writeReports(dir: string, input: ReportInput, redact: Redactor): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    'coverage.json': JSON.stringify(input.coverage, null, 2),
    'coverage.md': coverageMarkdown(input.coverage, input.heading),
    'drift.json': JSON.stringify(input.drift, null, 2),
    'drift.md': driftMarkdown(input.drift, input.heading),
    'junit.xml': junitXml(input.results, `contract ${input.heading}`),
    'requests.log': requestsLogText(input.requests, redact, bodyReportLines(input.bodies)),
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
