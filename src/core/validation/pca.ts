/**
 * Principal component analysis of the scaled features, as scikit-learn's PCA (full SVD) reports
 * it: components are the eigenvectors of the sample covariance matrix (ddof = 1), sorted by
 * eigenvalue; `explainedVariance` are those eigenvalues and `explainedVarianceRatio` their share of
 * the total variance (the ratio does not depend on ddof).
 *
 * Signs follow scikit-learn 1.2's svd_flip (u-based): each component is oriented so that the
 * customer with the largest absolute projection on it (the first such customer on a tie) has a
 * positive projection. So our components and projections equal sklearn's, signs included.
 *
 * The eigen-decomposition is a cyclic Jacobi (math/eigen.ts) on the d x d covariance (d is the number of features,
 * 3 or 5 in the app): simple, unconditionally convergent for symmetric matrices and accurate to
 * rounding. We write it here rather than add ml-pca: the app needs no more of it than this, and
 * ml-pca would bring an n x d ml-matrix copy of the data on top of ours.
 *
 * Complexity: O(n d^2) for the covariance, O(d^3) per Jacobi sweep (a handful of sweeps), O(n d m)
 * for the projections on m components. Memory O(n m) for the projections plus O(d^2); the data
 * are read in place (never an n x n matrix).
 */
import { jacobiEigen } from '../math/eigen.ts';
import type { Points } from '../types.ts';

export interface PcaResult {
  dims: number;
  /** Feature means the data were centred with. */
  mean: Float64Array;
  /** Row-major dims x dims: component c is components[c * dims .. c * dims + dims - 1]. */
  components: Float64Array;
  /** Eigenvalues of the sample covariance (ddof = 1), largest first. */
  explainedVariance: Float64Array;
  /** explainedVariance / its sum: sums to 1. */
  explainedVarianceRatio: Float64Array;
  /** Every customer projected onto the first `projected` components, row-major n x projected. */
  projections: Points;
}

/**
 * PCA of the points (already scaled as the user chose), with every customer projected onto the
 * first min(components, dims) components (default 3, for the 3-D scatter). Needs n >= 2.
 */
export function pca(points: Points, components = 3): PcaResult {
  const { count: n, dims: d, values } = points;
  if (n < 2) throw new Error(`PCA needs at least 2 customers, got ${n}`);
  const m = Math.max(1, Math.min(components, d));

  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += values[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = values[i * d + j]! - mean[j]!;
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[p * d + q]! += row[p]! * row[q]!;
  }
  for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[q * d + p] = cov[p * d + q]! /= n - 1;

  const { values: eigenvalues, vectors } = jacobiEigen(cov, d);
  const order = Array.from({ length: d }, (_, c) => c).sort(
    (x, y) => eigenvalues[y]! - eigenvalues[x]! || x - y,
  );
  const components_ = new Float64Array(d * d);
  const explainedVariance = new Float64Array(d);
  order.forEach((c, rank) => {
    // Rounding can leave a zero eigenvalue a hair below 0; a variance is never negative.
    explainedVariance[rank] = Math.max(0, eigenvalues[c]!);
    for (let j = 0; j < d; j++) components_[rank * d + j] = vectors[j * d + c]!;
  });
  const total = explainedVariance.reduce((s, x) => s + x, 0);
  const explainedVarianceRatio = explainedVariance.map((x) => (total > 0 ? x / total : 0));

  // Orientation (sklearn svd_flip, u-based) needs every component's projections, so find the
  // largest |projection| per component in one pass before storing the first m.
  const largest = new Float64Array(d);
  const largestAbs = new Float64Array(d).fill(-1);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) {
      let x = 0;
      for (let j = 0; j < d; j++) x += (values[i * d + j]! - mean[j]!) * components_[c * d + j]!;
      if (Math.abs(x) > largestAbs[c]!) {
        largestAbs[c] = Math.abs(x);
        largest[c] = x;
      }
    }
  for (let c = 0; c < d; c++)
    if (largest[c]! < 0)
      for (let j = 0; j < d; j++) components_[c * d + j] = -components_[c * d + j]!;

  const projected = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < m; c++) {
      let x = 0;
      for (let j = 0; j < d; j++) x += (values[i * d + j]! - mean[j]!) * components_[c * d + j]!;
      projected[i * m + c] = x;
    }
  return {
    dims: d,
    mean,
    components: components_,
    explainedVariance,
    explainedVarianceRatio,
    projections: { count: n, dims: m, values: projected },
  };
}
