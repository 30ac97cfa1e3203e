/**
 * The coverage section of contract.html: operation rows × documented status columns, then the
 * `webhooks` row under its notification checks, each cell coloured by its state and labelled in
 * words as well (a grid read in greyscale, or by a screen reader, says the same), the reasons under
 * the grid, and the request fields of the generated phase.
 */
import { escapeHtml as esc } from '../../core/html.ts';
import { notificationCellInfo, unprovokedNotificationChecks } from '../webhooks/notificationCells.ts';
import { failureAnchor, linkTo } from './contractHtmlFailures.ts';
import type { Coverage } from './coverage.ts';
import type { CellState, CellTally } from './coverageCell.ts';
import { type NotificationCoverageCell, notificationCellName } from './notificationCoverage.ts';
import type { FailureEvidence } from './reportModel.ts';

export const cellLabel: Record<CellState, string> = {
  valid: 'valid',
  failed: 'failed',
  notChecked: 'not checked',
  notProvokable: 'not provokable',
  missing: 'MISSING',
};

function cellText(cell: CellTally): string {
  if (cell.state === 'valid') return `✓ ${cell.valid} valid`;
  if (cell.state === 'failed') return `✗ ${cell.failed} failed`;
  if (cell.state === 'notChecked') return '! not checked';
  if (cell.state === 'notProvokable') return '– not provokable';
  return 'MISSING';
}

/** `valid`: what a valid count counts (answers provoked on purpose, expectations about notifications). */
function cellTooltip(cell: CellTally, valid: string): string {
  const more = cell.problemsLeftOut > 0 ? [`… and ${cell.problemsLeftOut} more`] : [];
  switch (cell.state) {
    case 'valid':
      return `${cell.valid} ${valid}, each as documented`;
    case 'failed':
      return [`${cell.failed} failed, ${cell.valid} valid`, ...cell.problems, ...more].join('\n');
    case 'notChecked':
      return ['its tests failed before calling the operation:', ...cell.notChecked].join('\n');
    case 'notProvokable':
      return `not provokable on this target: ${cell.reasons.join('; ')}`;
    case 'missing':
      return 'documented, never provoked: fails the coverage gate';
  }
}

/**
 * A cell of the grid, linked to the first failure it counts (`isMine`), so the grid leads to its
 * evidence; `valid` says what its valid count counts.
 */
function gridCell(
  name: string,
  cell: CellTally | undefined,
  failures: readonly FailureEvidence[],
  isMine: (failure: FailureEvidence) => boolean,
  valid: string,
): string {
  if (!cell)
    return `<td class="cell cell-none" data-cell="${esc(name)}" title="not documented for this operation"></td>`;
  const text = esc(cellText(cell));
  const target = cell.state === 'failed' ? failures.find(isMine)?.id : undefined;
  const content = target ? linkTo(failureAnchor(target), text) : text;
  return `<td class="cell cell-${cell.state}" data-cell="${esc(name)}" title="${esc(cellTooltip(cell, valid))}">${content}</td>`;
}

/** The `webhooks` row under its own heads, the notification checks; nothing without the suite. */
function notificationGrid(
  cells: readonly NotificationCoverageCell[],
  failures: readonly FailureEvidence[],
): string {
  if (cells.length === 0) return '';
  const head = `<tr><th>notifications</th>${cells.map((c) => `<th title="${esc(notificationCellInfo[c.cell].requires)}">${esc(notificationCellInfo[c.cell].label)}</th>`).join('')}</tr>`;
  const row = cells.map((c) =>
    gridCell(
      `webhooks ${c.cell}`,
      c,
      failures,
      (f) => f.operationId === 'webhooks' && f.notificationCell === c.cell,
      'expectation(s) about notifications judged',
    ),
  );
  return `<table class="grid notifications"><thead>${head}</thead><tbody><tr><th scope="row">webhooks</th>${row.join('')}</tr></tbody></table>`;
}

function grid(coverage: Coverage, failures: readonly FailureEvidence[]): string {
  const statuses = [...new Set(coverage.cells.map((c) => c.status))].sort((a, b) => a - b);
  const operations = [...new Set(coverage.cells.map((c) => c.operationId))];
  const byKey = new Map(coverage.cells.map((c) => [`${c.operationId} ${c.status}`, c]));
  const head = `<tr><th>operation</th>${statuses.map((s) => `<th>${s}</th>`).join('')}</tr>`;
  const rows = operations.map(
    (op) =>
      `<tr><th scope="row">${esc(op)}</th>${statuses
        .map((s) =>
          gridCell(
            `${op} ${s}`,
            byKey.get(`${op} ${s}`),
            failures,
            (f) => f.operationId === op && (f.expectedStatus ?? f.status) === s,
            'answer(s) provoked on purpose',
          ),
        )
        .join('')}</tr>`,
  );
  const legend = (Object.keys(cellLabel) as CellState[])
    .map((state) => `<span class="cell-${state}">${esc(cellLabel[state])}</span>`)
    .join('');
  const operationGrid =
    operations.length > 0
      ? `<table class="grid"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table>`
      : '';
  return `${operationGrid}
${notificationGrid(coverage.notifications, failures)}
<p class="legend">${legend}<span class="cell-none">blank: not documented</span></p>`;
}

