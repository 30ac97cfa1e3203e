/**
 * Compares a run with an earlier one (its JSON report): a release that makes an operation slower, or
 * fail or miss checks more often, beyond the tolerance is a regression, even if it still meets the SLOs.
 */
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

interface ComparableReport {
  scenario: string;
  profile: string;
  operations: Pick<OperationStats, 'operation' | 'requests' | 'errorRate' | 'checkRate' | 'latency'>[];
}

export function compareWithBaseline(
  current: ComparableReport,
  baseline: ComparableReport,
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

/** Why a baseline cannot be compared with this run, or undefined when it can. */
export function baselineMismatch(current: ComparableReport, baseline: unknown): string | undefined {
  const b = baseline as Partial<ComparableReport> | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.operations))
    return 'it is not a load report (no operations)';
  if (b.scenario !== current.scenario)
    return `it is a ${String(b.scenario)} run, this is ${current.scenario}`;
  if (b.profile !== current.profile)
    return `it used the ${String(b.profile)} profile, this run ${current.profile}`;
  return undefined;
}
