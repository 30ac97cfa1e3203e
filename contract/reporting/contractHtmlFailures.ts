/**
 * The failures section of contract.html: every failure as a <details> element, closed, whose
 * summary says what differed at a glance (operation, status received and intended, test, first
 * check) and whose body holds the evidence to send to support: each check with its spec location
 * and decision, the request as sent, the response as received, a curl line and the exchange id.
 * Failures are grouped under the finding they show first, so a run with hundreds stays readable.
 */
import { escapeHtml as esc } from '../../core/html.ts';
import { notificationCellInfo } from '../webhooks/notificationCells.ts';
import type { ContractReport, ExchangeEvidence, FailureEvidence, Finding } from './reportModel.ts';

/** The id of a failure's element: findings, grid cells and failed tests link to it. */
export const failureAnchor = (id: string) => `failure-${id}`;

export const findingAnchor = (id: string) => `finding-${id}`;

/** A link to an element of the page; ids are percent-encoded in the href, as the fragment rules want. */
export const linkTo = (anchor: string, text: string) =>
  `<a href="#${esc(encodeURIComponent(anchor))}">${text}</a>`;

export function statusText(
  failure: Pick<FailureEvidence, 'status' | 'expectedStatus' | 'notificationCell'>,
): string {
  // A notification has no status: its check says what was expected of it.
  if (failure.notificationCell)
    return `notification check: ${notificationCellInfo[failure.notificationCell].label}`;
  const received = failure.status === undefined ? 'no answer' : `received ${failure.status}`;
  return failure.expectedStatus !== undefined && failure.expectedStatus !== failure.status
    ? `${received}, intended ${failure.expectedStatus}`
    : received;
}

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** "showing N of M bytes" when the body shown is not all of it, and why it was cut. */
function sizeNote(response: NonNullable<ExchangeEvidence['response']>): string {
  const shown = Buffer.byteLength(response.body ?? '');
  const parts: string[] = [];
  if (response.bodyBytes !== undefined)
    parts.push(
      shown < response.bodyBytes
        ? `showing ${bytes(shown)} of ${bytes(response.bodyBytes)}`
        : `${bytes(response.bodyBytes)}, shown whole`,
    );
  if (response.bodyCut) parts.push(`cut: ${response.bodyCut}`);
  return parts.length > 0 ? `<p class="body-size">${esc(parts.join('; '))}</p>` : '';
}

function exchangeHtml(x: ExchangeEvidence): string {
  const { request, response } = x;
  const requestHtml = `<h4>${x.received ? 'What the server sent, as received' : 'Request as sent'}</h4>
<pre class="request-line">${esc(`${request.method} ${request.url}`)}</pre>
<pre class="request-headers">${esc(headerLines(request.headers)) || '(no headers)'}</pre>
<p class="content-type">Content-Type: ${request.contentType ? `<code>${esc(request.contentType)}</code>` : 'none sent'}</p>
${request.body !== undefined ? `<pre class="request-body">${esc(request.body)}</pre>` : `<p class="request-body muted">${request.bodyCut ? `(body ${esc(request.bodyCut)})` : '(no body)'}</p>`}`;
  const responseHtml = response
    ? `<h4>${x.received ? 'The receiver’s answer' : 'Response as received'}</h4>
<p class="response-status"><b>HTTP ${response.status}</b>${x.received ? '' : ` after ${x.ms} ms`}</p>
<pre class="response-headers">${esc(headerLines(response.headers)) || '(no headers)'}</pre>
${sizeNote(response)}
${response.body !== undefined ? `<pre class="response-body">${esc(response.body)}</pre>` : '<p class="response-body muted">(no body recorded)</p>'}`
    : `<h4>Response</h4><p class="error">None: the request failed after ${x.ms} ms: ${esc(x.error ?? 'no answer')}</p>`;
  const by = x.test ? ` by ${esc(x.suite ?? '')} › ${esc(x.test)}` : '';
  return `${requestHtml}
${responseHtml}
<h4>${x.received ? 'Make the server send it again' : 'Send it again'}</h4>
<pre class="curl">${esc(x.curl)}</pre>
<p class="exchange-id muted">exchange <code>${esc(x.id)}</code> (as requests.log and run.har name it), sent ${esc(x.at)}${by}</p>`;
}

