import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from './cholesky.ts';

const arr = (xs: Float64Array) => Array.from(xs);

describe('cholesky', () => {
  it('factors a 2 x 2 matrix by hand: [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt 2]]', () => {
    expect(arr(cholesky(Float64Array.of(4, 2, 2, 3), 2))).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it('factors a 3 x 3 matrix whose factor has integer entries', () => {
    // L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]; A = L L^T.
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    expect(arr(cholesky(a, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('reads only the lower triangle', () => {
    expect(arr(cholesky(Float64Array.of(4, 999, 2, 3), 2))).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it('refuses a matrix that is not positive definite, naming it', () => {
    expect(() => cholesky(Float64Array.of(1, 2, 2, 1), 2, 'covariance')).toThrow(
      'covariance is not positive definite',
    );
    expect(() => cholesky(Float64Array.of(0, 0, 0, 1), 2)).toThrow(
      'matrix is not positive definite',
    );
    expect(() => cholesky(Float64Array.of(-1), 1)).toThrow(/not positive definite/);
    expect(() => cholesky(Float64Array.of(NaN), 1)).toThrow(/not positive definite/);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => cholesky(Float64Array.of(1, 2, 3), 2)).toThrow('3 entries for a 2 x 2 matrix');
  });
});

describe('choleskySolve', () => {
  it('solves A x = b in place: [[4, 2], [2, 3]] x = [2, 5] gives x = [-0.5, 2]', () => {
    const b = Float64Array.of(2, 5);
    choleskySolve(Float64Array.of(4, 2, 2, 3), b, 2);
    expect(b[0]).toBeCloseTo(-0.5, 14);
    expect(b[1]).toBeCloseTo(2, 14);
  });

  it('solves the 3 x 3 system whose answer is (1, -1, 2)', () => {
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    // A (1, -1, 2) = (4 - 12 - 32, 12 - 37 - 86, -16 + 43 + 196).
    const b = Float64Array.of(-40, -111, 223);
    choleskySolve(a, b, 3);
    [1, -1, 2].forEach((x, i) => expect(b[i]).toBeCloseTo(x, 12));
  });

  it('refuses a singular matrix and a right-hand side of the wrong length', () => {
    expect(() =>
      choleskySolve(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1), 2, 'Hessian'),
    ).toThrow('Hessian is not positive definite');
    expect(() => choleskySolve(Float64Array.of(1, 0, 0, 1), Float64Array.of(1), 2)).toThrow(
      '1 right-hand sides for a 2 x 2 matrix',
    );
    expect(() => choleskySolve(Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1), 2)).toThrow(
      'matrix is not positive definite',
    );
  });
});
