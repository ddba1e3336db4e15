/**
 * Percentiles, scores and the median customer: the one definition of each, used by the segment
 * profiles, the customer detail, the what-if answer and the screens.
 *
 * A percentile is pandas' `rank(pct=True)` (method "average"): tied customers share the mean of
 * their ranks, divided by the count, so the largest value scores 1. A score reads every feature
 * the same way round, a high score being the better customer: it is the percentile, except for
 * recency (days since the last purchase), where fewer days is better and the score is
 * 1 - percentile. So a recency score near 1 always means "bought recently", on the radar, in the
 * customer profile and in the what-if.
 */
import type { RfmScores } from '../cluster/naming.ts';
import type { FeatureName } from '../types.ts';

/** The values sorted ascending (numerically), a copy. O(n log n). */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.slice().sort();
}

/**
 * The average-rank share for a customer with `below` customers under it and `tied` others equal
 * to it, among `others` other customers: its rank in 1..others + 1 over others + 1.
 */
const averageRankShare = (below: number, tied: number, others: number) =>
  (below + tied / 2 + 1) / (others + 1);

/** Percentile rank of each value among all values (see the header). O(n log n). */
export function percentileRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && values[order[hi + 1]!] === values[order[lo]!]) hi++;
    const share = averageRankShare(lo, hi - lo, n - 1);
    for (let t = lo; t <= hi; t++) ranks[order[t]!] = share;
    lo = hi + 1;
  }
  return ranks;
}

/** First position in `sorted` whose value is >= value (or > value with `after`). O(log n). */
function bound(sorted: Float64Array, value: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value || (after && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The percentile a customer with `value` would have if added to the customers in `sorted`
 * (ascending): percentileRanks of the customers plus this one, read for this one. So a value
 * some customer has gives that customer's own percentile among the others, and the result is in
 * (0, 1]. NaN for a NaN value. O(log n).
 */
export function percentileAmong(sorted: Float64Array, value: number): number {
  if (Number.isNaN(value)) return NaN;
  const below = bound(sorted, value, false);
  const tied = bound(sorted, value, true) - below;
  return averageRankShare(below, tied, sorted.length);
}

/**
 * The value of the median customer, sorted[floor(n / 2)] (the upper of the two middle ones for
 * an even count), so it is a value some customer has: a whole number of orders, say. 0 when
 * there are no customers.
 */
export function medianOf(sorted: Float64Array): number {
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A feature's score from its percentile: the same, but 1 - percentile for recency. */
export function featureScore(feature: FeatureName, percentile: number): number {
  return feature === 'Recency' ? 1 - percentile : percentile;
}

/** Recency, frequency and monetary scores from those features' percentiles. */
export function rfmScores(percentiles: Pick<Record<FeatureName, number>, RfmFeature>): RfmScores {
  return {
    recency: featureScore('Recency', percentiles.Recency),
    frequency: featureScore('Frequency', percentiles.Frequency),
    monetary: featureScore('Monetary', percentiles.Monetary),
  };
}

export type RfmFeature = 'Recency' | 'Frequency' | 'Monetary';