function checksHtml(failure: FailureEvidence): string {
  const items = failure.checks.map((c) => {
    const meta = [
      c.specPointer ? `spec: <code>${esc(c.specPointer)}</code>` : '',
      c.decision ? `decision: spec/DECISIONS.md <b>${esc(c.decision.id)}</b> — ${esc(c.decision.title)}` : '',
    ].filter(Boolean);
    return `<li><b class="check-name">${esc(c.check)}</b>: <span class="check-message">${esc(c.message)}</span>${meta.length > 0 ? `<div class="check-meta">${meta.join(' · ')}</div>` : ''}</li>`;
  });
  return `<h4>Checks that failed</h4><ol class="checks">${items.join('')}</ol>`;
}

function failureHtml(failure: FailureEvidence, findings: ReadonlyMap<string, Finding>): string {
  const first = failure.checks[0];
  const summary = `<span class="summary-op">${esc(failure.operationId)}</span> · <span class="summary-status">${esc(statusText(failure))}</span> · <span class="summary-test">${esc(failure.suite)} › ${esc(failure.test)}</span>${first ? ` · <span class="summary-check">${esc(first.check)}: ${esc(first.message)}</span>` : ''}`;
  const prerequisite = failure.prerequisiteOf
    ? `<p>While preparing a test of <b>${esc(failure.prerequisiteOf)}</b>: that operation was not checked by this test.</p>`
    : '';
  const shows = failure.findings
    .map((id) => findings.get(id))
    .filter((f): f is Finding => f !== undefined)
    .map((f) => linkTo(findingAnchor(f.id), esc(f.title)));
  return `<details class="failure" id="${esc(failureAnchor(failure.id))}">
<summary>${summary}</summary>
<div class="failure-body">
${prerequisite}${checksHtml(failure)}
${shows.length > 0 ? `<p>Finding: ${shows.join(', ')}</p>` : ''}
${failure.exchange ? exchangeHtml(failure.exchange) : '<p class="muted">The run kept no record of this exchange.</p>'}
</div>
</details>`;
}

function testsHtml(report: ContractReport, rendered: ReadonlySet<string>): string {
  if (report.tests.length === 0) return '';
  const items = report.tests.map((t) => {
    const links = t.failures.filter((id) => rendered.has(id)).map((id) => linkTo(failureAnchor(id), esc(id)));
    return `<li>${esc(t.suite)} › ${esc(t.test)}: ${esc(t.reason)}${links.length > 0 ? ` — ${links.join(', ')}` : ''}</li>`;
  });
  return `<details class="tests"><summary>Failed tests (${report.tests.length})</summary><ul>${items.join('')}</ul></details>`;
}

export function failuresSection(report: ContractReport): string {
  const byId = new Map(report.failures.map((f) => [f.id, f]));
  const findings = new Map(report.findings.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const groups: string[] = [];
  for (const finding of report.findings) {
    const members = finding.failures
      .filter((id) => !placed.has(id))
      .map((id) => byId.get(id))
      .filter((f): f is FailureEvidence => f !== undefined);
    if (members.length === 0) continue;
    for (const m of members) placed.add(m.id);
    groups.push(
      `<section class="failure-group"><h3>${esc(finding.title)} <span class="muted">(${esc(finding.id)}, ${finding.count}×)</span></h3>
${members.map((m) => failureHtml(m, findings)).join('\n')}</section>`,
    );
  }
  const rest = report.failures.filter((f) => !placed.has(f.id));
  if (rest.length > 0)
    groups.push(
      `<section class="failure-group"><h3>${groups.length > 0 ? 'Other failures' : 'Failures'}</h3>
${rest.map((m) => failureHtml(m, findings)).join('\n')}</section>`,
    );
  return `<section id="failures"><h2>Failures (${report.failures.length})</h2>
<p class="muted">Each failure opens on a click: the checks, the request as sent, the response as received and a curl line to send it again (the key as <code>$SECPAID_TOKEN</code>).</p>
${testsHtml(report, new Set(byId.keys()))}
${groups.join('\n')}
</section>`;
}
