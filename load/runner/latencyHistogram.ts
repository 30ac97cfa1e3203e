/**
 * Latency in fixed memory: an HDR histogram of microseconds, whatever the number of requests. The
 * layout is HdrHistogram's (lowest discernible value 1 µs, auto-resizing): bucket b holds the values
 * [2^(m+b), 2^(m+b+1)) in 2^m sub-buckets of width 2^b (bucket 0 also holds everything below, one
 * value per sub-bucket), m = 10 for 3 significant digits and 7 for 2. It is written out here rather
 * than taken from a library because the run's thread records four values per answer, thousands of
 * answers a second: an index is a count of leading zeros and a shift. Percentiles keep k6's
 * definition (linear interpolation between the neighbouring ranks) on the histogram's values, each
 * the middle of its sub-bucket, so a figure is within the stated precision of k6's exact one.
 * Count, mean, min and max are kept exactly beside it.
 */

/**
 * Significant digits: 3 for a run's figures per operation (a value is known within 0.1 %), 2 for the
 * figures of one time bucket (within 1 %; a run keeps hundreds of buckets, each a few KB).
 */
export type Digits = 2 | 3;

/** Relative precision of a percentile, by digits (half a sub-bucket is 1/2048 or 1/256; stated rounder). */
export const relativePrecision: Record<Digits, number> = { 3: 0.001, 2: 0.01 };
/** Values are recorded in whole microseconds: figures are also within this many ms of the exact one. */
export const resolutionMs = 0.001;

/** log2 of the sub-buckets per half bucket: single-µs resolution up to 2 × 10^digits (2048 and 256 sub-buckets). */
const halfMagnitude: Record<Digits, number> = { 3: 10, 2: 7 };

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
const twoTo31 = 2 ** 31;
const twoTo32 = 2 ** 32;

/** floor(log2(us)) for a whole number of µs below 2^53 (-1 for 0), exactly, without Math.log2's rounding. */
function magnitude(us: number): number {
  return us < twoTo32 ? 31 - Math.clz32(us) : 63 - Math.clz32(Math.floor(us / twoTo32));
}

export class LatencyHistogram {
  /** Counts per sub-bucket (at most 2^31 − 1 each: billions of answers within 0.1 % of one latency). */
  private counts: Int32Array;
  private readonly half: number;
  private readonly halfCount: number;
  count = 0;
  private sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  constructor(readonly digits: Digits = 3) {
    this.half = halfMagnitude[digits];
    this.halfCount = 2 ** this.half;
    // Grows with the largest value recorded (half a bucket per doubling, a few KB), never with the count.
    this.counts = new Int32Array(2 * this.halfCount);
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    const index = this.indexOf(Math.round(value * 1000));
    // Grown to the end of the value's bucket, as HdrHistogram's auto-resize grows.
    if (index >= this.counts.length) this.grow((Math.floor(index / this.halfCount) + 1) * this.halfCount);
    this.counts[index]!++;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** The sub-bucket of `us`: bucket b (from the value's magnitude) holds 2^half sub-buckets of width 2^b. */
  private indexOf(us: number): number {
    // Below 2^31 µs (35 min), a shift; Math.pow with a variable exponent costs more than the rest of a record.
    if (us < twoTo31) {
      const bucket = Math.max(0, 31 - Math.clz32(us) - this.half);
      return bucket * this.halfCount + (us >> bucket);
    }
    const bucket = magnitude(us) - this.half;
    return bucket * this.halfCount + Math.floor(us / 2 ** bucket);
  }

  add(other: LatencyHistogram): void {
    if (other.count === 0) return;
    // Sub-buckets of another precision are other ranges: adding them index by index would be wrong.
    if (other.digits !== this.digits) throw new RangeError('histograms of different precision do not add up');
    if (other.counts.length > this.counts.length) this.grow(other.counts.length);
    const counts = this.counts;
    const adding = other.counts;
    for (let i = 0; i < adding.length; i++) counts[i]! += adding[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  private grow(length: number): void {
    const counts = new Int32Array(length);
    counts.set(this.counts);
    this.counts = counts;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : Number.NaN;
  }

  /** Bytes the histogram holds (its counts array). */
  get footprintBytes(): number {
    return this.counts.byteLength;
  }

  /** The µs a sub-bucket stands for: the middle of the values it holds. */
  private middleOf(index: number): number {
    const bucket = Math.max(0, Math.floor(index / this.halfCount) - 1);
    const sub = index - bucket * this.halfCount;
    return bucket === 0 ? sub : sub * 2 ** bucket + 2 ** (bucket - 1);
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
    const counts = this.counts;
    let seen = 0;
    let pending = wanted.length * 2;
    for (let i = 0; i < counts.length && pending > 0; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      const before = seen;
      seen += n;
      const value = Math.min(this.max, Math.max(this.min, this.middleOf(i) / 1000));
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
