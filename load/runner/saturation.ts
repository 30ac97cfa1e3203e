/**
 * Who ran out of capacity, when the run shows a limit: the load generator (its event loop could not
 * keep the schedule, so its latency figures include its own delays, as k6 warns when it runs out of
 * VUs) or the target (answers fell behind, timed out or were refused while the generator kept up).
 * Figures a saturated generator cannot vouch for are marked untrusted, and a run that failed only on
 * those is inconclusive (exit 2), never a verdict against the target (exit 1).
 */
import type { GeneratorHealth } from './generatorHealth.ts';
import type { OperationStats } from './stats.ts';
import type { ThresholdResult } from './thresholds.ts';
import type { TimelinePoint } from './timeline.ts';

export interface Saturation {
  by: 'generator' | 'target';
  message: string;
}

/** Statuses by which a target says it is over capacity. */
const overloadStatuses = ['429', '503'];
/** Answers lost or refused for overload above this share of the requests show a saturated target. */
const lostShare = 0.01;

/**
 * Whether a breached threshold can be laid at the target's door although the generator saturated. A
 * latency breach holds if it stays a breach with the generator's worst stall taken off; errors without
 * an answer hold unless the generator stalled for half the request timeout (a late read turns into a
 * timeout only then); dropped requests cannot be told apart (no free connection, or a late sender).
 */
export function trusted(
  result: ThresholdResult,
  generator: GeneratorHealth,
  ops: readonly OperationStats[],
  timeoutS: number,
): boolean {
  if (!generator.saturated || result.ok || result.actual === null) return true;
  const stall = generator.loopDelayMs.max;
  if (result.kind === 'p95' || result.kind === 'p99') return result.actual - stall >= result.limit;
  if (result.kind === 'dropped') return false;
  const op = ops.find((o) => o.operation === result.operation);
  const lost = op?.statuses['0'] ?? 0;
  if (!op || lost === 0 || stall < (timeoutS * 1000) / 2) return true;
  // Without the answers the generator may have lost, does the figure still breach?
  const answered = op.requests - lost;
  if (answered <= 0) return false;
  if (result.kind === 'errorRate') return (op.failed - lost) / answered >= result.limit;
  const checksPerRequest = op.checks / op.requests;
  return op.checksPassed / (op.checks - lost * checksPerRequest) <= result.limit;
}

/**
 * The first second of the measured run in which answers fell below 90 % of the target rate, if any
 * (the first and last buckets are partial, the warm-up's are not judged).
 */
function fellBehindAt(timeline: readonly TimelinePoint[]): TimelinePoint | undefined {
  return timeline
    .slice(1, -1)
    .find((p) => !p.warmUp && p.targetRate > 0 && p.doneRate + p.failedRate < 0.9 * p.targetRate);
}

function targetEvidence(
  ops: readonly OperationStats[],
  thresholds: readonly ThresholdResult[],
  timeline: readonly TimelinePoint[],
  timeoutS: number,
): string[] {
  const evidence: string[] = [];
  const requests = ops.reduce((sum, o) => sum + o.requests, 0);
  const lost = ops.reduce((sum, o) => sum + (o.statuses['0'] ?? 0), 0);
  const refused = ops.reduce(
    (sum, o) => sum + overloadStatuses.reduce((n, s) => n + (o.statuses[s] ?? 0), 0),
    0,
  );
  if (lost > requests * lostShare) evidence.push(`${lost} requests got no answer within ${timeoutS} s`);
  if (refused > requests * lostShare)
    evidence.push(`${refused} were refused with ${overloadStatuses.join('/')}`);
  // The worst latency breach speaks for the others; a dropped-request breach is its own sign.
  const late = thresholds
    .filter((t) => !t.ok && t.actual !== null && (t.kind === 'p95' || t.kind === 'p99'))
    .sort((a, b) => (b.actual ?? 0) / b.limit - (a.actual ?? 0) / a.limit)[0];
  if (late) evidence.push(late.message);
  const dropped = thresholds.find((t) => !t.ok && t.actual !== null && t.kind === 'dropped');
  if (dropped) evidence.push(dropped.message);
  const behind = fellBehindAt(timeline);
  if (behind && evidence.length > 0) {
    evidence.push(
      `from ${behind.t} s answers fell behind the target rate (${Math.round(behind.doneRate + behind.failedRate)} of ${behind.targetRate} req/s)`,
    );
  }
  return evidence;
}

export function saturationOf(run: {
  generator: GeneratorHealth;
  operations: readonly OperationStats[];
  thresholds: readonly ThresholdResult[];
  timeline: readonly TimelinePoint[];
  timeoutS: number;
  /** Answers longer than the body cap (kept or endless): reading them is the generator's work too. */
  oversizedBodies?: number;
}): Saturation | undefined {
  const g = run.generator;
  const evidence = targetEvidence(run.operations, run.thresholds, run.timeline, run.timeoutS);
  if (g.saturated) {
    // Bodies of megabytes (or endless ones) keep a generator busy reading: the target's doing.
    const advice = run.oversizedBodies
      ? `it read ${run.oversizedBodies} answers longer than the body cap, which costs it time whatever the rate`
      : 'lower --rate-scale, add --workers or use a bigger machine';
    const generator = `${g.reason} (CPU ${g.cpuPercent.mean} % of ${g.cpuPercent.cores} cores); figures its stalls could explain are marked not trustworthy; ${advice}`;
    // Both can run out at once (a connection storm stalls the generator and floods the target).
    return {
      by: 'generator',
      message: evidence.length
        ? `both saturated: the target (${evidence.join('; ')}) and the load generator (${generator})`
        : `the load generator saturated, not necessarily the target: ${generator}`,
    };
  }
  if (evidence.length === 0) return undefined;
  return {
    by: 'target',
    message: `the target saturated: ${evidence.join('; ')}; the generator kept its schedule (event-loop delay p99 ${g.loopDelayMs.p99} ms, busy ${Math.round(g.utilization.mean * 100)} %)`,
  };
}
