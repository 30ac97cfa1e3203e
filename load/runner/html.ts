/**
 * The HTML report, read at a glance: the verdict first (coloured), then the capacity when the profile
 * finds one, whether the latency figures can be trusted, the warm-up, the thresholds and operations
 * (breached rows highlighted, every figure with its unit), the baseline and the charts.
 */
import { escapeHtml as esc } from '../../core/html.ts';
import type { ThresholdKind } from '../profiles/slos.ts';
import { bodiesLine } from './bodiesLine.ts';
import { charts } from './htmlCharts.ts';
import type { LoadReport } from './report.ts';
import { verdictWord } from './verdict.ts';

interface Row {
  cells: readonly unknown[];
  /** 'breach' (red) or 'untrusted' (yellow). */
  mark?: 'breach' | 'untrusted';
}

function table(head: readonly string[], rows: readonly Row[]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const trs = rows
    .map((r) => {
      const cls = r.mark ? ` class="${r.mark}"` : '';
      return `<tr${cls}>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

const ms = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–';
const pct = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '–';
const count = (n: number, unit = 'requests') => `${n} ${unit}`;

function figure(kind: ThresholdKind, v: number | null): string {
  if (v === null) return 'no data';
  if (kind === 'p95' || kind === 'p99') return ms(v);
  if (kind === 'dropped') return count(v);
  return pct(v);
}

function verdict(report: LoadReport): string {
  const word = verdictWord(report);
  const breached = report.thresholds.filter((t) => !t.ok);
  const cls = word === 'PASSED' ? 'pass' : word === 'FAILED' ? 'fail' : 'inconclusive';
  const why =
    word === 'PASSED'
      ? `all ${report.thresholds.length} thresholds met`
      : [
          breached.length ? `${breached.length} of ${report.thresholds.length} thresholds breached` : '',
          report.aborted ? `stopped early: ${report.aborted}` : '',
          (report.baseline?.comparisons ?? []).some((c) => !c.ok) ? 'worse than the baseline' : '',
          word === 'INCONCLUSIVE' ? 'only figures the saturated load generator cannot vouch for failed' : '',
        ]
          .filter(Boolean)
          .join('; ');
  return `<div class="verdict ${cls}"><strong>${word}</strong> ${esc(why)}</div>`;
}

function capacity(report: LoadReport): string {
  const c = report.capacity;
  if (!c) return '';
  const figure = c.capacityRps === null ? 'none found' : `${c.capacityRps} req/s`;
  return `<h2>Capacity: ${esc(figure)}</h2><p class="capacity">${esc(c.message)}${
    report.measurement.latencyTrustworthy ? '' : ' (the load generator saturated: see below)'
  }.</p>`;
}

function generatorAndMeasurement(report: LoadReport): string {
  const g = report.generator;
  const m = report.measurement;
  const trust = `<p class="${m.latencyTrustworthy ? 'note' : 'bad'}">${esc(m.message)}.</p>`;
  return `${trust}<p>Load generator: event-loop delay p99 ${g.loopDelayMs.p99} ms, max ${g.loopDelayMs.max} ms;
stalled (≥ ${g.stallMs} ms) in ${g.stalledSeconds} of ${g.seconds} s; loop busy ${pct(g.utilization.mean)} on average;
CPU ${g.cpuPercent.mean} % of ${g.cpuPercent.cores} cores on average, ${g.cpuPercent.max} % at most.
Latency: ${esc(m.histogram)}, percentiles ${esc(m.percentiles)}, within ${m.precision.operations * 100} % per operation
and ${m.precision.buckets * 100} % per ${m.bucketS} s time bucket (resolution ${m.precision.resolutionMs} ms).</p>`;
}

function warmUp(report: LoadReport): string {
  const w = report.warmUp;
  if (!w) return '<p>No warm-up: every request was judged.</p>';
  const checks = w.checks ? pct(w.checksPassed / w.checks) : '–';
  const cls = w.failed > 0 || w.checksPassed < w.checks ? 'bad' : 'note';
  return `<p class="${cls}">Warm-up (not judged, shaded in the charts): ${w.durationS} s at ${w.rate} req/s, then ${(report.plan.warmUpS - w.durationS).toFixed(0)} s of pause; started ${count(w.started)} of ${count(w.planned)},
answered ${count(w.answered)}, failed ${count(w.failed)}, checks passed ${checks}; latency p50 ${ms(w.latency.p50)}, p95 ${ms(w.latency.p95)}, max ${ms(w.latency.max)}.</p>`;
}

function thresholdsTable(report: LoadReport): string {
  return table(
    ['', 'threshold', 'measured', 'k6'],
    report.thresholds.map((t) => ({
      cells: [
        t.ok ? '✓' : t.trusted === false ? '?' : '✗',
        t.trusted === false ? `${t.id} (not trustworthy: the generator saturated)` : t.id,
        figure(t.kind, t.actual),
        `${t.k6Metric}: ${t.k6Expression}`,
      ],
      ...(t.ok ? {} : { mark: t.trusted === false ? ('untrusted' as const) : ('breach' as const) }),
    })),
  );
}

function operationsTable(report: LoadReport): string {
  const breachedBy = (trusted: boolean) =>
    new Set(
      report.thresholds
        .filter((t) => !t.ok && t.operation && (t.trusted !== false) === trusted)
        .map((t) => t.operation),
    );
  // Red when the target breached a figure the run vouches for; yellow when only untrusted ones broke.
  const [breached, untrusted] = [breachedBy(true), breachedBy(false)];
  return table(
    [
      'operation',
      'requests',
      'error rate',
      'checks passed',
      'p50',
      'p95',
      'p99',
      'max',
      'p95 raw',
      'statuses',
    ],
    report.operations.map((o) => ({
      cells: [
        o.operation,
        count(o.requests),
        pct(o.errorRate),
        pct(o.checkRate),
        ms(o.latency.p50),
        ms(o.latency.p95),
        ms(o.latency.p99),
        ms(o.latency.max),
        ms(o.rawLatency.p95),
        Object.entries(o.statuses)
          .map(([s, n]) => `${s === '0' ? 'no answer' : `HTTP ${s}`} × ${n}`)
          .join(', '),
      ],
      ...(breached.has(o.operation)
        ? { mark: 'breach' as const }
        : untrusted.has(o.operation)
          ? { mark: 'untrusted' as const }
          : {}),
    })),
  );
}

const style = `body{font:14px system-ui,sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}tr.breach td{background:#ffe3e3;color:#a61e1e;font-weight:600}
tr.untrusted td{background:#fff3bf}.verdict{font-size:1.3em;padding:.6em 1em;border-radius:6px;margin:1em 0}
.verdict.pass{background:#d3f9d8;color:#2b8a3e}.verdict.fail{background:#ffe3e3;color:#c92a2a}
.verdict.inconclusive{background:#fff3bf;color:#8a5a00}.bad{color:#c92a2a;font-weight:bold}.note{color:#495057}
.capacity{font-size:1.1em}svg{display:block;margin:1em 0}`;

export function htmlReport(report: LoadReport): string {
  const baseline = report.baseline
    ? `<h2>Against the baseline (${esc(report.baseline.file)})</h2>${table(
        ['', 'comparison', 'change'],
        report.baseline.comparisons.map((c) => ({
          cells: [c.ok ? '✓' : '✗', c.name, c.message],
          ...(c.ok ? {} : { mark: 'breach' as const }),
        })),
      )}`
    : '';
  const tot = report.totals;
  const e = report.engine;
  const saturation = report.saturation
    ? `<p class="bad">${report.saturation.by === 'generator' ? 'Load generator saturated' : 'Target saturated'}: ${esc(report.saturation.message)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load: ${esc(report.scenario)} (${esc(report.profile)})</title>
<style>${style}</style></head><body>
<h1>Load test: ${esc(report.scenario)}, profile ${esc(report.profile)}</h1>
${verdict(report)}${saturation}${capacity(report)}
<p>${esc(report.description)}. Target ${esc(report.target)}${report.embeddedSandbox ? ' (embedded sandbox)' : ''}, started ${esc(report.startedAt)}, ${report.durationS.toFixed(1)} s in all,
${e.workers} worker(s), up to ${e.maxConnections} connections open at once (budget ${e.connectionBudget}${e.connectionBudgetLowered ? `: ${esc(e.connectionBudgetLowered)}` : ''}).</p>
<p>Measured run: planned ${count(tot.planned)} over ${report.plan.durationS.toFixed(1)} s (peak ${report.plan.peakRate} req/s); started ${count(tot.issued)}, answered ${count(tot.answered)},
failed ${count(tot.failed)}, interrupted ${count(tot.interrupted)}, dropped ${count(tot.dropped)}; ${tot.achievedRps.toFixed(1)} answers/s.
${tot.cutBodies || tot.endlessBodies ? esc(bodiesLine(report)) : ''}</p>
${warmUp(report)}
${generatorAndMeasurement(report)}
<h2>Thresholds</h2>${thresholdsTable(report)}
<h2>Operations (latency from the intended start)</h2>${operationsTable(report)}
${baseline}
<h2>Charts</h2>${charts(report)}
</body></html>
`;
}
