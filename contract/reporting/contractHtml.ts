/**
 * reports/contract.html: one self-contained page an integrator can send to SecPaid's support,
 * readable offline from disk. In order: the verdict, the findings (one line each, linked to their
 * failures), the coverage grid, every failure with its evidence, the drift and the run's metadata.
 * Every text of the model is already redacted; every one is still escaped here, since it holds
 * what a server sent.
 */
import { escapeHtml as esc } from '../../core/html.ts';
import { coverageSection } from './contractHtmlCoverage.ts';
import { failureAnchor, failuresSection, findingAnchor, linkTo } from './contractHtmlFailures.ts';
import { contentSecurityPolicy, script, style } from './contractHtmlStyle.ts';
import type { DriftEntry } from './drift.ts';
import { findingStatuses } from './findings.ts';
import type { ContractReport, Finding, RunMetadata } from './reportModel.ts';

/** How many of a finding's failures its line links to: the representatives. */
const representatives = 2;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function verdictSection(report: ContractReport): string {
  const { passed, failed, skipped } = report.counts;
  const word = report.ok ? 'PASSED' : 'FAILED';
  const reasons =
    report.reasons.length > 0
      ? `<ul class="reasons">${report.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`
      : '';
  return `<section id="verdict" class="verdict verdict-${report.ok ? 'passed' : 'failed'}">
<p class="verdict-word"><span aria-hidden="true">${report.ok ? '✓' : '✗'}</span> ${word}</p>
<p class="counts">${plural(passed, 'test')} passed · ${failed.toLocaleString('en-US')} failed · ${skipped.toLocaleString('en-US')} skipped — ${plural(report.findings.length, 'finding')}, ${plural(report.failures.length, 'failure')}</p>
${reasons}
</section>`;
}

function findingLine(finding: Finding, present: ReadonlySet<string>): string {
  const shown = finding.failures.filter((id) => present.has(id));
  const first = shown[0];
  const title = first ? linkTo(failureAnchor(first), esc(finding.title)) : esc(finding.title);
  const tags = [
    `<span class="tag">${esc(finding.check)}</span>`,
    `<span class="tag">${esc(finding.operations.join(', '))}</span>`,
    `<span class="tag">${esc(findingStatuses(finding))}</span>`,
    ...(finding.renamed ?? []).map(
      (r) => `<span class="tag renamed">probably renamed: ${esc(r.documented)} → ${esc(r.received)}</span>`,
    ),
    ...(finding.decision
      ? [`<span class="tag decision">${esc(finding.decision.id)} — ${esc(finding.decision.title)}</span>`]
      : []),
  ];
  const links = shown.slice(0, representatives).map((id) => linkTo(failureAnchor(id), esc(id)));
  const more = finding.count - links.length;
  const see =
    links.length > 0
      ? ` — see ${links.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`
      : '';
  return `<li id="${esc(findingAnchor(finding.id))}" class="finding">${title} <span class="finding-count">× ${finding.count.toLocaleString('en-US')}</span>${tags.join('')}${see}</li>`;
}

function findingsSection(report: ContractReport): string {
  if (report.findings.length === 0) return '<section id="findings"><h2>Findings</h2><p>None.</p></section>';
  const present = new Set(report.failures.map((f) => f.id));
  return `<section id="findings"><h2>Findings (${report.findings.length})</h2>
<p class="muted">Each finding is one way the server differs from the spec, with how many failures show it.</p>
<ol class="findings">${report.findings.map((f) => findingLine(f, present)).join('\n')}</ol>
</section>`;
}

function driftSection(drift: readonly DriftEntry[]): string {
  const body =
    drift.length === 0
      ? '<p>None: every response field is documented.</p>'
      : `<p class="muted">Warnings, not failures: response fields the spec does not know.</p>
<table class="drift"><thead><tr><th>operation</th><th>status</th><th>field</th><th>seen</th><th>e.g. in test</th></tr></thead><tbody>
${drift.map((d) => `<tr><td>${esc(d.operationId)}</td><td>${d.status}</td><td><code>${esc(d.path)}</code>${d.probablyRenamedFrom ? ` <span class="tag renamed">probably renamed from ${esc(d.probablyRenamedFrom)}</span>` : ''}</td><td>${d.count}</td><td>${esc(d.example)}</td></tr>`).join('\n')}
</tbody></table>`;
  return `<section id="drift"><h2>Drift</h2>${body}</section>`;
}

function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function runSection(m: RunMetadata): string {
  const rows: [string, string][] = [
    ['Target', m.target],
    ['Run id', m.runId],
    ['Seed', m.seed === undefined ? 'generated phase did not run' : String(m.seed)],
    ['Read-only', m.readOnly ? 'yes' : 'no'],
    ['Operations', m.operations.join(', ')],
    ['Harness', m.versions.harness],
    ['Spec', m.versions.spec],
    ['Node', m.versions.node],
    ['Started', m.startedAt],
    ['Finished', m.finishedAt],
    ['Duration', duration(m.durationMs)],
  ];
  return `<section id="run"><h2>Run</h2><dl class="run">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></section>`;
}

export function contractHtml(report: ContractReport): string {
  const hasFailures = report.failures.length > 0 || report.tests.length > 0;
  const nav = [
    ['verdict', 'Verdict'],
    ['findings', 'Findings'],
    ['coverage', 'Coverage'],
    ...(hasFailures ? [['failures', 'Failures']] : []),
    ['drift', 'Drift'],
    ['run', 'Run'],
  ]
    .map(([id, text]) => `<a href="#${id}">${text}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SecPaid contract run ${esc(report.metadata.runId)}: ${report.ok ? 'PASSED' : 'FAILED'}</title>
<style>${style}</style></head><body>
<h1>SecPaid contract run against ${esc(report.metadata.target)}</h1>
<nav>${nav}</nav>
${verdictSection(report)}
${findingsSection(report)}
${coverageSection(report.coverage, report.failures)}
${hasFailures ? failuresSection(report) : ''}
${driftSection(report.drift)}
${runSection(report.metadata)}
<footer>secpaid-harness ${esc(report.metadata.versions.harness)}. Every key and token in this page is redacted; curl lines read the key from <code>$SECPAID_TOKEN</code>.</footer>
<script>${script}</script>
</body></html>
`;
}
