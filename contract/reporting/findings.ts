/**
 * Findings: failures grouped by check and signature, so that a server that differs from the spec
 * in one systematic way (error bodies without `errorMessage`, every amount a number) is one line
 * with a count, whatever number of answers show it. A check that knows its signature says it
 * (responseSchemaConformance: the place with item numbers as `*` and the kind of value received);
 * for the others it is their message without the values of the one answer: quoted texts, numbers
 * other than HTTP statuses, the body excerpt and lengths.
 */
import type { CheckFailure } from '../checks/types.ts';
import type { SuiteId } from '../suites/suiteIds.ts';
import type { DecisionRef, Finding } from './reportModel.ts';

/** Where a number is an HTTP status: after "HTTP", "expected", "request:", "or", and in a list of documented ones. */
const statusContexts =
  /\b(?:HTTP|expected|request:|or|intended) [1-5]\d\d\b|\bdocumented for \w+: (?:[1-5]\d\d, )*[1-5]\d\d\b/g;

/** The message of `failure` without what belongs to one answer alone. */
export function signatureOf(failure: CheckFailure): string {
  if (failure.signature) return failure.signature;
  return (
    failure.message
      // What the generated phase appends: the body of this answer.
      .replace(/; body: .*$/s, '')
      // Schema messages open with the operation and status: the finding lists those itself.
      .replace(/^[A-Za-z]+ [1-5]\d\d schema: /, '')
      .replace(/"(?:[^"\\]|\\.)*"(?:… \(\d+ chars\))?/g, '"…"')
      .replace(/… \(\d+ chars\)/g, '…')
      // URLs and unquoted received values (a pay_link, a base64 id) are the answer's own.
      .replace(/\bhttps?:\/\/\S+/g, '<url>')
      .replace(/\breceived (?:[^\s/]*[=+][^\s/]*|[A-Za-z0-9+/=]{16,})(?=[\s/]|$)/g, 'received …')
      // A list of values is a list whatever its length.
      .replace(/\[[^\]…]*(?:\]|…)/g, '[…]')
      // Statuses name the difference ("HTTP 401 / documented for this request: 201", "documented
      // for createLink: 200, 201, 400"): they are kept (as subscript digits meanwhile), and every
      // other number is a value.
      .replace(statusContexts, (kept) => kept.replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d))))
      .replace(/\b\d+(?:\.\d+)?\b/g, '#')
      .replace(/[\u2080-\u2089]/g, (d) => String(d.charCodeAt(0) - 0x2080))
  );
}

/** How a finding is named: its signature, paths with dots, the check unless the signature says it. */
function titleOf(check: string, signature: string): string {
  const dotted = signature.replace(/^([\w*/]+(?:, [\w*/]+)*)(?=: )/, (paths) =>
    paths
      .split(', ')
      .map((path) => `\`${path.replace(/\//g, '.')}\``)
      .join(', '),
  );
  return check === 'responseSchemaConformance' ? dotted : `${check}: ${dotted}`;
}

export interface FailedCheck {
  /** The failure (FailureEvidence.id) this check belongs to. */
  failureId: string;
  /** The operation whose answer failed, or webhooks for a notification. */
  operationId: SuiteId;
  status: number | undefined;
  failure: CheckFailure;
  decision?: DecisionRef;
  renamed?: { documented: string; received: string }[];
}

/**
 * Checks that judge the same thing in two places: a status the hand-written suites provoked and one
 * the generated phase documents for its request. Their failures are one finding when they agree.
 */
const families: Record<string, string> = { statusAsIntended: 'status', statusAsDocumented: 'status' };

/** "received HTTP 401 / expected 201 …" and "received HTTP 401 / documented for this request: 201 (…)" alike. */
function statusSignature(signature: string): string {
  const match =
    /^received HTTP (\d{3})\b.*?(?:expected|documented for this request:) ((?:[1-5]\d\d(?:, | or )?)+)/.exec(
      signature,
    );
  return match ? `received HTTP ${match[1]} / documented for this request: ${match[2]!.trim()}` : signature;
}

function groupKey(failure: FailedCheck['failure']): string {
  const family = families[failure.check];
  const signature = signatureOf(failure);
  return family ? `${family}\u0000${statusSignature(signature)}` : `${failure.check}\u0000${signature}`;
}

const missingField = /^(?:(.*)\/)?([^/]+): missing \/ documented: required$/;

/**
 * Documented fields missing together from the same parent in the same answers (`error` and
 * `errorMessage` of every error body) are one difference: their groups become one, the fields
 * named together.
 */
