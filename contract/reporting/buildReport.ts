/**
 * Builds the run's report model (reportModel.ts) from what the suite processes recorded: each
 * failed answer becomes a failure with its exchange, each check of it located in the spec with the
 * decision behind it; a failed test whose answers all conformed becomes a failure of its assertion,
 * with its last exchange; failures are grouped into findings; failed tests are tied to their
 * failures. A failure while preparing a test of another operation is that other operation's
 * prerequisite, never a failure of the operation under test (coverage.ts says the same).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiDocument, type OperationId } from '../../core/spec.ts';
import { isSuiteId, type SuiteId } from '../suites/suiteIds.ts';
import type { Coverage } from './coverage.ts';
import { callsByTest, prerequisiteFailure, testKey } from './coverageCell.ts';
import type { DriftEntry } from './drift.ts';
import { evidenceBodyChars, exchangeEvidence } from './evidence.ts';
import { type FailedCheck, groupFindings } from './findings.ts';
import { suiteName, type TestResult } from './junit.ts';
import { notificationFailures } from './notificationFailures.ts';
import { notificationReplay } from './notificationReplay.ts';
import type { Observation, RequestRecord } from './observations.ts';
import { probablyRenamed } from './renamed.ts';
import type { ContractReport, FailureEvidence, RunMetadata } from './reportModel.ts';
import { locate } from './specLocation.ts';

type ResponseObservation = Extract<Observation, { kind: 'response' }>;
type TestFailed = Extract<Observation, { kind: 'testFailed' }>;

/**
 * Characters of bodies that the failures' evidence may hold in all: a server that fails every
 * answer of a long run still gets a report a browser opens. Past it, failures keep their checks
 * and name their exchange, whose record is in requests.log and run.har.
 */
export const evidenceBudgetChars = 16 * 1024 * 1024;

export const assertionCheck = 'testAssertion';

/** The check a request that got no answer fails. */
export const noAnswerCheck = 'noAnswer';

const withPrerequisite = (operationId: SuiteId | undefined) =>
  operationId ? { prerequisiteOf: operationId } : {};

const harnessVersion = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;

export function versions(): RunMetadata['versions'] {
  const info = (apiDocument as { info?: { version?: string } }).info;
  return { harness: harnessVersion, spec: info?.version ?? 'unknown', node: process.version };
}

