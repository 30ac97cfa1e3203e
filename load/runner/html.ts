/**
 * The HTML report: verdict, thresholds, per-operation figures, and charts of latency over time
 * (corrected percentiles and the raw p95) and throughput (target, started, answered, failed).
 */
import { escapeHtml as esc } from '../../core/html.ts';
import { bodiesLine } from './bodiesLine.ts';
import type { LoadReport } from './report.ts';
import { lineChart } from './svg.ts';

function table(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '–');

function charts(report: LoadReport): string {
  const t = report.timeline;
  const at = <K extends keyof (typeof t)[number]>(key: K) =>
    t.map((p) => [p.t, p[key] as number | null] as const);
  const latency = lineChart(
    'Latency over time (corrected for coordinated omission)',
    'ms',
    report.durationS,
    [
      { name: 'p50', color: '#2b8a3e', points: at('p50') },
      { name: 'p95', color: '#e67700', points: at('p95') },
      { name: 'p99', color: '#c92a2a', points: at('p99') },
      { name: 'p95 raw (from send)', color: '#868e96', points: at('rawP95'), dashed: true },
    ],
  );
  const throughput = lineChart('Throughput', 'requests / s', report.durationS, [
    { name: 'target rate', color: '#868e96', points: at('targetRate'), dashed: true },
    { name: 'started', color: '#1971c2', points: at('sentRate') },
    { name: 'answered', color: '#2b8a3e', points: at('doneRate') },
    { name: 'failed', color: '#c92a2a', points: at('failedRate') },
  ]);
  return `${latency}\n${throughput}`;
}

export function htmlReport(report: LoadReport): string {
  const verdict = report.ok ? '<p class="ok">PASSED</p>' : '<p class="bad">FAILED</p>';
  const thresholds = table(
    ['', 'threshold', 'measured', 'k6'],
    report.thresholds.map((t) => [
      t.ok ? '✓' : t.trusted === false ? '?' : '✗',
      t.trusted === false ? `${t.id} (not trustworthy: the generator saturated)` : t.id,
      t.actual ?? 'no data',
      `${t.k6Metric}: ${t.k6Expression}`,
    ]),
  );
  const operations = table(
    ['operation', 'requests', 'error rate', 'checks', 'p50', 'p95', 'p99', 'max', 'p95 raw', 'statuses'],
    report.operations.map((o) => [
      o.operation,
      o.requests,
      pct(o.errorRate),
      pct(o.checkRate),
      ms(o.latency.p50),
      ms(o.latency.p95),
      ms(o.latency.p99),
      ms(o.latency.max),
      ms(o.rawLatency.p95),
      Object.entries(o.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
    ]),
  );
  const baseline = report.baseline
    ? `<h2>Against the baseline (${esc(report.baseline.file)})</h2>${table(
        ['', 'comparison', 'change'],
        report.baseline.comparisons.map((c) => [c.ok ? '✓' : '✗', c.name, c.message]),
      )}`
    : '';
  const tot = report.totals;
  const g = report.generator;
  const saturation = report.saturation
    ? `<p class="bad">${report.saturation.by === 'generator' ? 'Load generator saturated' : 'Target saturated'}: ${esc(report.saturation.message)}</p>`
    : '';
  const generator = `<p>Load generator: event-loop delay p99 ${g.loopDelayMs.p99} ms, max ${g.loopDelayMs.max} ms;
stalled (≥ ${g.stallMs} ms) in ${g.stalledSeconds} of ${g.seconds} s; loop busy ${pct(g.utilization.mean)} on average;
CPU ${g.cpuPercent.mean} % of ${g.cpuPercent.cores} cores on average, ${g.cpuPercent.max} % at most.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load: ${esc(report.scenario)} (${esc(report.profile)})</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}.ok{color:#2b8a3e;font-weight:bold}.bad{color:#c92a2a;font-weight:bold}
svg{display:block;margin:1em 0}</style></head><body>
<h1>Load test: ${esc(report.scenario)}, profile ${esc(report.profile)}</h1>
${verdict}${saturation}${report.aborted ? `<p class="bad">Stopped early: ${esc(report.aborted)}</p>` : ''}
<p>${esc(report.description)}. Target ${esc(report.target)}${report.embeddedSandbox ? ' (embedded sandbox)' : ''}, started ${esc(report.startedAt)}, ${report.durationS.toFixed(1)} s,
${report.engine.workers} worker(s), up to ${report.engine.maxConnections} connections open at once (budget ${report.engine.connectionBudget}${report.engine.connectionBudgetLowered ? `: ${esc(report.engine.connectionBudgetLowered)}` : ''}).</p>
<p>Planned ${tot.planned} requests (peak ${report.plan.peakRate} req/s); started ${tot.issued}, answered ${tot.answered},
failed ${tot.failed}, interrupted ${tot.interrupted}, dropped ${tot.dropped}; ${tot.achievedRps.toFixed(1)} answers/s.
${tot.cutBodies || tot.endlessBodies ? esc(bodiesLine(report)) : ''}</p>
${generator}
<h2>Thresholds</h2>${thresholds}
<h2>Operations (latency in ms, from the intended start)</h2>${operations}
${baseline}
<h2>Charts</h2>${charts(report)}
</body></html>
`;
}
