/**
 * Clustering quality metrics, matching scikit-learn 1.2 (`sklearn.metrics`): Calinski-Harabasz,
 * Davies-Bouldin and the adjusted Rand index here; the silhouette in silhouette.ts; centroids and
 * inertia in math/centroids.ts.
 *
 * Labels are cluster indices in [0, k). Like sklearn (which re-encodes labels with LabelEncoder), a
 * cluster with no points does not count: it is not a candidate "nearest cluster" for the
 * silhouette and does not enter the number of labels used by CH and DB.
 *
 * Where sklearn raises ValueError ("Number of labels is 1. Valid values are 2 to n_samples - 1")
 * for silhouette, CH and DB, these functions throw an Error with the same rule: there must be 2 to
 * n - 1 non-empty clusters.
 *
 * Distances are computed directly as sqrt(sum (x - y)^2), not by sklearn's
 * ||x||^2 - 2 x.y + ||y||^2 expansion, so results agree with sklearn to rounding, not bitwise; the
 * direct form is the more accurate of the two for nearby points.
 */
import {
  checkLabels,
  checkNumberOfClusters,
  clusterCentroids,
  clusterSizes,
  countNonEmpty,
} from '../math/centroids.ts';
import type { Points } from '../types.ts';
import { squaredDistance } from './distance.ts';

/**
 * Per cluster, the sum of its points' squared distances to its centroid, coordinate by coordinate.
 * Its own function for the reason distancesToCentroids gives.
 */
function squaredDistancesToCentroids(
  points: Points,
  labels: Int32Array,
  centroids: Float64Array,
  k: number,
): Float64Array {
  const { count: n, dims, values } = points;
  const within = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    for (let d = 0; d < dims; d++) {
      const diff = (values[i * dims + d] as number) - (centroids[c * dims + d] as number);
      within[c]! += diff * diff;
    }
  }
  return within;
}

/**
 * sklearn's calinski_harabasz_score: between-cluster over within-cluster dispersion, each divided
 * by its degrees of freedom. 1 when every cluster is a single repeated point (no within spread).
 */
export function calinskiHarabasz(points: Points, labels: Int32Array, k: number): number {
  checkLabels(points, labels, k);
  const { count: n, dims } = points;
  const sizes = clusterSizes(labels, k);
  const m = countNonEmpty(sizes);
  checkNumberOfClusters('Calinski-Harabasz', m, n);
  const centroids = clusterCentroids(points, labels, k);
  const overall = clusterCentroids(points, new Int32Array(n), 1);

  const within = squaredDistancesToCentroids(points, labels, centroids, k);
  let extraDisp = 0;
  let intraDisp = 0;
  for (let c = 0; c < k; c++) {
    const size = sizes[c] as number;
    if (size === 0) continue;
    let between = 0;
    for (let d = 0; d < dims; d++) {
      const diff = (centroids[c * dims + d] as number) - (overall[d] as number);
      between += diff * diff;
    }
    extraDisp += size * between;
    intraDisp += within[c] as number;
  }
  return intraDisp === 0 ? 1 : (extraDisp * (n - m)) / (intraDisp * (m - 1));
}

/** numpy's allclose(x, 0): every |x| <= atol = 1e-8 (rtol does not matter against 0). */
function allNearZero(xs: Float64Array): boolean {
  return xs.every((x) => Math.abs(x) <= 1e-8);
}

/**
 * Per cluster, the sum of its points' distances to its centroid. Its own function, not the first
 * loop of daviesBouldin: V8 compiled that on-stack and deoptimized at the code after it, once for
 * nearly every k of a sweep.
 */
function distancesToCentroids(
  points: Points,
  labels: Int32Array,
  centroids: Float64Array,
  k: number,
): Float64Array {
  const { count: n, dims, values } = points;
  const spreadSums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    spreadSums[c]! += Math.sqrt(squaredDistance(values, i * dims, centroids, c * dims, dims));
  }
  return spreadSums;
}

/**
 * sklearn's davies_bouldin_score: for each cluster, the worst (s_i + s_j) / d(c_i, c_j) over the
 * other clusters, averaged; s is the mean distance of a cluster's points to its centroid. As in
 * sklearn it is 0 when all s or all centroid distances are ~0 (numpy allclose), and a pair of
 * clusters with coincident centroids is skipped (its distance counts as infinite).
 */
export function daviesBouldin(points: Points, labels: Int32Array, k: number): number {
  checkLabels(points, labels, k);
  const { count: n, dims } = points;
  const sizes = clusterSizes(labels, k);
  checkNumberOfClusters('Davies-Bouldin', countNonEmpty(sizes), n);
  const centroids = clusterCentroids(points, labels, k);

  const spreadSums = distancesToCentroids(points, labels, centroids, k);
  const present: number[] = [];
  for (let c = 0; c < k; c++) if ((sizes[c] as number) > 0) present.push(c);
  const m = present.length;
  const spread = Float64Array.from(
    present,
    (c) => (spreadSums[c] as number) / (sizes[c] as number),
  );
  const centroidDist = new Float64Array(m * m);
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      const cp = (present[p] as number) * dims;
      const cq = (present[q] as number) * dims;
      centroidDist[p * m + q] = Math.sqrt(squaredDistance(centroids, cp, centroids, cq, dims));
    }
  }
  if (allNearZero(spread) || allNearZero(centroidDist)) return 0;

  let total = 0;
  for (let p = 0; p < m; p++) {
    let worst = -Infinity;
    for (let q = 0; q < m; q++) {
      const dist = centroidDist[p * m + q] as number;
      const ratio = dist === 0 ? 0 : ((spread[p] as number) + (spread[q] as number)) / dist;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / m;
}

/** Maps arbitrary integer labels to 0..(distinct - 1), in order of first appearance. */
function encode(labels: Int32Array): { codes: Int32Array; distinct: number } {
  const index = new Map<number, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    let code = index.get(label);
    if (code === undefined) {
      code = index.size;
      index.set(label, code);
    }
    codes[i] = code;
  }
  return { codes, distinct: index.size };
}

/**
 * sklearn's adjusted_rand_score, through its pair confusion matrix. Label values are only names:
 * any integers work and the two labelings may use different numbers of clusters. Returns 1 when
 * the labelings agree on every pair (which covers empty input, both single-cluster, both all
 * singletons). Counts of pairs reach n^4 in the products, so those are done in BigInt, as sklearn
 * does them in Python ints.
 */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length)
    throw new Error(`labelings differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  const ea = encode(a);
  const eb = encode(b);
  const rowSums = clusterSizes(ea.codes, ea.distinct);
  const colSums = clusterSizes(eb.codes, eb.distinct);
  // The contingency table is sparse when there are many clusters (every point its own cluster).
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = (ea.codes[i] as number) * eb.distinct + (eb.codes[i] as number);
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let sumSquares = 0;
  for (const count of cells.values()) sumSquares += count * count;
  let rowSquares = 0;
  for (const count of rowSums) rowSquares += count * count;
  let colSquares = 0;
  for (const count of colSums) colSquares += count * count;

  // sklearn's pair_confusion_matrix (ordered pairs, hence twice the unordered counts).
  const tp = BigInt(sumSquares - n);
  const fp = BigInt(colSquares - sumSquares);
  const fn = BigInt(rowSquares - sumSquares);
  const tn = BigInt(n * n) - fp - fn - BigInt(sumSquares);
  if (fn === 0n && fp === 0n) return 1;
  const numerator = 2n * (tp * tn - fn * fp);
  const denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
  return Number(numerator) / Number(denominator);
}