/** The fields a request sent, for "the same value" in renamed pairs: a form's or a JSON object's. */
function sentFields(record: RequestRecord | undefined): Record<string, unknown> | undefined {
  const body = record?.requestBody;
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

function parsedBody(record: RequestRecord | undefined): unknown {
  if (!record?.responseBody || record.responseBodyCut) return undefined;
  try {
    return JSON.parse(record.responseBody);
  } catch {
    return undefined;
  }
}

/** Documented fields an answer lacks, from its schema failures' signatures ("data/id: missing / …"). */
function missingFields(o: ResponseObservation): string[] {
  return o.failures.flatMap((f) => {
    const match = /^([^:]+): missing \/ documented: required$/.exec(f.signature ?? '');
    return match ? [match[1]!] : [];
  });
}

// A drift path (`data[].x_debug`, checks/drift.ts) as a schema path (`data/*/x_debug`).
const driftPath = (path: string) => path.replace(/\[\]/g, '.*').replace(/\./g, '/');

/** How a failed test's reason opens when its own operation was never called. */
function notCheckedBecause(failure: FailureEvidence): string {
  if (!failure.prerequisiteOf) return '';
  if (failure.prerequisiteOf === failure.operationId)
    return failure.notificationCell
      ? 'not checked: failed before any notification was judged: '
      : `not checked: failed before ${failure.operationId} was called: `;
  const answer = failure.exchange?.response;
  const what = answer
    ? `answered HTTP ${answer.status}`
    : failure.status !== undefined
      ? `answered HTTP ${failure.status}`
      : 'got no answer';
  return `not checked: prerequisite failed: ${failure.operationId} ${what}: `;
}

export interface ReportFacts {
  ok: boolean;
  reasons: string[];
  metadata: RunMetadata;
  observations: Observation[];
  requests: RequestRecord[];
  results: TestResult[];
  coverage: Coverage;
  drift: DriftEntry[];
}

export function buildReport(facts: ReportFacts): ContractReport {
  const records = new Map(facts.requests.flatMap((r) => (r.id ? [[r.id, r] as const] : [])));
  const responses = facts.observations.filter((o): o is ResponseObservation => o.kind === 'response');
  const calls = callsByTest(facts.observations);
  /** The test's own operation, when this call was made before the test ever called it. */
  const prerequisiteOf = (operationId: OperationId, suite: string, test: string | undefined) =>
    isSuiteId(suite) &&
    suite !== operationId &&
    test !== undefined &&
    prerequisiteFailure({ operationId: suite, test }, calls)
      ? suite
      : undefined;
  let budget = evidenceBudgetChars;
  const evidenceOf = (exchangeId: string | undefined, curl?: string) => {
    const record = exchangeId ? records.get(exchangeId) : undefined;
    if (!record) return undefined;
    const size =
      Math.min(record.requestBody?.length ?? 0, evidenceBodyChars) +
      Math.min(record.responseBody?.length ?? 0, evidenceBodyChars);
    if (size > budget) return undefined;
    budget -= size;
    // A notification is replayed by the steps that make the server send it, not to the receiver.
    const replay = record.received ? notificationReplay(record, facts.requests) : undefined;
    return exchangeEvidence(record, curl ?? replay);
  };

  const failures: FailureEvidence[] = [];
  const failedChecks: FailedCheck[] = [];
  const ids = new Set<string>();
  const uniqueId = (wanted: string) => {
    let id = wanted;
    for (let n = 2; ids.has(id); n++) id = `${wanted}-${n}`;
    ids.add(id);
    return id;
  };

  for (const o of responses) {
    if (o.failures.length === 0) continue;
    const id = uniqueId(o.exchangeId ?? `answer-${failures.length + 1}`);
    const record = o.exchangeId ? records.get(o.exchangeId) : undefined;
    const unknown = o.drift.map(driftPath);
    const renamed = probablyRenamed(missingFields(o), unknown, parsedBody(record), sentFields(record));
    const checks = o.failures.map((f) => {
      // A schema rule is the received status's; any other expectation is the intended status's.
      const status = f.schemaPath ? o.status : (o.expectedStatus ?? o.status);
      const place = locate(o.operationId, status, f.schemaPath);
      // "… and 12 more" lists nothing of its own: the failures it stands for are no finding.
      if (!f.rollup)
        failedChecks.push({
          failureId: id,
          operationId: o.operationId,
          status: o.status,
          failure: f,
          ...(place.decision ? { decision: place.decision } : {}),
          ...(renamed.length > 0 && f.signature?.endsWith(': missing / documented: required')
            ? {
                renamed: renamed.filter((r) =>
                  f.signature?.startsWith(`${r.documented.replace(/\./g, '/')}:`),
                ),
              }
            : {}),
        });
      return { check: f.check, message: f.message, ...place };
    });
    const suite = o.suite ?? o.operationId;
    const exchange = evidenceOf(o.exchangeId, o.curl);
    failures.push({
      id,
      operationId: o.operationId,
      status: o.status,
      ...(o.expectedStatus !== undefined && o.expectedStatus !== o.status
        ? { expectedStatus: o.expectedStatus }
        : {}),
      suite,
      test: o.test ?? '(outside any test)',
      checks,
      ...(exchange ? { exchange } : {}),
      ...withPrerequisite(prerequisiteOf(o.operationId, suite, o.test)),
      findings: [],
    });
  }

  // A notification not as expected, and a webhooks test that failed on its own assertion.
  failures.push(
    ...notificationFailures(facts.observations, {
      uniqueId,
      evidenceOf,
      calls,
      failedChecks,
      assertionCheck,
    }),
  );

  // A request that got no answer at all is a failure of the operation it was sent to.
  for (const o of facts.observations) {
    if (o.kind !== 'noAnswer') continue;
    const id = uniqueId(o.exchangeId);
    const suite = o.suite ?? o.operationId;
    const failure = { check: noAnswerCheck, message: `received no answer: ${o.error}` };
    failedChecks.push({ failureId: id, operationId: o.operationId, status: undefined, failure });
    const exchange = evidenceOf(o.exchangeId);
    failures.push({
      id,
      operationId: o.operationId,
      suite,
      test: o.test ?? '(outside any test)',
      checks: [failure],
      ...(exchange ? { exchange } : {}),
      ...withPrerequisite(prerequisiteOf(o.operationId, suite, o.test)),
      findings: [],
    });
  }

  // A failed test whose answers all conformed failed on an assertion of its own (or before any answer).
  for (const o of facts.observations.filter((x): x is TestFailed => x.kind === 'testFailed')) {
    const made = calls.get(testKey(o.operationId, o.test)) ?? [];
    if (made.some((m) => m.failed)) continue;
    const id = uniqueId(`test-${failures.length + 1}`);
    const prerequisite = prerequisiteFailure(o, calls);
    const message = o.detail ?? o.message;
    const place = locate(o.operationId, o.status, undefined);
    failedChecks.push({
      failureId: id,
      operationId: o.operationId,
      status: o.status,
      failure: { check: assertionCheck, message: message.split('\n')[0] ?? message },
    });
    const exchange = evidenceOf(o.exchangeId);
    failures.push({
      id,
      operationId: o.operationId,
      status: exchange?.response?.status ?? o.status,
      suite: o.operationId,
      test: o.test,
      checks: [{ check: assertionCheck, message, ...place }],
      ...(exchange ? { exchange } : {}),
      // Failed before its operation was called (its set-up threw): the operation was not checked.
      ...withPrerequisite(prerequisite ? o.operationId : undefined),
      findings: [],
    });
  }

  const { findings, ofFailure } = groupFindings(failedChecks);
  for (const f of failures) f.findings = ofFailure.get(f.id) ?? [];
  // An undocumented field that stands in for a missing documented one says so in the drift too.
  const renamedTo = new Map<string, string>();
  for (const c of failedChecks)
    for (const pair of c.renamed ?? [])
      renamedTo.set(`${c.operationId} ${c.status} ${pair.received.replace(/\.\*/g, '[]')}`, pair.documented);
  const drift = facts.drift.map((d) => {
    const from = renamedTo.get(`${d.operationId} ${d.status} ${d.path}`);
    return from ? { ...d, probablyRenamedFrom: from } : d;
  });

  const tests = facts.results
    .filter((r) => r.outcome === 'failed')
    .map((r) => {
      const suite = suiteName(r.file);
      const mine = failures.filter((f) => f.test === r.name && (!isSuiteId(suite) || f.suite === suite));
      const first = mine[0];
      const firstCheck = first?.checks[0];
      const reason = first
        ? `${notCheckedBecause(first)}${firstCheck?.check}: ${(firstCheck?.message ?? '').split('\n')[0]}`
        : (r.message ?? 'failed').split('\n')[0]!;
      return { suite, test: r.name, reason, failures: mine.map((f) => f.id) };
    });

  return {
    ok: facts.ok,
    reasons: facts.reasons,
    counts: {
      passed: facts.results.filter((r) => r.outcome === 'passed').length,
      failed: facts.results.filter((r) => r.outcome === 'failed').length,
      skipped: facts.results.filter((r) => r.outcome === 'skipped').length,
    },
    metadata: facts.metadata,
    findings,
    failures,
    tests,
    coverage: facts.coverage,
    drift,
  };
}
