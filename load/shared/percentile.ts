/**
 * The exact percentile k6 computes for a trend: `p` (0..100) of ascending `sorted`, interpolated
 * between the two closest ranks; NaN when there is nothing to rank. The runner's histograms are tested
 * against it, and k6runtime states k6's summary with it. Plain ES2020: k6 could run it as it is.
 */
export function exactPercentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}
