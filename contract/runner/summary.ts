/**
 * The console summary: per operation passed/failed/skipped, the failed tests with their first
 * reason, the coverage matrix, drift warnings, cleanup, what the body cap did, where the reports
 * are, then the findings and the verdict. Redacted like the reports.
 */
import { type BodyReport, bodyReportLines } from '../reporting/bodies.ts';
import type { Coverage } from '../reporting/coverage.ts';
import { coverageTable, fieldCoverageLine, notProvokableLines } from '../reporting/coverageMarkdown.ts';
import type { DriftEntry } from '../reporting/drift.ts';
import { findingLine } from '../reporting/findings.ts';
import { suiteName, type TestResult } from '../reporting/junit.ts';
import type { ContractReport } from '../reporting/reportModel.ts';
import type { CleanupResult } from './cleanup.ts';

export interface SummaryInput {
  heading: string;
  ok: boolean;
  durationMs: number;
  results: TestResult[];
  coverage: Coverage;
  drift: DriftEntry[];
  /** Why suite processes stopped sending to the target (core/targetBreaker.ts), one per process. */
  cutOff: string[];
  cleanup: CleanupResult;
  bodies: BodyReport;
  reports: Record<string, string>;
  stderr: Map<string, string>;
  /** The run's report model: failed tests with their first reason, and the findings. */
  report: ContractReport;
  /** The target offers the control API: the state oracle then knows every account in full. */
  control: boolean;
}

/** What the state oracle could hold the answers to, and what it could not on this target. */
export function oracleLine(control: boolean): string {
  return control
    ? 'State oracle: every answer held against the run’s model of the accounts it made (lists in full, deletes, pay-in fees).'
    : 'State oracle: the accounts from the environment may hold links from before the run, so their lists were checked for the run’s own links only (not in full, no totals); links were never paid, so pay-in fees were not checked (both need the sandbox control API).';
}

const pad = (text: string | number, width: number) => String(text).padEnd(width);

/** Findings named on the console, largest first; every one is in contract.html. */
const consoleFindings = 20;

/** Failed tests named on the console, each with its first reason; every one is in the reports. */
const consoleFailedTests = 15;

/**
 * The findings, last before the verdict: each difference between server and spec once, with its
 * count, where it shows, and one exchange to forward (its id and curl line).
 */
function findingsLines(report: ContractReport): string[] {
  if (report.findings.length === 0) return [];
  const n = report.findings.length;
  const out = [
    '',
    `Findings (${n} ${n === 1 ? 'difference' : 'differences'} from the spec, in ${report.failures.length} failures):`,
  ];
  const byId = new Map(report.failures.map((f) => [f.id, f]));
  for (const finding of report.findings.slice(0, consoleFindings)) {
    out.push(`  ${finding.id}  ${findingLine(finding)}`);
    const example = byId.get(finding.failures[0] ?? '');
    // A notification's replay is several commented curl lines: each on its own line, indented.
    const exchange = example?.exchange;
    if (exchange && !exchange.received) out.push(`      e.g. ${exchange.id}: ${exchange.curl}`);
    else if (exchange)
      out.push(`      e.g. ${exchange.id}:`, ...exchange.curl.split('\n').map((line) => `        ${line}`));
  }
  const more = report.findings.length - consoleFindings;
  if (more > 0) out.push(`  … and ${more} smaller findings in contract.html`);
  return out;
}

/** Drift warnings on the console; the rest is in drift.md. */
const consoleDriftLines = 20;

