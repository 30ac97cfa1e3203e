/**
 * handleSummary output: the k6 summary as JSON (without setup data, which holds API keys), a JUnit
 * file with one case per threshold named as the runner names them, and a short text on stdout that
 * also states the warm-up (checked, not judged) and, for the breakpoint, the capacity (also in the JSON).
 */
import { type Profile, warmUpOf } from '../profiles/profiles.ts';
import type { Threshold } from '../profiles/slos.ts';
import type { OperationName, ScenarioInfo } from '../scenarios/types.ts';
import { type JUnitCase, junitXml } from '../shared/junit.ts';
import { capacityFromSummary } from './capacityWindows.ts';
import { k6ThresholdList, requestCountMetric, warmupMetrics } from './thresholds.ts';

/** The part of k6's summary data read here. */
export interface SummaryData {
  metrics: Record<string, { values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
  state?: { testRunDurationMs?: number };
  setup_data?: unknown;
  [key: string]: unknown;
}

function measured(t: Threshold, values: Record<string, number> | undefined): string {
  if (values === undefined) return 'no samples';
  const value = {
    p95: values['p(95)'],
    p99: values['p(99)'],
    errorRate: values.rate,
    checkRate: values.rate,
    dropped: values.count,
  }[t.kind];
  return `${t.k6Metric} ${t.k6Expression}: measured ${value === undefined ? 'n/a' : Math.round(value * 1000) / 1000}`;
}

/** Measured requests of an operation: k6 passes thresholds without samples, so this decides first. */
function requestCount(data: SummaryData, operation: OperationName): number {
  return data.metrics[requestCountMetric(operation)]?.values.count ?? 0;
}

export function thresholdCases(scenario: ScenarioInfo, profile: Profile, data: SummaryData): JUnitCase[] {
  return k6ThresholdList(scenario, profile).map((t) => {
    const classname = `load.${scenario.name}.${profile.name}`;
    if (t.operation !== undefined && requestCount(data, t.operation) === 0) {
      return {
        name: t.id,
        classname,
        ok: false,
        message: `${t.k6Metric} ${t.k6Expression}: no requests measured`,
      };
    }
    const metric = data.metrics[t.k6Metric];
    // k6 reports no dropped_iterations metric when nothing was dropped; any other missing metric means no samples.
    const ok = metric === undefined ? t.kind === 'dropped' : metric.thresholds?.[t.k6Expression]?.ok === true;
    return { name: t.id, classname, ok, message: measured(t, metric?.values) };
  });
}

/** The warm-up in one line: what it sent and how it was answered, said to be outside the verdict. */
export function warmupLine(data: SummaryData, profile: Profile): string {
  const value = (metric: string, key: string) => data.metrics[metric]?.values[key] ?? 0;
  const requests = value(warmupMetrics.requests, 'count');
  // http_req_failed is a rate of "failed" samples: its passes are the failed requests.
  const failed = value(warmupMetrics.failed, 'passes');
  const checksFailed = value(warmupMetrics.checks, 'fails');
  const warmUp = warmUpOf(profile);
  if (!warmUp) return 'no warm-up: the profile names none';
  const { durationS, rate } = warmUp;
  return `warm-up (${durationS} s at ${rate} req/s, tagged phase:warmup, not judged by the thresholds): ${requests} requests, ${failed} not answered 200, ${checksFailed} checks failed`;
}

/**
 * Where a summary file goes: the working directory, or `dir` (REPORTS_DIR) when given. k6 creates
 * no directories, so a default inside a folder that may not exist (reports/) would lose the files.
 */
export function reportPath(name: string, dir: string | undefined): string {
  const base = (dir ?? '').replace(/\/+$/, '');
  return base === '' ? name : `${base}/${name}`;
}

export function summaryFiles(
  scenario: ScenarioInfo,
  profile: Profile,
  data: SummaryData,
  reportsDir?: string,
): Record<string, string> {
  const cases = thresholdCases(scenario, profile, data);
  const { setup_data: _secret, ...shareable } = data;
  const seconds = (data.state?.testRunDurationMs ?? 0) / 1000;
  const text = cases.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}  (${c.message})`).join('\n');
  const failed = cases.filter((c) => !c.ok).length;
  const capacity = capacityFromSummary(scenario, profile, data.metrics);
  const report = capacity === undefined ? shareable : { ...shareable, capacity };
  const capacityLine = capacity === undefined ? '' : `${capacity.message}\n`;
  return {
    [reportPath(`k6-${scenario.name}.json`, reportsDir)]: JSON.stringify(report, null, 2),
    [reportPath(`k6-${scenario.name}.junit.xml`, reportsDir)]: junitXml(
      `k6 ${scenario.name} (${profile.name})`,
      cases,
      seconds,
    ),
    stdout: `\n${scenario.name} / ${profile.name}: ${cases.length - failed} of ${cases.length} thresholds passed\n${text}\n${capacityLine}${warmupLine(data, profile)}\n`,
  };
}
