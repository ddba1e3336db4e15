/**
 * Percentile rank of each value among all values, as pandas `rank(pct=True)` (method "average"):
 * tied values share the mean of their ranks, divided by the count. The largest value scores 1.
 */
export function percentileRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && values[order[hi + 1]!] === values[order[lo]!]) hi++;
    const averageRank = (lo + hi) / 2 + 1;
    for (let t = lo; t <= hi; t++) ranks[order[t]!] = averageRank / n;
    lo = hi + 1;
  }
  return ranks;
}
