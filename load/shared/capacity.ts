/**
 * The capacity a ramping run (the breakpoint profile) found: the highest arrival rate at which every
 * SLO still held over a whole window of the run, and the first rate at which one broke. Both engines
 * call it on the same shape of data, figures per operation per window, so the local runner and k6's
 * handleSummary state the same figure. Both cut the same windows: whole `capacityWindowS`-second
 * windows counted from the measured run's start (after the warm-up and its pause). A window breaks
 * when an operation breaks its SLO there, or when more than maxDroppedRatio of the requests it planned
 * never started: an open model at saturation drops requests instead of charging them latency, so a
 * window that kept its latency by dropping a tenth of its load did not hold its rate. The runner
 * counts the measured requests meant to start in the window; k6 (whose dropped_iterations carries no
 * custom tag) counts its requests tagged with the window, which in an arrival-rate executor are the
 * planned iterations less the dropped ones. Plain ES2020, no Node or browser API: k6 runs it as it is.
 */
import { maxDroppedRatio, type Threshold } from '../profiles/slos.ts';

/** What one operation measured in one window (nulls where nothing was measured). */
export interface WindowFigures {
  operation: string;
  requests: number;
  /** Milliseconds. */
  p95: number | null;
  p99: number | null;
  errorRate: number | null;
  checkRate: number | null;
}

export interface CapacityWindow {
  /** Seconds from the start of the measured run. */
  startS: number;
  durationS: number;
  /** The planned arrival rate over the window (requests per second, mean over the window). */
  rate: number;
  /** Requests the plan starts in the window (the rate's exact area over it). */
  planned: number;
  /** Of those, the ones that started; the others were dropped. */
  started: number;
  operations: readonly WindowFigures[];
}

export interface CapacityBreak {
  rate: number;
  startS: number;
  /** The SLOs it broke, with what was measured ("createLink p95 < 250 ms: measured 312.0 ms"). */
  breaches: string[];
}

export interface Capacity {
  /** Every SLO must hold over a window of this many seconds for its rate to count. */
  windowS: number;
  /** Highest rate of a window that held, before the first that broke; null when the first window broke. */
  capacityRps: number | null;
  /** The first window that broke an SLO; null when none did (the capacity is then at least capacityRps). */
  firstBreak: CapacityBreak | null;
  /**
   * Windows judged. Windows in which nothing started are not: after a run stopped early they hold
   * nothing, and neither engine can tell that from a window that dropped everything.
   */
  windows: number;
  /** One line for consoles, JUnit and HTML. */
  message: string;
}

type JudgedKind = 'p95' | 'p99' | 'errorRate' | 'checkRate';

function judged(t: Threshold): t is Threshold & { kind: JudgedKind; operation: string } {
  return t.operation !== undefined && t.kind !== 'dropped';
}

function breaks(kind: JudgedKind, actual: number, limit: number): boolean {
  // The same strict comparisons as k6's expressions: p(95)<250, rate<0.01, rate>0.99.
  return kind === 'checkRate' ? !(actual > limit) : !(actual < limit);
}

function shown(kind: JudgedKind, actual: number): string {
  return kind === 'p95' || kind === 'p99'
    ? `${actual.toFixed(1)} ms`
    : String(Math.round(actual * 10000) / 10000);
}

/** The dropped share that breaks a window, when more than maxDroppedRatio of its planned requests never started. */
export function droppedBreach(window: CapacityWindow): string | undefined {
  if (!(window.planned > 0)) return undefined;
  const dropped = Math.max(0, window.planned - window.started);
  const share = dropped / window.planned;
  if (!(share > maxDroppedRatio)) return undefined;
  return `dropped requests <= ${maxDroppedRatio * 100} % of the window's planned: measured ${Math.round(dropped)} of ${Math.round(window.planned)} (${(share * 100).toFixed(1)} %)`;
}

/**
 * The SLOs a window broke. Only per-operation SLOs are judged; an operation the window did not
 * call is not judged there (a window at the start of a ramp may hold a handful of requests). The
 * dropped share is judged whenever the thresholds judge dropped requests.
 */
export function windowBreaches(window: CapacityWindow, thresholds: readonly Threshold[]): string[] {
  const out: string[] = [];
  const dropped = thresholds.some((t) => t.kind === 'dropped') ? droppedBreach(window) : undefined;
  if (dropped) out.push(dropped);
  for (const t of thresholds) {
    if (!judged(t)) continue;
    const figures = window.operations.find((o) => o.operation === t.operation);
    if (!figures || figures.requests === 0) continue;
    const actual = figures[t.kind];
    if (actual === null || actual === undefined) continue;
    if (breaks(t.kind, actual, t.limit)) out.push(`${t.id}: measured ${shown(t.kind, actual)}`);
  }
  return out;
}

function describe(windowS: number, capacityRps: number | null, firstBreak: CapacityBreak | null): string {
  const held = `every SLO held over ${windowS} s windows`;
  if (firstBreak === null) {
    return capacityRps === null
      ? 'capacity unknown: no window was measured'
      : `capacity at least ${capacityRps} req/s: ${held} up to the highest rate the run reached`;
  }
  const broke = `first broken at ${firstBreak.rate} req/s (from ${firstBreak.startS} s: ${firstBreak.breaches.join('; ')})`;
  return capacityRps === null
    ? `capacity below ${firstBreak.rate} req/s: the first window already broke an SLO; ${broke}`
    : `capacity ${capacityRps} req/s (${held} up to that rate); ${broke}`;
}

/** Windows in time order; the capacity is the best rate held before the first window that broke. */
export function capacityOf(
  windows: readonly CapacityWindow[],
  thresholds: readonly Threshold[],
  windowS: number,
): Capacity {
  let capacityRps: number | null = null;
  let firstBreak: CapacityBreak | null = null;
  let count = 0;
  for (const window of windows) {
    if (!window.operations.some((o) => o.requests > 0)) continue;
    count++;
    const breaches = windowBreaches(window, thresholds);
    if (breaches.length > 0) {
      firstBreak = { rate: window.rate, startS: window.startS, breaches };
      break;
    }
    if (capacityRps === null || window.rate > capacityRps) capacityRps = window.rate;
  }
  return {
    windowS,
    capacityRps,
    firstBreak,
    windows: count,
    message: describe(windowS, capacityRps, firstBreak),
  };
}
