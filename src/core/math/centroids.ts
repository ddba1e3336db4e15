/**
 * Cluster centres and k-means' objective, defined once: the sweep's metrics (cluster/metrics.ts),
 * the segments of another model's groups and of the one-segment fallback (pipeline.ts) all use
 * these, so "inertia" is the same number whichever model made the groups.
 *
 * Labels are cluster indices in [0, k); a cluster with no points has no mean and adds nothing.
 */
import type { Points } from '../types.ts';

/** Throws unless k is a positive integer and there is one label in [0, k) per point. */
export function checkLabels(points: Points, labels: Int32Array, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  if (labels.length !== points.count) {
    throw new Error(`${labels.length} labels for ${points.count} points`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label < 0 || label >= k)
      throw new Error(`label ${label} of point ${i} is outside 0..${k - 1}`);
  }
}

/** Points per cluster, as floats (they divide sums). O(n). */
export function clusterSizes(labels: Int32Array, k: number): Float64Array {
  const sizes = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) sizes[labels[i] as number]! += 1;
  return sizes;
}

/** Clusters that have points. */
export function countNonEmpty(sizes: Float64Array): number {
  let m = 0;
  for (let c = 0; c < sizes.length; c++) if ((sizes[c] as number) > 0) m++;
  return m;
}

/** sklearn's check_number_of_labels, on the clusters that actually have points. */
export function checkNumberOfClusters(metric: string, nonEmpty: number, n: number): void {
  if (nonEmpty < 2 || nonEmpty > n - 1) {
    throw new Error(
      `${metric} needs 2 to n - 1 non-empty clusters; got ${nonEmpty} for ${n} points`,
    );
  }
}

/**
 * Adds each point into its cluster's row of `sums` (row-major k x dims), in point order, and
 * counts it in `sizes`. Its own function rather than the first loop of its callers: called once
 * per k-means start, V8 compiled such a loop on-stack, kept that code for later calls, and
 * deoptimized at the code after the loop every time (51 times in one run of the CLI).
 */
export function sumByCluster(
  points: Points,
  labels: Int32Array,
  sums: Float64Array,
  sizes: Float64Array,
): void {
  const { count, dims, values } = points;
  for (let i = 0; i < count; i++) {
    const c = labels[i] as number;
    sizes[c]!++;
    const row = c * dims;
    for (let d = 0; d < dims; d++) sums[row + d]! += values[i * dims + d] as number;
  }
}

/**
 * Cluster means, row-major k x dims. Summed in point order and then divided, as numpy's
 * `mean(axis=0)` does. An empty cluster's row stays 0 (it has no mean; callers skip it by size).
 */
export function clusterCentroids(points: Points, labels: Int32Array, k: number): Float64Array {
  checkLabels(points, labels, k);
  const { dims } = points;
  const centroids = new Float64Array(k * dims);
  const sizes = new Float64Array(k);
  sumByCluster(points, labels, centroids, sizes);
  for (let c = 0; c < k; c++) {
    const size = sizes[c] as number;
    if (size === 0) continue;
    for (let d = 0; d < dims; d++) centroids[c * dims + d]! /= size;
  }
  return centroids;
}

/**
 * Sum of squared distances of each point to its cluster's centroid: k-means' objective. With no
 * centroids given it uses the cluster means, which is what k-means' centers are at convergence.
 */
export function inertia(
  points: Points,
  labels: Int32Array,
  k: number,
  centroids?: Float64Array,
): number {
  checkLabels(points, labels, k);
  const { count, dims, values } = points;
  const centers = centroids ?? clusterCentroids(points, labels, k);
  if (centers.length !== k * dims) throw new Error(`centroids must hold ${k} x ${dims} values`);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const row = (labels[i] as number) * dims;
    let sq = 0;
    for (let d = 0; d < dims; d++) {
      const diff = (values[i * dims + d] as number) - (centers[row + d] as number);
      sq += diff * diff;
    }
    total += sq;
  }
  return total;
}
