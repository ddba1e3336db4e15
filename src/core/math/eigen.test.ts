import { describe, expect, it } from 'vitest';
import { jacobiEigen } from './eigen.ts';

const arr = (xs: Float64Array) => Array.from(xs);

/** Checks A v = lambda v for every returned pair, and that the vectors are orthonormal. */
function expectEigenPairs(m: Float64Array, d: number, digits: number) {
  const { values, vectors } = jacobiEigen(m, d);
  for (let c = 0; c < d; c++) {
    for (let r = 0; r < d; r++) {
      let av = 0;
      for (let j = 0; j < d; j++) av += m[r * d + j]! * vectors[j * d + c]!;
      expect(av).toBeCloseTo(values[c]! * vectors[r * d + c]!, digits);
    }
    for (let c2 = 0; c2 < d; c2++) {
      let dot = 0;
      for (let r = 0; r < d; r++) dot += vectors[r * d + c]! * vectors[r * d + c2]!;
      expect(dot).toBeCloseTo(c === c2 ? 1 : 0, digits);
    }
  }
  return { values, vectors };
}

describe('jacobiEigen', () => {
  it('[[2, 1], [1, 2]]: eigenvalues 3 along (1, 1) and 1 along (1, -1)', () => {
    const { values, vectors } = expectEigenPairs(Float64Array.of(2, 1, 1, 2), 2, 14);
    expect(arr(values).sort()).toEqual([1, 3].map((x) => expect.closeTo(x, 14)));
    const three = values[0]! > values[1]! ? 0 : 1;
    // The vector of 3 is (1, 1)/sqrt 2 up to sign.
    expect(Math.abs(vectors[three]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[three]! * vectors[2 + three]!).toBeCloseTo(0.5, 14);
  });

  it('a 3 x 3 matrix keeps its trace (9) and determinant (13)', () => {
    const m = Float64Array.of(4, 1, -2, 1, 2, 0, -2, 0, 3);
    const { values } = expectEigenPairs(m, 3, 13);
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(9, 13);
    expect(values.reduce((s, x) => s * x, 1)).toBeCloseTo(13, 12);
  });

  it('a diagonal matrix is its own answer: the identity as vectors', () => {
    const { values, vectors } = jacobiEigen(Float64Array.of(5, 0, 0, 0, -1, 0, 0, 0, 2), 3);
    expect(arr(values)).toEqual([5, -1, 2]);
    expect(arr(vectors)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('a 4 x 4 matrix with a repeated eigenvalue', () => {
    // J - I for the 4 x 4 all-ones J: eigenvalues 3 (along the ones) and -1 three times.
    const m = Float64Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const { values } = expectEigenPairs(m, 4, 13);
    expect(arr(values).sort((a, b) => a - b)).toEqual(
      [-1, -1, -1, 3].map((x) => expect.closeTo(x, 13)),
    );
  });

  it('does not change its input, and refuses a matrix of the wrong size', () => {
    const m = Float64Array.of(2, 1, 1, 2);
    jacobiEigen(m, 2);
    expect(arr(m)).toEqual([2, 1, 1, 2]);
    expect(() => jacobiEigen(Float64Array.of(1, 2, 3), 2)).toThrow('3 entries for a 2 x 2 matrix');
  });
});
