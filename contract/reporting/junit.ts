/**
 * JUnit XML for any CI, written from the test runner's events by the one writer (core/junitXml.ts):
 * one <testsuite> per suite file (named after its operation), one <testcase> per test, skips with
 * their reason, failures with their first reason as the `message` a CI lists and, in the body,
 * every failure of the test with its evidence (`detail`, from the run's report model).
 */
import { basename } from 'node:path';
import { type JUnitTestCase, junitDocument } from '../../core/junitXml.ts';

export interface TestResult {
  file: string;
  name: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'skipped';
  message?: string;
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
  const suites = [...byFile].map(([file, tests]) => ({
    name: suiteName(file),
    cases: tests.map((t): JUnitTestCase => {
      const base = { name: t.name, classname: suiteName(file), timeSeconds: t.durationMs / 1000 };
      if (t.outcome === 'passed') return { ...base, outcome: 'passed' };
      if (t.outcome === 'skipped') return { ...base, outcome: 'skipped', message: t.message ?? '' };
      const failed = detail(t) ?? { message: (t.message ?? '').split('\n')[0] ?? '', body: t.message ?? '' };
      return { ...base, outcome: 'failed', message: failed.message, detail: failed.body };
    }),
  }));
  return junitDocument(runName, suites);
}
