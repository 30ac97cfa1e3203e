/**
 * JUnit XML for any CI, written from the test runner's events: one <testsuite> per suite file
 * (named after its operation), one <testcase> per test, skips with their reason, failures with
 * their first reason as the `message` a CI lists and, in the body, every failure of the test with
 * its evidence (`detail`, from the run's report model).
 */
import { basename } from 'node:path';

export interface TestResult {
  file: string;
  name: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'skipped';
  message?: string;
}

function escapeXml(text: string): string {
  // Control characters other than tab/newline are not allowed in XML 1.0 at all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function suiteName(file: string): string {
  return basename(file)
    .replace(/\.contract\.test\.ts$/, '')
    .replace(/\.ts$/, '');
}

/** What a failed test case says: its first reason (the `message` a CI lists) and everything (the body). */
export interface FailureDetail {
  message: string;
  body: string;
}

export function junitXml(
  results: TestResult[],
  runName: string,
  detail: (result: TestResult) => FailureDetail | undefined = () => undefined,
): string {
  const byFile = new Map<string, TestResult[]>();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites: string[] = [];
  for (const [file, tests] of byFile) {
    const failures = tests.filter((t) => t.outcome === 'failed').length;
    const skipped = tests.filter((t) => t.outcome === 'skipped').length;
    const time = tests.reduce((sum, t) => sum + t.durationMs, 0);
    const cases = tests.map((t) => {
      const open = `    <testcase classname="${escapeXml(suiteName(file))}" name="${escapeXml(t.name)}" time="${seconds(t.durationMs)}"`;
      if (t.outcome === 'passed') return `${open}/>`;
      const message = escapeXml(t.message ?? '');
      const failed =
        t.outcome === 'failed'
          ? (detail(t) ?? { message: (t.message ?? '').split('\n')[0] ?? '', body: t.message ?? '' })
          : undefined;
      const inner = failed
        ? `<failure message="${escapeXml(failed.message)}">${escapeXml(failed.body)}</failure>`
        : `<skipped message="${message}"/>`;
      return `${open}>\n      ${inner}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${escapeXml(suiteName(file))}" tests="${tests.length}" failures="${failures}" skipped="${skipped}" time="${seconds(time)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const failures = results.filter((t) => t.outcome === 'failed').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(runName)}" tests="${results.length}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
