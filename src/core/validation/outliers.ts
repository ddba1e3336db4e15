/**
 * Outliers by Tukey's IQR fences: per feature, a customer is an outlier when its value is below
 * Q1 - 1.5 IQR or above Q3 + 1.5 IQR, with Q1 and Q3 numpy's default (linear) quantiles
 * (features/scale.ts quantileSorted), as `np.percentile(x, [25, 75])` or pandas' `quantile`. A
 * customer is an outlier overall when it is outside the fences of any feature.
 *
 * Which values: the functions take Points, so the caller chooses raw feature units
 * (pointsFromColumns on the customer table's columns) or the scaled points the clustering uses.
 * Standard and robust scaling are increasing affine maps per feature, and linear quantiles commute
 * with those, so flags on the scaled points are the flags of the transformed features (up to
 * rounding at a value exactly on a fence); log1p is not affine and flags far fewer customers than
 * raw units do.
 *
 * Two ways to deal with them before clustering: cap each value at its fences (winsorise), or fit
 * k-means on the other customers and then put each outlier in the segment of its nearest
 * centroid.
 *
 * Memory is O(n d) (one sorted copy of one feature at a time, the mask, the capped copy); never
 * n x n.
 */
import { quantileSorted } from '../features/scale.ts';
import type { Points } from '../types.ts';

export const DEFAULT_WHISKER = 1.5;

export interface Fences {
  q1: number;
  q3: number;
  iqr: number;
  /** q1 - whisker x iqr */
  lower: number;
  /** q3 + whisker x iqr */
  upper: number;
}

/** IQR fences of one feature. O(n log n) for the sort. */
export function iqrFences(values: ArrayLike<number>, whisker = DEFAULT_WHISKER): Fences {
  if (values.length === 0) throw new Error('no values to compute fences from');
  const sorted = Float64Array.from(values).sort();
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - whisker * iqr, upper: q3 + whisker * iqr };
}

export interface FeatureOutliers {
  fences: Fences;
  /** Customers below the lower fence, above the upper one, and both together. */
  below: number;
  above: number;
  count: number;
}

export interface OutlierReport {
  /** One entry per dimension of the points (feature), in order. */
  features: FeatureOutliers[];
  /** 1 for a customer outside the fences of at least one feature. */
  mask: Uint8Array;
  /** Customers flagged by at least one feature, and their share of all customers. */
  count: number;
  share: number;
}

/** Points from feature columns of equal length (e.g. raw Recency, Frequency, Monetary). O(n d). */
export function pointsFromColumns(columns: readonly ArrayLike<number>[]): Points {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  const values = new Float64Array(n * d);
  columns.forEach((column, j) => {
    if (column.length !== n) throw new Error(`column ${j} has ${column.length} values, not ${n}`);
    for (let i = 0; i < n; i++) values[i * d + j] = column[i]!;
  });
  return { count: n, dims: d, values };
}

function column(points: Points, j: number): Float64Array {
  const { count: n, dims: d, values } = points;
  return Float64Array.from({ length: n }, (_, i) => values[i * d + j]!);
}

/**
 * How far past a fence a value must be to count as outside: 1e-9 of the feature's scale. Integer
 * features often have a fence exactly on a value (Frequency's upper fence is 11 orders on the
 * reference data, and 54 customers have 11); after scaling, rounding puts such values a few ulps
 * either side of the scaled fence, and without this margin they would be flagged in scaled units
 * but not in raw ones.
 */
function fenceTolerance({ q1, q3, iqr }: Fences): number {
  return 1e-9 * Math.max(iqr, Math.abs(q1), Math.abs(q3));
}

/**
 * Flags customers outside the IQR fences, per feature and overall. A value on a fence (to 1e-9 of
 * the feature's scale, see fenceTolerance) is not an outlier. O(d n log n).
 */
export function flagOutliers(points: Points, whisker = DEFAULT_WHISKER): OutlierReport {
  const { count: n, dims: d, values } = points;
  const mask = new Uint8Array(n);
  const features: FeatureOutliers[] = [];
  for (let j = 0; j < d; j++) {
    const fences = iqrFences(column(points, j), whisker);
    const tolerance = fenceTolerance(fences);
    let below = 0;
    let above = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i * d + j]!;
      if (x < fences.lower - tolerance) below++;
      else if (x > fences.upper + tolerance) above++;
      else continue;
      mask[i] = 1;
    }
    features.push({ fences, below, above, count: below + above });
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i]!;
  return { features, mask, count, share: n > 0 ? count / n : 0 };
}

/** A copy of the points with every value capped at its feature's fences. O(n d). */
export function winsorize(points: Points, fences: readonly Fences[]): Points {
  const { count: n, dims: d, values } = points;
  if (fences.length !== d) throw new Error(`${fences.length} fences for ${d} features`);
  const capped = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const { lower, upper } = fences[j]!;
      capped[i * d + j] = Math.min(upper, Math.max(lower, values[i * d + j]!));
    }
  return { count: n, dims: d, values: capped };
}

/** The points whose mask is 0, in order. O(n d). */
export function unflagged(points: Points, mask: Uint8Array): Points {
  const { count: n, dims: d, values } = points;
  let count = 0;
  for (let i = 0; i < n; i++) if (mask[i] === 0) count++;
  const kept = new Float64Array(count * d);
  for (let i = 0, s = 0; i < n; i++)
    if (mask[i] === 0) kept.set(values.subarray(i * d, i * d + d), s++ * d);
  return { count, dims: d, values: kept };
}
