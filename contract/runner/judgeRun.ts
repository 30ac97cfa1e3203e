/**
 * After the suites and the cleanup: read what the suite processes observed, compute the coverage
 * matrix, the drift and what the body cap did, decide pass/fail, write the reports and print the
 * summary, all redacted.
 */
import { resolve } from 'node:path';
import type { BodyLimits } from '../../core/boundedBody.ts';
import { makeRedactor } from '../../core/redact.ts';
import { type BodyReport, bodyReport } from '../reporting/bodies.ts';
import { buildReport, versions } from '../reporting/buildReport.ts';
import { type Coverage, computeCoverage } from '../reporting/coverage.ts';
import { collectDrift, type DriftEntry } from '../reporting/drift.ts';
import { findingLine } from '../reporting/findings.ts';
import type { TestResult } from '../reporting/junit.ts';
import { privateFilesBytes, type RequestRecord } from '../reporting/observations.ts';
import { redactRecord } from '../reporting/redact.ts';
import type { SuiteId } from '../suites/suiteIds.ts';
import type { Target } from '../target/types.ts';
import type { CleanupResult } from './cleanup.ts';
import type { SuiteRun } from './executeSuites.ts';
import { type PrivateDir, readPrivate } from './privateDir.ts';
import { summaryText } from './summary.ts';
import { writeReports } from './writeReports.ts';

export interface RunResult {
  ok: boolean;
  runId: string;
  target: string;
  durationMs: number;
  results: TestResult[];
  failures: TestResult[];
  coverage: Coverage;
  drift: DriftEntry[];
  cleanup: CleanupResult;
  /** What the body cap did: the cap, bodies cut, request records without bodies. */
  bodies: BodyReport;
  reports: Record<string, string>;
}

export interface RunFacts {
  runId: string;
  target: Target;
  readOnly: boolean;
  /** The suites the run selected (operations, webhooks). */
  selected: SuiteId[];
  startedAt: number;
  aborted: boolean;
  suiteRun: SuiteRun;
  /** False when only the generated phase ran. */
  handWritten: boolean;
  /** The generated phase ran: request fields are gated too. */
  generatedPhase: boolean;
  /** `--example ID`: the run fails when no generated example matched it. */
  exampleFilter?: string;
  cleanup: CleanupResult;
  cleanupLog: RequestRecord[];
  bodyLimits: BodyLimits;
  /** Cleanup's own limits: it reads whole pages of links, whatever cap the run set. */
  cleanupBodyLimits: BodyLimits;
  recordBudgetBytes: number;
  /** The generated phase's seed, when it ran. */
  seed?: number;
}

/** Why a run failed, one line each, for the reports' verdict. */
function failedBecause(facts: {
  results: TestResult[];
  failures: TestResult[];
  coverage: Coverage;
  aborted: boolean;
  matched: boolean;
  cutOff: string[];
}): string[] {
  const { gate } = facts.coverage;
  const reasons: string[] = [];
  if (facts.results.length === 0) reasons.push('no test ran');
  if (facts.failures.length > 0)
    reasons.push(`${facts.failures.length} of ${facts.results.length} tests failed`);
  if (gate.failed.length > 0) reasons.push(`coverage: ${gate.failed.length} operation × status cells failed`);
  if (gate.notChecked.length > 0)
    reasons.push(`coverage: ${gate.notChecked.length} cells not checked (a prerequisite failed)`);
  if (gate.missing.length > 0) reasons.push(`coverage: ${gate.missing.length} never exercised`);
  if (facts.aborted) reasons.push('interrupted: the run stopped before its end');
  if (!facts.matched) reasons.push('--example matched no generated example');
  if (facts.cutOff.length > 0) reasons.push(`stopped sending to the target: ${facts.cutOff[0]}`);
  return reasons;
}

const isText = (value: string | undefined): value is string => !!value;

export function judgeRun(
  facts: RunFacts,
  dir: PrivateDir,
  reportsDir: string,
  print: (text: string) => void,
): RunResult {
  const { runId, target, readOnly, selected, suiteRun, cleanup } = facts;
  const { observations, requests, secrets } = readPrivate(dir);
  const redact = makeRedactor(
    [...secrets.flatMap((s) => [s.token, s.recipientToken]), ...Object.values(target.tokens)].filter(isText),
  );
  const coverage = computeCoverage(selected, observations, {
    requireEveryStatus: facts.handWritten,
    generatedPhase: facts.generatedPhase,
  });
  const drift = collectDrift(observations);
  const results = suiteRun.results;
  const failures = results.filter((r) => r.outcome === 'failed');
  const filter = facts.exampleFilter;
  const matched =
    filter === undefined ||
    observations.some((o) => o.kind === 'response' && o.generated?.exampleId.startsWith(filter));
  if (!matched)
    print(
      `--example ${filter} matched no generated example (ids look like createLink/boundary/amount/maximum/form)`,
    );
  // A suite process that stopped sending to the target (core/targetBreaker.ts): its tests failed.
  const cutOff = observations.flatMap((o) =>
    o.kind === 'cutOff' ? [`${o.reason}${o.test ? ` (tripped during "${o.test}")` : ''}`] : [],
  );
  const ok =
    results.length > 0 &&
    failures.length === 0 &&
    coverage.gate.ok &&
    !facts.aborted &&
    matched &&
    cutOff.length === 0;
  const heading = `run ${runId} against ${target.description}${readOnly ? ' (read-only)' : ''}`;
  const durationMs = Date.now() - facts.startedAt;
  // Redacted before anything cuts a body: a key cut in half would no longer be recognised.
  const allRequests = [...requests, ...facts.cleanupLog].map((record) => redactRecord(record, redact));
  const reasons = failedBecause({ results, failures, coverage, aborted: facts.aborted, matched, cutOff });
  const report = buildReport({
    ok,
    reasons,
    metadata: {
      runId,
      target: target.description,
      readOnly,
      operations: selected,
      ...(facts.seed === undefined ? {} : { seed: facts.seed }),
      startedAt: new Date(facts.startedAt).toISOString(),
      finishedAt: new Date(facts.startedAt + durationMs).toISOString(),
      durationMs,
      versions: versions(),
    },
    observations,
    requests: allRequests,
    results,
    coverage,
    drift,
  });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.outcome] += 1;
  const summary = {
    ok,
    runId,
    target: target.description,
    readOnly,
    operations: selected,
    durationMs,
    counts,
  };
  const bodies = bodyReport({
    requests: allRequests,
    observations,
    limits: facts.bodyLimits,
    cleanupLimits: facts.cleanupBodyLimits,
    recordBudgetBytes: facts.recordBudgetBytes,
    privateDirBytes: privateFilesBytes(dir.path),
  });
  const reports = writeReports(
    resolve(reportsDir),
    {
      heading,
      coverage,
      drift: report.drift,
      results,
      requests: allRequests,
      bodies,
      summary: {
        ...summary,
        reasons,
        findings: report.findings.map(findingLine),
        gate: coverage.gate,
        cutOff,
        cleanup,
        bodies,
      },
      report,
    },
    redact,
  );
  const stderr = suiteRun.stderr;
  const control = target.control;
  print(
    redact(
      summaryText({
        heading,
        ok,
        durationMs,
        results,
        coverage,
        drift: report.drift,
        cutOff,
        cleanup,
        bodies,
        reports,
        stderr,
        control,
        report,
      }),
    ),
  );
  return {
    ok,
    runId,
    target: target.description,
    durationMs,
    results,
    failures,
    coverage,
    drift: report.drift,
    cleanup,
    bodies,
    reports,
  };
}
