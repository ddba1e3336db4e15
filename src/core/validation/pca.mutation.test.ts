/**
 * pca at its edges, by hand: the number of components projected, the means the data are centred
 * with, customers who are all alike, and too few customers.
 */
import { describe, expect, it } from 'vitest';
import { pca } from './pca.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

/** pca.test.ts' square (2, 2), (-2, -2), (1, -1), (-1, 1), moved by (1, 2). */
const square = () => ({
  count: 4,
  dims: 2,
  values: Float64Array.of(3, 4, -1, 0, 2, 1, 0, 3),
});

describe('pca at its edges', () => {
  it('centres on the means (1, 2); the projections do not depend on the move', () => {
    const result = pca(square());
    expect(arr(result.mean)).toEqual([1, 2]);
    const s = 2 * Math.SQRT2;
    expect(arr(result.projections.values)).toEqual(
      [s, 0, -s, 0, 0, Math.SQRT2, 0, -Math.SQRT2].map((x) => expect.closeTo(x, 13)),
    );
  });

  it('signs follow the largest |projection| at any scale, also when every one is below 1', () => {
    // pca.test.ts' square shrunk 100 times: projections of at most 0.028, the same directions.
    const tiny = pca({
      count: 4,
      dims: 2,
      values: Float64Array.of(0.02, 0.02, -0.02, -0.02, 0.01, -0.01, -0.01, 0.01),
    });
    const h = Math.SQRT1_2;
    expect(arr(tiny.components)).toEqual([h, h, h, -h].map((x) => expect.closeTo(x, 14)));
    expect(tiny.projections.values[0]).toBeGreaterThan(0);
    expect(tiny.projections.values[5]).toBeGreaterThan(0);
  });

  it('projects onto the first min(components, dims) components, at least one', () => {
    const full = pca(square(), 2);
    const one = pca(square(), 1);
    expect(one.projections.dims).toBe(1);
    expect(arr(one.projections.values)).toEqual(
      [0, 2, 4, 6].map((i) => full.projections.values[i]),
    );
    // All components are still reported, whatever is projected.
    expect(arr(one.explainedVarianceRatio)).toEqual(arr(full.explainedVarianceRatio));
    expect(pca(square(), 0).projections.dims).toBe(1);
    expect(pca(square(), 5).projections.dims).toBe(2);
    expect(pca(square()).projections.dims).toBe(2);
  });

  it('customers all alike: no variance, ratios 0 rather than 0 / 0', () => {
    const same = pca({ count: 3, dims: 2, values: Float64Array.of(1, 2, 1, 2, 1, 2) });
    expect(arr(same.explainedVariance)).toEqual([0, 0]);
    expect(arr(same.explainedVarianceRatio)).toEqual([0, 0]);
    expect(arr(same.projections.values)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('two customers are enough; one is refused by name', () => {
    const two = pca({ count: 2, dims: 1, values: Float64Array.of(1, 3) });
    // Sample variance (ddof 1) of 1 and 3 is 2; the larger |projection| is made positive.
    expect(arr(two.explainedVariance)).toEqual([2]);
    expect(arr(two.components)).toEqual([-1]);
    expect(arr(two.projections.values)).toEqual([1, -1]);
    expect(() => pca({ count: 1, dims: 1, values: Float64Array.of(1) })).toThrow(
      'PCA needs at least 2 customers, got 1',
    );
  });
});
