/**
 * Compares a run with an earlier one (its JSON report): a release that makes an operation slower, or
 * fail or miss checks more often, beyond the tolerance is a regression, even if it still meets the SLOs.
 */
import { readFileSync } from 'node:fs';
import type { OperationStats } from './stats.ts';

export interface Comparison {
  name: string;
  baseline: number;
  current: number;
  ok: boolean;
  message: string;
}

/** Latency changes smaller than this are noise on any machine, whatever the ratio (1 ms → 2 ms is +100 %). */
export const latencyNoiseMs = 5;
/** Error and check rates may move this much (absolute) before it counts. */
export const rateNoise = 0.005;

export interface ComparableReport {
  scenario: string;
  profile: string;
  /** Figures of one load are only comparable with figures of the same load on the same kind of target. */
  plan: { rateScale: number; peakRate: number };
  embeddedSandbox: boolean;
  operations: Pick<OperationStats, 'operation' | 'requests' | 'errorRate' | 'checkRate' | 'latency'>[];
}

/** What a run is, before it starts: a baseline must match it in all of this. */
export type RunIdentity = Omit<ComparableReport, 'operations'>;

export function compareWithBaseline(
  current: Pick<ComparableReport, 'operations'>,
  baseline: Pick<ComparableReport, 'operations'>,
  tolerance: number,
): Comparison[] {
  const results: Comparison[] = [];
  for (const now of current.operations) {
    const before = baseline.operations.find((o) => o.operation === now.operation);
    if (!before || before.requests === 0 || now.requests === 0) continue;
    for (const key of ['p95', 'p99'] as const) {
      const [b, c] = [before.latency[key], now.latency[key]];
      const ok = !(c > b * (1 + tolerance) && c - b > latencyNoiseMs);
      const change = b > 0 ? `${c >= b ? '+' : ''}${Math.round(((c - b) / b) * 100)} %` : 'n/a';
      results.push({
        name: `${now.operation} ${key} vs baseline`,
        baseline: b,
        current: c,
        ok,
        message: `${key} ${b.toFixed(1)} ms → ${c.toFixed(1)} ms (${change}, tolerance ${Math.round(tolerance * 100)} %)`,
      });
    }
    const errorOk = !(now.errorRate > before.errorRate * (1 + tolerance) + rateNoise);
    results.push({
      name: `${now.operation} error rate vs baseline`,
      baseline: before.errorRate,
      current: now.errorRate,
      ok: errorOk,
      message: `error rate ${before.errorRate.toFixed(4)} → ${now.errorRate.toFixed(4)}`,
    });
    const checkOk = !(now.checkRate < before.checkRate - rateNoise);
    results.push({
      name: `${now.operation} check rate vs baseline`,
      baseline: before.checkRate,
      current: now.checkRate,
      ok: checkOk,
      message: `check rate ${before.checkRate.toFixed(4)} → ${now.checkRate.toFixed(4)}`,
    });
  }
  return results;
}

const targetKind = (embedded: unknown) => (embedded ? 'the embedded sandbox' : 'a given --base-url');

/** Why a baseline cannot be compared with this run, or undefined when it can. */
export function baselineMismatch(current: RunIdentity, baseline: unknown): string | undefined {
  const b = baseline as Partial<ComparableReport> | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.operations))
    return 'it is not a load report (no operations)';
  if (b.scenario !== current.scenario)
    return `it is a ${String(b.scenario)} run, this is ${current.scenario}`;
  if (b.profile !== current.profile)
    return `it used the ${String(b.profile)} profile, this run ${current.profile}`;
  if (b.plan?.rateScale !== current.plan.rateScale)
    return `it ran at rate scale ${String(b.plan?.rateScale)}, this run at ${current.plan.rateScale}`;
  if (b.plan?.peakRate !== current.plan.peakRate)
    return `it peaked at ${String(b.plan?.peakRate)} req/s, this run at ${current.plan.peakRate}`;
  if (typeof b.embeddedSandbox !== 'boolean' || b.embeddedSandbox !== current.embeddedSandbox)
    return `it ran against ${targetKind(b.embeddedSandbox)}, this run against ${targetKind(current.embeddedSandbox)}`;
  return undefined;
}

/**
 * Reads and checks the baseline before the run starts (a wrong file found after an hour's run wastes
 * the hour). Throws with the reason when it is missing, unreadable or of another kind of run.
 */
export function loadBaseline(file: string, current: RunIdentity): ComparableReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  const problem = baselineMismatch(current, parsed);
  if (problem) throw new Error(`the baseline ${file} does not fit: ${problem}`);
  return parsed as ComparableReport;
}
