/**
 * Failures as plain text, for junit.xml's failure bodies: each check with its message, the spec
 * location and the decision behind it, then the exchange (request, response, curl). A test may
 * hold hundreds of failures (a generated pass against a server that differs everywhere): each is
 * written whole, its bodies cut at `bodyChars` (contract.html and run.har hold more of them).
 */
import { notificationCellInfo } from '../webhooks/notificationCells.ts';
import { evidenceText } from './evidence.ts';
import { type FailureDetail, suiteName, type TestResult } from './junit.ts';
import type { ContractReport, FailureEvidence } from './reportModel.ts';

const bodyChars = 1000;

const clip = (text: string) =>
  text.length > bodyChars
    ? `${text.slice(0, bodyChars)}… (${text.length.toLocaleString('en-US')} characters shown in contract.html)`
    : text;

/** What a failure is about: an operation's answer, or a notification of the webhooks suite. */
function aboutText(failure: FailureEvidence): string {
  if (failure.notificationCell) {
    const check = `${failure.operationId}: notification check ${notificationCellInfo[failure.notificationCell].label}`;
    return failure.prerequisiteOf
      ? `${check}, failed before any notification was judged: not checked`
      : check;
  }
  return `${failure.operationId} answered ${failure.status === undefined ? 'nothing' : `HTTP ${failure.status}`}${failure.expectedStatus !== undefined ? ` (the test provoked ${failure.expectedStatus})` : ''}${failure.prerequisiteOf ? (failure.prerequisiteOf === failure.operationId ? `, before the test called it: ${failure.operationId} not checked` : `, while preparing a test of ${failure.prerequisiteOf}: ${failure.prerequisiteOf} not checked`) : ''}`;
}

export function failureText(failure: FailureEvidence): string[] {
  const head = `${aboutText(failure)} [${failure.id}${failure.findings.length ? `; finding ${failure.findings.join(', ')}` : ''}]`;
  const lines = [head];
  for (const c of failure.checks) {
    lines.push(`  ${c.check}: ${c.message}`);
    if (c.specPointer) lines.push(`    spec: generated/openapi.json#${c.specPointer}`);
    if (c.decision) lines.push(`    decision: spec/DECISIONS.md ${c.decision.id} — ${c.decision.title}`);
  }
  if (failure.exchange) {
    const e = failure.exchange;
    const shown = {
      ...e,
      request: { ...e.request, ...(e.request.body !== undefined ? { body: clip(e.request.body) } : {}) },
      ...(e.response
        ? {
            response: {
              ...e.response,
              ...(e.response.body !== undefined ? { body: clip(e.response.body) } : {}),
            },
          }
        : {}),
    };
    lines.push(...evidenceText(shown, '    ').map((line) => `  ${line}`));
  } else lines.push('  (the exchange is not in the report: see requests.log)');
  return lines;
}

/** junit.xml's failure of one test: its first reason, then its failures with their evidence. */
export function testFailureDetail(report: ContractReport, result: TestResult): FailureDetail | undefined {
  const suite = suiteName(result.file);
  const entry = report.tests.find((t) => t.suite === suite && t.test === result.name);
  if (!entry) return undefined;
  const byId = new Map(report.failures.map((f) => [f.id, f]));
  const mine = entry.failures.flatMap((id) => byId.get(id) ?? []);
  // A test that failed with no failure of its own on record (it crashed, or timed out) keeps its message.
  const own = mine.length > 0 ? mine.flatMap((f) => [...failureText(f), '']) : [result.message ?? ''];
  const body = [entry.reason, '', ...own];
  return { message: entry.reason, body: body.join('\n') };
}
