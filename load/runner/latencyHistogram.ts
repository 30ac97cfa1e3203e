/**
 * Latency in fixed memory: an HDR histogram (hdr-histogram-js, its pure JavaScript build: the
 * WebAssembly one needs an asynchronous start-up and explicit freeing, and buys nothing at these
 * rates) of microseconds, whatever the number of requests. Percentiles keep k6's definition (linear
 * interpolation between the neighbouring ranks) on the histogram's values, each within the stated
 * precision of the value it stands for, so the figure is within that precision of k6's exact one.
 * Count, mean, min and max are kept exactly beside it.
 */
import { Int32Histogram } from 'hdr-histogram-js';

/**
 * Significant digits: 3 for a run's figures per operation (a value is known within 0.1 %), 2 for the
 * figures of one time bucket (within 1 %; a run keeps hundreds of buckets, each a few KB).
 */
export type Digits = 2 | 3;

/** Relative precision of a percentile, by digits (half a sub-bucket is 1/2048 or 1/256; stated rounder). */
export const relativePrecision: Record<Digits, number> = { 3: 0.001, 2: 0.01 };
/** Values are recorded in whole microseconds: figures are also within this many ms of the exact one. */
export const resolutionMs = 0.001;

export interface LatencyStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export class LatencyHistogram {
  private readonly histogram: Int32Histogram;
  count = 0;
  private sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  constructor(readonly digits: Digits = 3) {
    this.histogram = new Int32Histogram(1, 2, digits);
    // Grows with the largest value recorded (a few KB per doubling), never with the count.
    this.histogram.autoResize = true;
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.histogram.recordValue(Math.round(value * 1000));
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  add(other: LatencyHistogram): void {
    if (other.count === 0) return;
    this.histogram.add(other.histogram);
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  get mean(): number {
    return this.count ? this.sum / this.count : Number.NaN;
  }

  /** Bytes the histogram holds (its counts array). */
  get footprintBytes(): number {
    return this.histogram.estimatedFootprintInBytes;
  }

  /**
   * Percentiles `ps` (0..100) in one pass over the counts, as k6 computes them: rank p/100 × (n − 1)
   * between the values at its floor and ceiling, each value read as the middle of its sub-bucket
   * (within [min, max], which are exact).
   */
  percentiles(ps: readonly number[]): number[] {
    if (this.count === 0) return ps.map(() => Number.NaN);
    const wanted = ps.map((p) => {
      const rank = (Math.min(100, Math.max(0, p)) / 100) * (this.count - 1);
      return { rank, low: Math.floor(rank), lowValue: Number.NaN, highValue: Number.NaN };
    });
    const h = this.histogram;
    let seen = 0;
    let pending = wanted.length * 2;
    for (let i = 0; i < h.countsArrayLength && pending > 0; i++) {
      const n = h.getCountAtIndex(i);
      if (n === 0) continue;
      const before = seen;
      seen += n;
      const value = Math.min(
        this.max,
        Math.max(this.min, h.medianEquivalentValue(h.valueFromIndex(i)) / 1000),
      );
      for (const w of wanted) {
        // Position `low` and `low + 1` (0-based) lie in this sub-bucket when before <= position < seen.
        if (Number.isNaN(w.lowValue) && w.low < seen && w.low >= before) {
          w.lowValue = value;
          pending--;
        }
        const high = Math.min(this.count - 1, w.low + 1);
        if (Number.isNaN(w.highValue) && high < seen && high >= before) {
          w.highValue = value;
          pending--;
        }
      }
    }
    return wanted.map((w) => w.lowValue + (w.highValue - w.lowValue) * (w.rank - w.low));
  }

  stats(): LatencyStats {
    const [p50, p90, p95, p99] = this.percentiles([50, 90, 95, 99]).map(round3);
    const none = this.count === 0;
    return {
      count: this.count,
      min: none ? Number.NaN : round3(this.min),
      mean: round3(this.mean),
      p50: p50!,
      p90: p90!,
      p95: p95!,
      p99: p99!,
      max: none ? Number.NaN : round3(this.max),
    };
  }
}