function mergeMissingTogether(groups: Map<string, FailedCheck[]>): Map<string, FailedCheck[]> {
  const byAnswers = new Map<string, { keys: string[]; fields: string[] }>();
  for (const [key, members] of groups) {
    const [check, signature] = key.split('\u0000') as [string, string];
    const missing = missingField.exec(signature);
    if (check !== 'responseSchemaConformance' || !missing) continue;
    const answers = [...new Set(members.map((m) => m.failureId))].sort().join(',');
    const together = `${missing[1] ?? ''}\u0000${answers}`;
    const entry = byAnswers.get(together) ?? { keys: [], fields: [] };
    entry.keys.push(key);
    entry.fields.push(missing[2]!);
    byAnswers.set(together, entry);
  }
  const merged = new Map(groups);
  for (const [together, { keys, fields }] of byAnswers) {
    if (keys.length < 2) continue;
    const parent = together.split('\u0000')[0];
    const names = fields.map((f) => (parent ? `${parent}/${f}` : f)).join(', ');
    const members = keys.flatMap((key) => merged.get(key) ?? []);
    for (const key of keys) merged.delete(key);
    merged.set(`responseSchemaConformance\u0000${names}: missing / documented: required`, members);
  }
  return merged;
}

/**
 * Groups failed checks into findings, the largest first (then by first appearance): ids `F1`, `F2`…
 * Returns the findings and, per failure, the ids of the findings it shows.
 */
export function groupFindings(checks: readonly FailedCheck[]): {
  findings: Finding[];
  ofFailure: Map<string, string[]>;
} {
  const grouped = new Map<string, FailedCheck[]>();
  for (const c of checks) {
    const key = groupKey(c.failure);
    grouped.set(key, [...(grouped.get(key) ?? []), c]);
  }
  const groups = mergeMissingTogether(grouped);
  const position = new Map(checks.map((c, index) => [c, index]));
  const first = (members: FailedCheck[]) =>
    members.reduce((min, m) => Math.min(min, position.get(m) ?? 0), Infinity);
  const size = (members: FailedCheck[]) => new Set(members.map((c) => c.failureId)).size;
  const ordered = [...groups].sort(([, a], [, b]) => size(b) - size(a) || first(a) - first(b));
  const findings: Finding[] = [];
  const ofFailure = new Map<string, string[]>();
  for (const [index, [key, members]] of ordered.entries()) {
    const id = `F${index + 1}`;
    const signature = key.split('\u0000')[1]!;
    const check = [...new Set(members.map((m) => m.failure.check))].join(', ');
    const failures = [...new Set(members.map((m) => m.failureId))];
    for (const failureId of failures) ofFailure.set(failureId, [...(ofFailure.get(failureId) ?? []), id]);
    const renamed = new Map<string, { documented: string; received: string }>();
    for (const m of members)
      for (const pair of m.renamed ?? []) renamed.set(`${pair.documented}→${pair.received}`, pair);
    const decision = members.find((m) => m.decision)?.decision;
    findings.push({
      id,
      check,
      title: titleOf(check, signature),
      count: failures.length,
      operations: [...new Set(members.map((m) => m.operationId))],
      statuses: [...new Set(members.flatMap((m) => (m.status === undefined ? [] : [m.status])))].sort(
        (a, b) => a - b,
      ),
      failures,
      ...(renamed.size > 0 ? { renamed: [...renamed.values()] } : {}),
      ...(decision ? { decision } : {}),
    });
  }
  return { findings, ofFailure };
}

/** One line of a finding, as the console and the JUnit report name it. */
/** The statuses a finding touches, or `notifications` for one the webhooks suite alone found. */
export function findingStatuses(finding: Finding): string {
  if (finding.statuses.length > 0) return `HTTP ${finding.statuses.join(', ')}`;
  return finding.operations.every((o) => o === 'webhooks') ? 'notifications' : 'HTTP –';
}

export function findingLine(finding: Finding): string {
  const renamed = (finding.renamed ?? []).map((r) => `probably renamed: ${r.documented} → ${r.received}`);
  const decision = finding.decision ? [`spec/DECISIONS.md ${finding.decision.id}`] : [];
  const where = `${finding.operations.length === 1 ? finding.operations[0] : `${finding.operations.length} operations`}; ${findingStatuses(finding)}`;
  return [`${finding.title} (${finding.count}×: ${where})`, ...renamed, ...decision].join(' — ');
}
