/**
 * Turns a measurement into the report: figures per operation, run totals, the thresholds' verdicts,
 * the comparison with a baseline report, and the timeline for the charts.
 */
import type { Profile } from '../profiles/profiles.ts';
import type { Threshold } from '../profiles/slos.ts';
import type { Scenario } from '../scenarios/types.ts';
import { type ComparableReport, compareWithBaseline } from './baseline.ts';
import type { Measurement } from './measure.ts';
import type { LoadReport } from './report.ts';
import { Outcome } from './samples.ts';
import { saturationOf, trusted } from './saturation.ts';
import type { Segment } from './schedule.ts';
import { operationStats } from './stats.ts';
import { evaluateThresholds } from './thresholds.ts';
import { timeline } from './timeline.ts';

export interface RunFacts {
  scenario: Scenario<unknown>;
  profile: Profile;
  plan: { peakRate: number; requests: number; durationS: number; segments: Segment[]; rateScale: number };
  target: { origin: string; embedded: boolean };
  engine: Omit<LoadReport['engine'], 'name' | 'maxConnections'>;
  startedAt: string;
  measured: Measurement;
  thresholds: readonly Threshold[];
  /** Loaded and checked before the run (baseline.ts loadBaseline). */
  baseline?: { file: string; tolerance: number; report: ComparableReport };
  cleanup?: LoadReport['cleanup'];
}

function countOutcomes(facts: RunFacts): { answered: number; failed: number; interrupted: number } {
  const s = facts.measured.samples;
  let answered = 0;
  let failed = 0;
  let interrupted = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.outcome[i] === Outcome.answered) answered++;
    else if (s.outcome[i] === Outcome.noAnswer) failed++;
    else interrupted++;
    if (s.outcome[i] === Outcome.answered && s.status[i] !== 200) failed++;
  }
  return { answered, failed, interrupted };
}

function compare(facts: RunFacts, current: Pick<LoadReport, 'operations'>): LoadReport['baseline'] {
  if (!facts.baseline) return undefined;
  const { file, tolerance, report } = facts.baseline;
  return { file, tolerance, comparisons: compareWithBaseline(current, report, tolerance) };
}

export function evaluateRun(facts: RunFacts): LoadReport {
  const { measured, scenario, profile } = facts;
  const operations = operationStats(measured.samples, scenario.operations);
  const dropped = Math.max(0, measured.totals.planned - measured.totals.issued);
  const generator = measured.generator;
  const evaluated = evaluateThresholds(facts.thresholds, operations, dropped);
  const points = timeline(measured.samples, facts.plan.segments, measured.durationS);
  const saturation = saturationOf({
    generator,
    operations,
    thresholds: evaluated,
    timeline: points,
    timeoutS: facts.engine.timeoutS,
    oversizedBodies: measured.totals.cutBodies + measured.totals.endlessBodies,
  });
  // A pass stays a pass (a generator's delays only make figures worse); a breach it may have caused is marked.
  const thresholds = evaluated.map((t) =>
    trusted(t, generator, operations, facts.engine.timeoutS)
      ? t
      : { ...t, trusted: false, message: `${t.message} (not trustworthy: the load generator saturated)` },
  );
  const outcomes = countOutcomes(facts);
  const base = { scenario: scenario.name, profile: profile.name, operations };
  const baseline = compare(facts, base);
  const baselineOk = !baseline || baseline.comparisons.every((c) => c.ok);
  return {
    tool: 'secpaid-load',
    format: 1,
    ...base,
    description: scenario.description,
    target: facts.target.origin,
    embeddedSandbox: facts.target.embedded,
    startedAt: facts.startedAt,
    durationS: Math.round(measured.durationS * 1000) / 1000,
    engine: { name: 'autocannon', ...facts.engine, maxConnections: measured.totals.connections },
    plan: {
      rateScale: facts.plan.rateScale,
      peakRate: facts.plan.peakRate,
      requests: facts.plan.requests,
      durationS: facts.plan.durationS,
      segments: facts.plan.segments.length,
    },
    totals: {
      planned: measured.totals.planned,
      issued: measured.totals.issued,
      ...outcomes,
      dropped,
      cutBodies: measured.totals.cutBodies,
      endlessBodies: measured.totals.endlessBodies,
      achievedRps: Math.round((outcomes.answered / Math.max(measured.durationS, 0.001)) * 10) / 10,
    },
    thresholds,
    ...(baseline ? { baseline } : {}),
    ...(measured.aborted ? { aborted: measured.aborted } : {}),
    generator,
    ...(saturation ? { saturation } : {}),
    timeline: points,
    ...(facts.cleanup ? { cleanup: facts.cleanup } : {}),
    ok: thresholds.every((t) => t.ok) && baselineOk && !measured.aborted,
  };
}
