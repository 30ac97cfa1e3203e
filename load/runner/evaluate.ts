/**
 * Turns a measurement into the report: figures per operation, run totals, the thresholds' verdicts,
 * the comparison with a baseline report, and the timeline for the charts.
 */
import type { Profile } from '../profiles/profiles.ts';
import type { Threshold } from '../profiles/slos.ts';
import type { Scenario } from '../scenarios/types.ts';
import { type ComparableReport, compareWithBaseline } from './baseline.ts';
import { runCapacity } from './capacityWindows.ts';
import type { Measurement } from './measure.ts';
import { measurementNote } from './measurementNote.ts';
import type { LoadReport } from './report.ts';
import { saturationOf, trusted } from './saturation.ts';
import { measuredDueBy, type Segment, warmUpSeconds } from './schedule.ts';
import { evaluateThresholds } from './thresholds.ts';
import { timeline } from './timeline.ts';
import { warmUpSummary } from './warmUpSummary.ts';

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

function compare(facts: RunFacts, current: Pick<LoadReport, 'operations'>): LoadReport['baseline'] {
  if (!facts.baseline) return undefined;
  const { file, tolerance, report } = facts.baseline;
  return { file, tolerance, comparisons: compareWithBaseline(current, report, tolerance) };
}

export function evaluateRun(facts: RunFacts): LoadReport {
  const { measured, scenario, profile } = facts;
  const { recorder } = measured;
  const operations = recorder.operationStats();
  const segments = facts.plan.segments;
  const warmUpS = warmUpSeconds(segments);
  const warmUpPlanned = segments.filter((s) => s.warmUp).reduce((sum, s) => sum + s.quota, 0);
  // Every request started gives one sample: the warm-up's started requests are its samples.
  // A run stopped early (a breach, an interruption) never meant to send the rest of its plan.
  const plannedInAll = Math.max(0, measured.totals.planned - warmUpPlanned);
  const due =
    measured.stoppedAtS === undefined
      ? plannedInAll
      : Math.min(plannedInAll, measuredDueBy(segments, measured.stoppedAtS));
  const issued = Math.max(0, measured.totals.issued - recorder.warmUpSamples);
  const dropped = Math.max(0, due - issued);
  const generator = measured.generator;
  const evaluated = evaluateThresholds(facts.thresholds, operations, dropped);
  const points = timeline(recorder, segments, measured.durationS, warmUpS);
  const measuredS = Math.max(0.001, measured.durationS - warmUpS);
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
  const outcomes = recorder.outcomes;
  const found =
    profile.capacityWindowS === undefined
      ? undefined
      : runCapacity(recorder, segments, facts.thresholds, {
          windowS: profile.capacityWindowS,
          warmUpS,
          durationS: measured.durationS,
        });
  // A run stopped before any whole window broke (a breach of the whole run's figures, Ctrl-C) found
  // no upper bound: its "at least" is where it stopped, said with why.
  const capacity =
    found && found.firstBreak === null && measured.aborted
      ? { ...found, message: `${found.message}, where it stopped early (${measured.aborted})` }
      : found;
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
      requests: facts.plan.requests - warmUpPlanned,
      durationS: facts.plan.durationS - warmUpS,
      warmUpS,
      segments: segments.length,
    },
    totals: {
      planned: plannedInAll,
      issued,
      ...outcomes,
      dropped,
      cutBodies: measured.totals.cutBodies,
      endlessBodies: measured.totals.endlessBodies,
      achievedRps: Math.round((outcomes.answered / measuredS) * 10) / 10,
    },
    warmUp: warmUpSummary(recorder, segments, warmUpPlanned),
    measurement: measurementNote(recorder, generator),
    thresholds,
    ...(baseline ? { baseline } : {}),
    ...(measured.aborted ? { aborted: measured.aborted } : {}),
    generator,
    ...(saturation ? { saturation } : {}),
    ...(capacity ? { capacity } : {}),
    timeline: points,
    ...(facts.cleanup ? { cleanup: facts.cleanup } : {}),
    ok: thresholds.every((t) => t.ok) && baselineOk && !measured.aborted,
  };
}
