/**
 * The data k6 hands to `handleSummary()`: `metrics` (with each threshold's verdict on its metric or
 * sub-metric), `root_group` with its checks, `options`, `state`, and `setup_data`, which k6 includes
 * (and which holds keys: the script must leave it out of what it writes).
 */
import type { RunState } from './state.ts';
import { summaryMetrics, type ThresholdSpec } from './thresholds.ts';

const defaultTrendStats = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export function summaryData(run: RunState, thresholds: readonly ThresholdSpec[], setupData: unknown) {
  const durationMs = Date.now() - run.started;
  const trendStats = (run.options.summaryTrendStats as string[] | undefined) ?? defaultTrendStats;
  const metrics = summaryMetrics(run.samples, run.metrics, thresholds, trendStats, durationMs / 1000);
  const byCheck = new Map<string, { passes: number; fails: number }>();
  for (const sample of run.samples) {
    if (sample.metric !== 'checks') continue;
    const name = sample.tags.check ?? '';
    const counts = byCheck.get(name) ?? { passes: 0, fails: 0 };
    if (sample.value) counts.passes++;
    else counts.fails++;
    byCheck.set(name, counts);
  }
  const checks = [...byCheck].map(([name, counts]) => ({ name, path: `::${name}`, id: name, ...counts }));
  const verdicts = thresholds.flatMap((t) =>
    t.expressions.map((e) => ({
      metric: t.key,
      expression: e.source,
      ok: metrics[t.key]?.thresholds?.[e.source]?.ok === true,
    })),
  );
  return {
    data: {
      root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks },
      options: { summaryTrendStats: trendStats, summaryTimeUnit: '', noColor: false },
      state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationMs },
      metrics,
      setup_data: setupData,
    },
    verdicts,
    checks: {
      passes: checks.reduce((sum, c) => sum + c.passes, 0),
      fails: checks.reduce((sum, c) => sum + c.fails, 0),
      failed: checks.filter((c) => c.fails > 0).map((c) => c.name),
    },
  };
}
