/**
 * The exact percentile both sides share: k6's interpolation between ranks, NaN on nothing for the
 * runner's reference, and k6runtime's wrapper with k6's 0 for a trend without samples.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile as k6Percentile } from '../k6runtime/metrics.ts';
import { exactPercentile } from './percentile.ts';

describe('exact percentile', () => {
  it('interpolates between ranks as k6 does, p in 0..100', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    assert.equal(exactPercentile(sorted, 50), 2.5);
    assert.equal(exactPercentile(sorted, 0), 1);
    assert.equal(exactPercentile(sorted, 100), 4);
    assert.ok(Math.abs(exactPercentile([10, 20, 30, 40, 50], 95) - 48) < 1e-9);
    assert.equal(exactPercentile([7], 99), 7);
    assert.ok(Number.isNaN(exactPercentile(new Float64Array(0), 95)));
  });

  it("k6runtime's trend percentile is the same figure, and 0 without samples", () => {
    assert.equal(k6Percentile([1, 2, 3, 4], 50), 2.5);
    assert.equal(k6Percentile([10, 20, 30, 40, 50], 95), exactPercentile([10, 20, 30, 40, 50], 95));
    assert.equal(k6Percentile([], 95), 0);
  });
});