function list(title: string, className: string, lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `<h3>${esc(title)}</h3><ul class="${className}">${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`;
}

const where = (c: { operationId: string; status: number }) => `<b>${esc(c.operationId)} ${c.status}</b>`;

/**
 * Not-provokable cells grouped by reason, the statuses of each operation together ("403, 429, 500
 * on every operation: …"): a target without a control API would otherwise repeat one line per cell.
 */
function notProvokableLines(coverage: Coverage): string[] {
  const operations = new Set(coverage.cells.map((c) => c.operationId));
  const byReason = new Map<string, Map<string, number[]>>();
  for (const c of coverage.cells.filter((cell) => cell.state === 'notProvokable')) {
    const reason = c.reasons.join('; ');
    const byOperation = byReason.get(reason) ?? new Map<string, number[]>();
    byOperation.set(c.operationId, [...(byOperation.get(c.operationId) ?? []), c.status]);
    byReason.set(reason, byOperation);
  }
  const lines = [...byReason].map(([reason, byOperation]) => {
    const lists = [...byOperation.values()].map((statuses) => statuses.join(', '));
    const everywhere =
      byOperation.size === operations.size && operations.size > 1 && new Set(lists).size === 1;
    const place = everywhere
      ? `<b>${esc(lists[0])}</b> on every operation`
      : [...byOperation].map(([op, statuses]) => `<b>${esc(op)} ${esc(statuses.join(', '))}</b>`).join(' · ');
    return `${place}: ${esc(reason)}`;
  });
  for (const { which, reason } of unprovokedNotificationChecks(coverage.notifications))
    lines.push(`<b>webhooks: ${esc(which)}</b>: ${esc(reason)}`);
  return lines;
}

function fieldTable(coverage: Coverage): string {
  if (coverage.fields.length === 0) return '';
  const done = coverage.fields.filter((f) => f.state === 'exercised').length;
  const rows = coverage.fields.map((f) => {
    const state =
      f.state === 'exercised'
        ? '✓ exercised'
        : f.state === 'missing'
          ? `MISSING: no ${f.lacking.join(', no ')}`
          : `– not provokable: ${f.reasons.join('; ')}`;
    const cls = f.state === 'exercised' ? 'valid' : f.state;
    return `<tr><td>${esc(f.operationId)}</td><td><code>${esc(f.field)}</code></td><td>${f.positives}</td><td>${f.boundaries}</td><td>${f.negatives}</td><td class="cell-${cls}">${esc(state)}</td></tr>`;
  });
  return `<details class="fields"><summary>Request fields exercised by the generated phase: ${done} of ${coverage.fields.length}</summary>
<table><thead><tr><th>operation</th><th>field</th><th>positives</th><th>boundaries</th><th>negatives</th><th>state</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></details>`;
}

export function coverageSection(coverage: Coverage, failures: readonly FailureEvidence[]): string {
  const gate = coverage.gate.ok
    ? '<p>Coverage gate: <b>passed</b>.</p>'
    : `<p>Coverage gate: <b class="error">failed</b> (${coverage.gate.failed.length} failed, ${coverage.gate.notChecked.length} not checked, ${coverage.gate.missing.length} missing).</p>`;
  const notProvokable = notProvokableLines(coverage);
  const notChecked = [
    ...coverage.cells
      .filter((c) => c.state === 'notChecked')
      .map((c) => `${where(c)}: ${esc(c.notChecked.join('; '))}`),
    ...coverage.notifications
      .filter((c) => c.state === 'notChecked')
      .map((c) => `<b>${esc(notificationCellName(c.cell))}</b>: ${esc(c.notChecked.join('; '))}`),
  ];
  const missing = coverage.gate.missing.map((m) => esc(m));
  const undocumented = coverage.undocumented.map(
    (u) => `${where(u)}: answered ${u.count} time(s), a status this operation does not document`,
  );
  const cap =
    coverage.capLeftOut > 0
      ? `<p>The --max-requests cap left ${coverage.capLeftOut} generated examples unsent.</p>`
      : '';
  return `<section id="coverage"><h2>Coverage: operation × documented status</h2>
${gate}
${grid(coverage, failures)}
${list('Not provokable on this target', 'not-provokable', notProvokable)}
${list('Not checked (a prerequisite failed first)', 'not-checked', notChecked)}
${list('Missing (fails the gate)', 'missing', missing)}
${list('Undocumented statuses received', 'undocumented', undocumented)}
${cap}${fieldTable(coverage)}
</section>`;
}
