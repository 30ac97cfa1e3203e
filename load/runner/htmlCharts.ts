/**
 * The HTML report's charts: latency over time (corrected percentiles and the raw p95) and throughput
 * (target, started, answered, failed), each point at the centre of its time bucket, the warm-up
 * shaded and the partial last bucket marked.
 */
import type { LoadReport } from './report.ts';
import { type ChartMarks, lineChart } from './svg.ts';

export function charts(report: LoadReport): string {
  const t = report.timeline;
  // A bucket's figures are over its whole span: plotted at its start, a line would lead the run by half a bucket.
  const at = <K extends keyof (typeof t)[number]>(key: K) =>
    t.map((p) => [p.t + p.span / 2, p[key] as number | null] as const);
  const last = t[t.length - 1];
  const warmUpS = report.plan.warmUpS;
  const marks: ChartMarks = {
    ...(warmUpS > 0 ? { shade: { from: 0, to: warmUpS, label: `warm-up (${warmUpS} s, not judged)` } } : {}),
    ...(last?.partial ? { partialFrom: last.t } : {}),
  };
  const xMax = Math.max(report.durationS, last ? last.t + last.span : 0);
  const latency = lineChart(
    'Latency over time (corrected for coordinated omission)',
    'ms',
    xMax,
    [
      { name: 'p50', color: '#2b8a3e', points: at('p50') },
      { name: 'p95', color: '#e67700', points: at('p95') },
      { name: 'p99', color: '#c92a2a', points: at('p99') },
      { name: 'p95 raw (from send)', color: '#868e96', points: at('rawP95'), dashed: true },
    ],
    marks,
  );
  const throughput = lineChart(
    'Throughput',
    'req/s',
    xMax,
    [
      { name: 'target rate', color: '#868e96', points: at('targetRate'), dashed: true },
      { name: 'started', color: '#1971c2', points: at('sentRate') },
      { name: 'answered', color: '#2b8a3e', points: at('doneRate') },
      { name: 'failed', color: '#c92a2a', points: at('failedRate') },
    ],
    marks,
  );
  return `${latency}\n${throughput}`;
}
