/**
 * Per-segment summary of per-customer silhouettes (metrics.silhouetteSamples), for a silhouette
 * plot (one bar per customer, grouped by segment, sorted) and the share of customers with a
 * negative silhouette per segment (customers closer, on average, to another segment than to their
 * own).
 *
 * A plot of 100,000 bars is neither drawable nor readable, so each segment's sorted values are
 * downsampled to at most `maxBars` bars by taking evenly spaced order statistics: bar t of m is
 * the value at sorted position round(t (size - 1) / (m - 1)). That keeps the shape: the first and
 * last bars are the segment's largest and smallest values, bars are still sorted, and the share of
 * bars below zero matches the share of customers below zero to within 1 / m. Each bar stands for
 * about size / m customers (`customersPerBar`).
 *
 * Complexity: O(n log n) time (one sort per segment), O(n) memory.
 */

export interface SegmentSilhouette {
  segment: number;
  size: number;
  /** Mean silhouette of the segment's customers (NaN for an empty segment). */
  mean: number;
  /** Customers with a silhouette below 0, and their share of the segment (0 when empty). */
  negativeCount: number;
  negativeShare: number;
  min: number;
  max: number;
  /** The segment's values sorted from largest to smallest, downsampled to at most maxBars. */
  bars: Float64Array;
  /** How many customers each bar stands for: size / bars.length (1 when not downsampled). */
  customersPerBar: number;
}

export interface SilhouetteSummary {
  /** Mean over all customers: sklearn's silhouette_score. */
  mean: number;
  negativeCount: number;
  negativeShare: number;
  segments: SegmentSilhouette[];
}

export const DEFAULT_MAX_BARS = 500;

/**
 * m evenly spaced order statistics of values sorted in descending order (first and last kept).
 * O(m). Returns a copy when m >= values.length.
 */
export function downsampleSorted(sorted: Float64Array, maxBars: number): Float64Array {
  const size = sorted.length;
  if (!Number.isInteger(maxBars) || maxBars < 1)
    throw new RangeError(`maxBars must be a positive integer, got ${maxBars}`);
  if (size <= maxBars) return sorted.slice();
  if (maxBars === 1) return Float64Array.of(sorted[Math.floor((size - 1) / 2)]!);
  return Float64Array.from(
    { length: maxBars },
    (_, t) => sorted[Math.round((t * (size - 1)) / (maxBars - 1))]!,
  );
}

/**
 * Summary of silhouette samples grouped by the segment labels (0..k-1). `samples` and `labels`
 * are indexed alike (customers). O(n log n).
 */
export function summarizeSilhouettes(
  samples: Float64Array,
  labels: ArrayLike<number>,
  k: number,
  maxBars = DEFAULT_MAX_BARS,
): SilhouetteSummary {
  const n = samples.length;
  if (labels.length !== n) throw new Error(`${labels.length} labels for ${n} silhouettes`);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < k) || !Number.isInteger(c))
      throw new RangeError(`label ${c} of customer ${i} is outside 0..${k - 1}`);
    sizes[c]!++;
  }
  // Counting sort of the values by segment, then each segment's run sorted on its own.
  const starts = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) starts[c + 1] = starts[c]! + sizes[c]!;
  const next = starts.slice(0, k);
  const grouped = new Float64Array(n);
  for (let i = 0; i < n; i++) grouped[next[labels[i]!]!++] = samples[i]!;

  let total = 0;
  let negativeTotal = 0;
  const segments: SegmentSilhouette[] = [];
  for (let c = 0; c < k; c++) {
    const run = grouped.subarray(starts[c]!, starts[c + 1]!);
    run.sort().reverse();
    let sum = 0;
    let negative = 0;
    for (let i = 0; i < run.length; i++) {
      sum += run[i]!;
      if (run[i]! < 0) negative++;
    }
    total += sum;
    negativeTotal += negative;
    const size = run.length;
    const bars = downsampleSorted(run, maxBars);
    segments.push({
      segment: c,
      size,
      mean: size > 0 ? sum / size : NaN,
      negativeCount: negative,
      negativeShare: size > 0 ? negative / size : 0,
      min: size > 0 ? run[size - 1]! : NaN,
      max: size > 0 ? run[0]! : NaN,
      bars,
      customersPerBar: bars.length > 0 ? size / bars.length : 0,
    });
  }
  return {
    mean: n > 0 ? total / n : NaN,
    negativeCount: negativeTotal,
    negativeShare: n > 0 ? negativeTotal / n : 0,
    segments,
  };
}
