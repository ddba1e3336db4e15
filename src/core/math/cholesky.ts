/**
 * Cholesky factorisation of symmetric positive definite matrices: the Gaussian mixture's
 * covariances (validation/gmm.ts) and the logistic regression's Newton systems (logistic.ts).
 * Matrices are row-major n x n Float64Arrays; only the lower triangle of A is read.
 */

/**
 * The lower-triangular L with L L^T = A (row-major, zeros above the diagonal). Throws when A is
 * not positive definite (a pivot is 0, negative or NaN), naming the matrix as `what`. O(n^3).
 */
export function cholesky(a: Float64Array, n: number, what = 'matrix'): Float64Array {
  if (a.length !== n * n) throw new RangeError(`${a.length} entries for a ${n} x ${n} matrix`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`${what} is not positive definite`);
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  return l;
}

/**
 * Solves A x = b for symmetric positive definite A, writing x over b: forward substitution with
 * L, then back substitution with L^T. O(n^3) for the factor, O(n^2) for the solves.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number, what = 'matrix'): void {
  if (b.length !== n) throw new RangeError(`${b.length} right-hand sides for a ${n} x ${n} matrix`);
  const l = cholesky(a, n, what);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= l[i * n + p]! * b[p]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let p = i + 1; p < n; p++) s -= l[p * n + i]! * b[p]!;
    b[i] = s / l[i * n + i]!;
  }
}
