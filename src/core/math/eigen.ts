/**
 * Eigen-decomposition of small symmetric matrices (PCA's d x d covariance, d = 3 to 8 features).
 */

/**
 * Eigenvalues and eigenvectors of a symmetric d x d matrix (row-major), by cyclic Jacobi
 * rotations until the off-diagonal is negligible. Returns values (unsorted) and vectors as
 * columns of a row-major d x d matrix: vector c is (vectors[0 * d + c], ..., vectors[(d-1) * d + c]).
 * O(d^3) per sweep; converges quadratically (typically under 10 sweeps for d <= 10).
 */
export function jacobiEigen(
  matrix: Float64Array,
  d: number,
  maxSweeps = 100,
): { values: Float64Array; vectors: Float64Array } {
  if (matrix.length !== d * d) throw new Error(`${matrix.length} entries for a ${d} x ${d} matrix`);
  const a = matrix.slice();
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < d; p++) {
      diagonal += a[p * d + p]! ** 2;
      for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    }
    if (off <= 1e-30 * diagonal || off === 0) break;
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        const app = a[p * d + p]!;
        const aqq = a[q * d + q]!;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < d; r++) {
          // Columns p and q of A, then rows p and q (A stays symmetric).
          const arp = a[r * d + p]!;
          const arq = a[r * d + q]!;
          a[r * d + p] = c * arp - s * arq;
          a[r * d + q] = s * arp + c * arq;
        }
        for (let r = 0; r < d; r++) {
          const apr = a[p * d + r]!;
          const aqr = a[q * d + r]!;
          a[p * d + r] = c * apr - s * aqr;
          a[q * d + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < d; r++) {
          const vrp = v[r * d + p]!;
          const vrq = v[r * d + q]!;
          v[r * d + p] = c * vrp - s * vrq;
          v[r * d + q] = s * vrp + c * vrq;
        }
      }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]!), vectors: v };
}
