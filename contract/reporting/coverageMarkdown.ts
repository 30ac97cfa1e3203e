/**
 * Renders the coverage matrix as the markdown tables of reports/coverage.md (and the console): the
 * operation × status table, and the `webhooks` row under its own heads (notification checks).
 */
import { notificationCellInfo, unprovokedNotificationChecks } from '../webhooks/notificationCells.ts';
import type { Coverage } from './coverage.ts';
import type { CellTally } from './coverageCell.ts';
import { notificationCellName } from './notificationCoverage.ts';

const symbol: Record<CellTally['state'], string> = {
  valid: '✔',
  failed: '✘',
  notChecked: 'NOT CHECKED',
  notProvokable: '–',
  missing: 'MISSING',
};

function cellText(cell: CellTally | undefined): string {
  if (!cell) return ' ';
  if (cell.state === 'valid') return `✔ ${cell.valid}`;
  if (cell.state === 'failed') return `✘ ${cell.failed}`;
  return symbol[cell.state];
}

/** Not-provokable cells grouped by status and reason: "403 on createLink, deleteLink: needs …". */
export function notProvokableLines(coverage: Coverage): string[] {
  const groups = new Map<string, string[]>();
  for (const c of coverage.cells.filter((cell) => cell.state === 'notProvokable')) {
    const key = `${c.status}\u0000${c.reasons.join('; ')}`;
    groups.set(key, [...(groups.get(key) ?? []), c.operationId]);
  }
  const all = new Set(coverage.cells.map((c) => c.operationId)).size;
  const lines = [...groups].map(([key, ops]) => {
    const [status, reason] = key.split('\u0000');
    const where = ops.length === all && all > 1 ? 'every operation of the run' : ops.join(', ');
    return `${status} on ${where}: ${reason}`;
  });
  for (const { which, reason } of unprovokedNotificationChecks(coverage.notifications))
    lines.push(`${which} of webhooks: ${reason}`);
  return lines;
}

/** The `webhooks` row: a cell per notification check, under the check's name; empty without the suite. */
function notificationTable(coverage: Coverage): string[] {
  if (coverage.notifications.length === 0) return [];
  const heads = coverage.notifications.map((c) => notificationCellInfo[c.cell].label);
  return [
    `| notifications | ${heads.join(' | ')} |`,
    `|---|${heads.map(() => '---').join('|')}|`,
    `| webhooks | ${coverage.notifications.map(cellText).join(' | ')} |`,
  ];
}

export function coverageTable(coverage: Coverage): string {
  const statuses = [...new Set(coverage.cells.map((c) => c.status))].sort((a, b) => a - b);
  const operations = [...new Set(coverage.cells.map((c) => c.operationId))];
  const lines = [`| operation | ${statuses.join(' | ')} |`, `|---|${statuses.map(() => '---').join('|')}|`];
  for (const op of operations) {
    const row = statuses.map((s) =>
      cellText(coverage.cells.find((c) => c.operationId === op && c.status === s)),
    );
    lines.push(`| ${op} | ${row.join(' | ')} |`);
  }
  // A run of the webhooks suite alone has no operation rows.
  const tables = [
    ...(operations.length > 0 ? [lines.join('\n')] : []),
    notificationTable(coverage).join('\n'),
  ];
  return tables.filter(Boolean).join('\n\n');
}

/** One line for the console: how many request fields the generated phase exercised in full. */
export function fieldCoverageLine(coverage: Coverage): string | undefined {
  if (coverage.fields.length === 0) return undefined;
  const done = coverage.fields.filter((f) => f.state === 'exercised').length;
  const cannot = coverage.fields.filter((f) => f.state === 'notProvokable').length;
  const capped = coverage.capLeftOut
    ? `; the --max-requests cap left ${coverage.capLeftOut} generated examples unsent`
    : '';
  return `request fields: ${done} of ${coverage.fields.length} exercised by positives, boundaries and negatives${cannot ? ` (${cannot} not provokable here)` : ''}${capped}`;
}

function fieldTable(coverage: Coverage): string[] {
  const lines = [
    '| operation | field | positives | boundaries | negatives | state |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of coverage.fields) {
    const state =
      f.state === 'exercised'
        ? '✔'
        : f.state === 'missing'
          ? `MISSING: no ${f.lacking.join(', no ')}`
          : `– ${f.reasons.join('; ')}`;
    lines.push(
      `| ${f.operationId} | ${f.field} | ${f.positives} | ${f.boundaries} | ${f.negatives} | ${state} |`,
    );
  }
  return lines;
}

export function coverageMarkdown(coverage: Coverage, heading: string): string {
  const out = [
    `# Contract coverage: ${heading}`,
    '',
    'Operation × documented status. ✔ n = seen and valid n times; ✘ n = n failures (responses or tests);',
    '– = not provokable on this target (reason below); MISSING = never exercised (fails the gate);',
    'NOT CHECKED = its tests failed before calling the operation (a prerequisite failed; fails the gate); blank = not documented.',
    ...(coverage.notifications.length > 0
      ? [
          'The webhooks row: the payment notifications the server sent to the suite’s receiver, one cell per check;',
          ...coverage.notifications.map(
            (c) => `- ${notificationCellInfo[c.cell].label}: ${notificationCellInfo[c.cell].requires}`,
          ),
        ]
      : []),
    '',
    coverageTable(coverage),
    '',
    `Gate: ${coverage.gate.ok ? 'PASSED' : 'FAILED'}`,
  ];
  if (coverage.gate.missing.length) out.push(`- never exercised: ${coverage.gate.missing.join(', ')}`);
  if (coverage.gate.failed.length) out.push(`- failed: ${coverage.gate.failed.join(', ')}`);
  if (coverage.gate.notChecked.length)
    out.push(`- not checked (a prerequisite failed): ${coverage.gate.notChecked.join(', ')}`);
  if (coverage.fields.length) {
    out.push('', '## Request fields (generated phase)', '');
    out.push(
      'Examples sent per field: positives that carried it, its boundaries (every limit and one step past), negatives (each constraint broken alone).',
      '',
    );
    out.push(...fieldTable(coverage));
  }
  const notProvokable = notProvokableLines(coverage);
  if (notProvokable.length) {
    out.push('', '## Not provokable on this target', '');
    for (const line of notProvokable) out.push(`- ${line}`);
  }
  const named = [
    ...coverage.cells.map((c) => ({ name: `${c.operationId} ${c.status}`, cell: c as CellTally })),
    ...coverage.notifications.map((c) => ({ name: notificationCellName(c.cell), cell: c as CellTally })),
  ];
  const failed = named.filter((c) => c.cell.problems.length > 0);
  if (failed.length) {
    out.push('', '## Failures', '');
    for (const { name, cell } of failed) {
      for (const p of cell.problems) out.push(`- ${name}: ${p}`);
      if (cell.problemsLeftOut > 0)
        out.push(
          `- ${name}: … and ${cell.problemsLeftOut} more failures, not listed here (every one is in junit.xml and contract.html)`,
        );
    }
  }
  const unchecked = named.filter((c) => c.cell.notChecked.length > 0);
  if (unchecked.length) {
    out.push('', '## Not checked: a prerequisite failed', '');
    for (const { name, cell } of unchecked) for (const n of cell.notChecked) out.push(`- ${name}: ${n}`);
  }
  if (coverage.undocumented.length) {
    out.push('', '## Undocumented statuses received', '');
    for (const u of coverage.undocumented) out.push(`- ${u.operationId} answered ${u.status} (${u.count}×)`);
  }
  return `${out.join('\n')}\n`;
}
