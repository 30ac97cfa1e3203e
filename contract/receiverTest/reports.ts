/**
 * What a receiver test prints and writes: a line per variant and each finding with its evidence on
 * the console, `webhooks.json` (every variant, request, answer and verdict) and `webhooks-junit.xml`
 * (a test case per variant). Everything goes through the redactor, so the encryption key appears
 * nowhere, even if a receiver echoes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { junitDocument } from '../../core/junitXml.ts';
import { formatCents } from '../../core/money.ts';
import type { Redactor } from '../../core/redact.ts';
import type { Exchange } from './exchange.ts';
import type { ReceiverTestArgs } from './options.ts';
import type { ReceiverTestResult, VariantResult } from './runReceiverTest.ts';

type Done = Extract<ReceiverTestResult, { kind: 'done' }>;

export const reportFiles = { json: 'webhooks.json', junit: 'webhooks-junit.xml' } as const;

/** The run passed: no variant failed and it was not interrupted ("not run" variants do not fail it). */
export const passed = (result: Done) =>
  !result.interrupted && result.variants.every((v) => v.verdict !== 'failed');

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/** An exchange as the evidence of a finding: the request with its body, the answer's status and body. */
function exchangeText(e: Exchange): string {
  const r = e.request;
  const headers = Object.entries(r.headers).map(([name, value]) => `${name}: ${value}`);
  const sent = [`${r.method} ${r.url}`, ...headers, ...(r.body === undefined ? [] : ['', r.body])].join('\n');
  const a = e.answer;
  const answered = e.error
    ? `no answer: ${e.error.code} (${e.error.message})`
    : [
        `${a!.status}${a!.location ? ` Location: ${a!.location}` : ''}${a!.contentType ? ` Content-Type: ${a!.contentType}` : ''}`,
        a!.body === '' ? '(empty body)' : a!.body,
        ...(a!.bodyNote ? [`(${a!.bodyNote})`] : []),
      ].join('\n');
  return `sent:\n  ${indent(sent, '  ')}\nanswered:\n  ${indent(answered, '  ')}`;
}

/** Every finding of a variant with its evidence and what the docs ask. */
function findingsText(v: VariantResult): string {
  return v.findings
    .map((f) => `${v.title}: ${f.problem}\n${exchangeText(v.exchanges[f.exchange]!)}\nthe docs: ${f.docs}`)
    .join('\n\n');
}

/** The console line of one variant. */
export function variantLine(v: VariantResult): string {
  if (v.verdict === 'not run') return `  - ${v.title}: not run: ${v.reason}`;
  const status = v.exchanges[0]?.answer?.status ?? v.exchanges[0]?.error?.code;
  if (v.verdict === 'passed') return `  ✓ ${v.title}: ${status} (expected ${v.expects})`;
  return `  ✗ ${v.title}: ${v.findings[0]!.problem}`;
}

/** The line the run opens with, once the receiver has answered. */
export function headingLine(args: ReceiverTestArgs): string {
  const n = args.notification;
  return `webhooks: notifications to ${args.to} (pay_id ${n.payId}, amount ${formatCents(n.amountCents)}, user_id ${n.userId}, note "${n.note}")`;
}

/** The summary after the variants: counts, every finding with its evidence, the verdict. */
export function summaryText(result: Done): string {
  const count = (verdict: VariantResult['verdict']) =>
    result.variants.filter((v) => v.verdict === verdict).length;
  const failed = result.variants.filter((v) => v.verdict === 'failed');
  const lines = [
    `${result.variants.length} variants: ${count('passed')} passed, ${count('failed')} failed, ${count('not run')} not run`,
  ];
  if (failed.length > 0) lines.push('', 'findings:', '', failed.map(findingsText).join('\n\n'));
  if (result.interrupted) lines.push('', 'interrupted: the reports say what was sent until then');
  lines.push('', passed(result) ? 'PASSED' : result.interrupted ? 'INTERRUPTED' : 'FAILED');
  return lines.join('\n');
}

function jsonReport(args: ReceiverTestArgs, result: Done): unknown {
  const n = args.notification;
  return {
    tool: 'npm run webhooks',
    startedAt: result.startedAt,
    receiver: args.to,
    fulfilments: args.fulfilments ?? null,
    encryptionKey: args.encryptionKey === undefined ? 'none given' : 'given (never shown)',
    timeoutMs: args.timeoutMs,
    notification: { pay_id: n.payId, amount: formatCents(n.amountCents), user_id: n.userId, note: n.note },
    ok: passed(result),
    interrupted: result.interrupted,
    variants: result.variants,
  };
}

function junit(args: ReceiverTestArgs, result: Done): string {
  const cases = result.variants.map((v) => ({
    name: v.title,
    classname: `webhooks.${v.id}`,
    timeSeconds: v.seconds,
    outcome:
      v.verdict === 'passed'
        ? ('passed' as const)
        : v.verdict === 'failed'
          ? ('failed' as const)
          : ('skipped' as const),
    ...(v.verdict === 'failed'
      ? { message: v.findings[0]!.problem, detail: findingsText(v), failureType: 'ReceiverFinding' }
      : v.verdict === 'not run'
        ? { message: `not run: ${v.reason}` }
        : { systemOut: exchangeText(v.exchanges[0]!) }),
  }));
  return junitDocument('npm run webhooks', [{ name: `webhook receiver ${args.to}`, cases }]);
}

/**
 * `value` with every string in it redacted: before JSON or XML escapes a secret's quote, backslash
 * or ampersand into a text the redactor would no longer find.
 */
function redactStrings<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
  return value;
}

/** Writes both reports into the (prepared) report directory; returns their paths. */
export function writeReports(args: ReceiverTestArgs, result: Done, redact: Redactor): string[] {
  const hidden = redactStrings({ args, result }, redact);
  const files: [string, string][] = [
    [reportFiles.json, `${JSON.stringify(jsonReport(hidden.args, hidden.result), null, 2)}\n`],
    [reportFiles.junit, junit(hidden.args, hidden.result)],
  ];
  return files.map(([name, text]) => {
    const path = join(args.reportDir, name);
    writeFileSync(path, redact(text));
    return path;
  });
}