export function summaryText(input: SummaryInput): string {
  const out = [`Contract run: ${input.heading}`, ''];
  const byFile = new Map<string, TestResult[]>();
  for (const r of input.results) byFile.set(suiteName(r.file), [...(byFile.get(suiteName(r.file)) ?? []), r]);
  out.push(`${pad('suite', 24)}${pad('passed', 8)}${pad('failed', 8)}skipped`);
  for (const [name, tests] of byFile) {
    const count = (o: TestResult['outcome']) => tests.filter((t) => t.outcome === o).length;
    out.push(`${pad(name, 24)}${pad(count('passed'), 8)}${pad(count('failed'), 8)}${count('skipped')}`);
  }
  const failed = input.report.tests;
  if (failed.length) {
    out.push('', `Failed tests (${failed.length}):`);
    for (const t of failed.slice(0, consoleFailedTests))
      out.push(`  ✘ ${t.suite} › ${t.test}`, `      ${t.reason}`);
    const more = failed.length - consoleFailedTests;
    if (more > 0)
      out.push(`  … and ${more} more failed tests, each with its evidence in contract.html and junit.xml`);
    for (const [file, text] of input.stderr) {
      if (input.results.some((r) => r.file === file && r.outcome === 'failed') && text.trim()) {
        out.push(
          `  stderr of ${suiteName(file)}:`,
          ...text
            .trim()
            .split('\n')
            .slice(-15)
            .map((l) => `      ${l}`),
        );
      }
    }
  }
  const rows = input.coverage.notifications.length > 0 ? '; webhooks × notification check' : '';
  out.push('', `Coverage (operation × documented status${rows}):`, coverageTable(input.coverage));
  for (const line of notProvokableLines(input.coverage))
    out.push(`  – not provokable on this target: ${line}`);
  if (input.coverage.gate.missing.length)
    out.push(`  MISSING (never exercised): ${input.coverage.gate.missing.join(', ')}`);
  const fields = fieldCoverageLine(input.coverage);
  if (fields) out.push(`  ${fields}`);
  out.push(`  coverage gate: ${input.coverage.gate.ok ? 'passed' : 'FAILED'}`);
  out.push('', oracleLine(input.control));
  if (input.drift.length) {
    out.push('', `Drift warnings (${input.drift.length} undocumented response fields):`);
    for (const d of input.drift.slice(0, consoleDriftLines))
      out.push(
        `  ! ${d.operationId} ${d.status} ${d.path} (${d.count}×)${d.probablyRenamedFrom ? ` — probably renamed from ${d.probablyRenamedFrom}` : ''}`,
      );
    const more = input.drift.length - consoleDriftLines;
    if (more > 0) out.push(`  … and ${more} more in ${input.reports['drift.md'] ?? 'drift.md'}`);
  }
  if (input.cutOff.length > 0) {
    const n = input.cutOff.length;
    out.push('', `Stopped sending to the target (${n} suite ${n === 1 ? 'process' : 'processes'}):`);
    for (const reason of input.cutOff) out.push(`  ${reason}`);
  }
  const problems = input.cleanup.problems.length;
  out.push(
    '',
    `Cleanup: deleted ${input.cleanup.deleted === 1 ? 'the 1 link' : `the ${input.cleanup.deleted} links`} this run had made and left unpaid${problems ? `; ${problems} ${problems === 1 ? 'problem' : 'problems'}:` : ''}`,
  );
  for (const p of input.cleanup.problems.slice(0, 10)) out.push(`  cleanup problem: ${p}`);
  out.push(...bodyReportLines(input.bodies));
  out.push(`Reports: ${Object.values(input.reports).join(', ')}`);
  out.push(...findingsLines(input.report));
  const count = (o: TestResult['outcome']) => input.results.filter((r) => r.outcome === o).length;
  out.push(
    '',
    `${verdict(input.ok, input.results)}: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped in ${(input.durationMs / 1000).toFixed(1)} s`,
  );
  return out.join('\n');
}

/**
 * The verdict's word. A pass where every test was skipped checked nothing: it says so, with why
 * (the skips' reasons), so nobody reads it as a server that conforms.
 */
function verdict(ok: boolean, results: TestResult[]): string {
  if (!ok) return 'FAILED';
  if (results.length === 0 || results.some((r) => r.outcome !== 'skipped')) return 'PASSED';
  const reasons = [...new Set(results.map((r) => r.message ?? 'skipped'))];
  return `PASSED, but nothing was checked (every test was skipped: ${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? '; …' : ''})`;
}
