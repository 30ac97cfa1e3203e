/**
 * The service-level objectives per operation, and the thresholds both engines derive from them:
 * k6 gets expressions (`http_req_duration{name:createLink}: p(95)<250`), the runner evaluates the same
 * list on its own measurements. Latency is milliseconds; the runner measures it corrected for
 * coordinated omission, k6 as it sees it (k6 drops iterations instead of sending them late).
 */
import type { OperationName } from '../scenarios/types.ts';
import { type Profile, plannedRequests } from './profiles.ts';

export interface Slo {
  p95Ms: number;
  p99Ms: number;
  /** Share of requests not answered 200 (or not answered at all). */
  maxErrorRate: number;
  /** Share of checks that must pass. */
  minCheckRate: number;
}

const write: Slo = { p95Ms: 250, p99Ms: 500, maxErrorRate: 0.01, minCheckRate: 0.99 };
const read: Slo = { p95Ms: 300, p99Ms: 600, maxErrorRate: 0.01, minCheckRate: 0.99 };

export const slos: Record<OperationName, Slo> = {
  createLink: write,
  createSplitLink: { ...write, p95Ms: 300, p99Ms: 600 },
  deleteLink: write,
  getMyUnusedLinks: read,
  getMyUsedLinks: read,
  getPayInTransactions: { ...read, p95Ms: 400, p99Ms: 800 },
  getPayOutTransactions: read,
};

/** Share of planned requests that may be dropped (never started because no connection or VU was free). */
export const maxDroppedRatio = 0.05;

export type ThresholdKind = 'p95' | 'p99' | 'errorRate' | 'checkRate' | 'dropped';

export interface Threshold {
  /** Human name, also the JUnit test case name: "createLink p95 < 250 ms". */
  id: string;
  kind: ThresholdKind;
  /** Undefined for run-wide thresholds (dropped requests). */
  operation?: OperationName;
  /** p95/p99: ms, upper bound; errorRate: upper bound; checkRate: lower bound; dropped: count, upper bound. */
  limit: number;
  abortOnFail: boolean;
  k6Metric: string;
  k6Expression: string;
}

/** The thresholds of a scenario's operations under a profile, in a fixed order. */
export function thresholdsFor(operations: readonly OperationName[], profile: Profile): Threshold[] {
  const list: Threshold[] = [];
  for (const operation of operations) {
    const slo = slos[operation];
    const tag = `{name:${operation}}`;
    const latency = (kind: 'p95' | 'p99', limit: number): Threshold => ({
      id: `${operation} ${kind} < ${limit} ms`,
      kind,
      operation,
      limit,
      abortOnFail: profile.abortOnLatency,
      k6Metric: `http_req_duration${tag}`,
      k6Expression: `p(${kind.slice(1)})<${limit}`,
    });
    list.push(latency('p95', slo.p95Ms), latency('p99', slo.p99Ms));
    list.push({
      id: `${operation} error rate < ${slo.maxErrorRate}`,
      kind: 'errorRate',
      operation,
      limit: slo.maxErrorRate,
      abortOnFail: profile.abortOnErrors,
      k6Metric: `http_req_failed${tag}`,
      k6Expression: `rate<${slo.maxErrorRate}`,
    });
    list.push({
      id: `${operation} checks > ${slo.minCheckRate}`,
      kind: 'checkRate',
      operation,
      limit: slo.minCheckRate,
      abortOnFail: profile.abortOnErrors,
      k6Metric: `checks${tag}`,
      k6Expression: `rate>${slo.minCheckRate}`,
    });
  }
  const dropped = Math.max(1, Math.ceil(plannedRequests(profile) * maxDroppedRatio));
  list.push({
    id: `dropped requests < ${dropped}`,
    kind: 'dropped',
    limit: dropped,
    abortOnFail: false,
    k6Metric: 'dropped_iterations',
    k6Expression: `count<${dropped}`,
  });
  return list;
}

/** The same list as k6 `options.thresholds` (structurally k6's ObjectThreshold; no k6 import here). */
export function k6Thresholds(
  thresholds: readonly Threshold[],
): Record<string, { threshold: string; abortOnFail: boolean; delayAbortEval?: string }[]> {
  const byMetric: Record<string, { threshold: string; abortOnFail: boolean; delayAbortEval?: string }[]> = {};
  for (const t of thresholds) {
    const entry = t.abortOnFail
      ? { threshold: t.k6Expression, abortOnFail: true, delayAbortEval: '10s' }
      : { threshold: t.k6Expression, abortOnFail: false };
    const entries = byMetric[t.k6Metric] ?? [];
    entries.push(entry);
    byMetric[t.k6Metric] = entries;
  }
  return byMetric;
}
