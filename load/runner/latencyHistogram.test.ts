/**
 * The histogram's percentiles against the exact ones (k6's definition on every value, sorted): within
 * the stated precision whatever the values, and its memory set by the values' range, not their count.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exactPercentile } from '../shared/percentile.ts';
import { type Digits, LatencyHistogram, relativePrecision, resolutionMs } from './latencyHistogram.ts';

const latencies = fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 });
const ps = [0, 1, 50, 90, 95, 99, 99.9, 100];

function agrees(values: number[], digits: Digits): void {
  const h = new LatencyHistogram(digits);
  for (const v of values) h.record(v);
  const sorted = Float64Array.from(values).sort();
  const approx = h.percentiles(ps);
  ps.forEach((p, i) => {
    const exact = exactPercentile(sorted, p);
    const allowed = exact * relativePrecision[digits] + 2 * resolutionMs;
    assert.ok(Math.abs(approx[i]! - exact) <= allowed, `p${p}: ${approx[i]} vs exact ${exact} (±${allowed})`);
  });
  assert.equal(h.count, values.length);
  assert.equal(h.max, sorted[sorted.length - 1]);
}

describe('latency histogram', () => {
  it('gives k6 percentiles within 0.1 % (3 digits) of the exact ones', () => {
    fc.assert(fc.property(latencies, (values) => agrees(values, 3)));
  });

  it('gives them within 1 % with 2 digits (time buckets)', () => {
    fc.assert(fc.property(latencies, (values) => agrees(values, 2)));
  });

  it('keeps its precision for latencies of hours and days (past 2^32 µs, where the index takes its wide path)', () => {
    const long = fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 100 });
    fc.assert(fc.property(long, fc.constantFrom<Digits>(2, 3), (values, digits) => agrees(values, digits)));
  });

  it('adds up: two histograms merged are the histogram of all the values', () => {
    fc.assert(
      fc.property(latencies, latencies, (a, b) => {
        const [ha, hb, all] = [new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram()];
        for (const v of a) ha.record(v);
        for (const v of b) hb.record(v);
        for (const v of [...a, ...b]) all.record(v);
        ha.add(hb);
        assert.deepEqual(ha.stats(), all.stats());
      }),
    );
  });

  it('keeps its memory when the count grows a hundredfold, and has no figures without values', () => {
    const h = new LatencyHistogram();
    const fill = (n: number) => {
      for (let i = 0; i < n; i++) h.record(1 + ((i * 7919) % 5000) / 10);
    };
    fill(10_000);
    const before = h.footprintBytes;
    fill(1_000_000);
    assert.equal(h.footprintBytes, before);
    assert.ok(Number.isNaN(new LatencyHistogram().stats().p95));
  });
});
