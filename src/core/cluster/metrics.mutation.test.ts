/**
 * Clustering metrics where metrics.test.ts's cases cannot tell right from wrong: three clusters
 * (the degrees of freedom m - 1 and n - m both matter), two dimensions (row offsets), spreads
 * near zero (numpy's allclose), labelings with more clusters on one side, and which metric an
 * error names. Expected values are hand-computed and printed by scikit-learn 1.2.
 */
import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { adjustedRandIndex, calinskiHarabasz, daviesBouldin } from './metrics.ts';
import { silhouetteScore, silhouetteScoresShared } from './silhouette.ts';

const line = (xs: number[]): Points => ({ count: xs.length, dims: 1, values: Float64Array.from(xs) }); // prettier-ignore
const ints = (xs: number[]) => Int32Array.from(xs);

describe('Calinski-Harabasz and Davies-Bouldin', () => {
  it('CH of three clusters: 0, 2 | 10, 12 | 20, 22 -> 400 (6 - 3) / (6 (3 - 1)) = 100', () => {
    // Centroids 1, 11, 21, overall 11: between = 2 * 100 + 0 + 2 * 100 = 400; within = 3 * 2 = 6.
    // sklearn.metrics.calinski_harabasz_score prints 100.0.
    expect(calinskiHarabasz(line([0, 2, 10, 12, 20, 22]), ints([0, 0, 1, 1, 2, 2]), 3)).toBe(100);
  });

  it('DB in two dimensions: (0,0), (0,2) | (4,0), (4,2) -> spreads 1 and 1, centroids 4 apart -> 0.5', () => {
    const points: Points = { count: 4, dims: 2, values: Float64Array.from([0, 0, 0, 2, 4, 0, 4, 2]) }; // prettier-ignore
    expect(daviesBouldin(points, ints([0, 0, 1, 1]), 2)).toBe(0.5);
  });

  it('DB is 0 when every spread is within numpy allclose of 0 (|s| <= 1e-8), as sklearn', () => {
    // Spreads 1e-8 (0 and 2e-8 around their centroid 1e-8) and 0: sklearn prints 0.0; with
    // 0 and 2.2e-8 the spread 1.1e-8 is not "close" and sklearn prints 2.75e-9 = 1.1e-8 / 4.
    expect(daviesBouldin(line([0, 2e-8, 4, 4]), ints([0, 0, 1, 1]), 2)).toBe(0);
    expect(daviesBouldin(line([0, 1e-9, 4, 4]), ints([0, 0, 1, 1]), 2)).toBe(0);
    const above = daviesBouldin(line([0, 2.2e-8, 4, 4]), ints([0, 0, 1, 1]), 2);
    expect(above).toBeCloseTo(2.7500000075625e-9, 20);
  });

  it('an error names the metric', () => {
    const one = ints([0, 0, 0, 0]);
    const points = line([0, 1, 2, 3]);
    expect(() => calinskiHarabasz(points, one, 1)).toThrow(/^Calinski-Harabasz /);
    expect(() => daviesBouldin(points, one, 1)).toThrow(/^Davies-Bouldin /);
    expect(() => silhouetteScore(points, one, 1)).toThrow(/^silhouette /);
  });

  it('the shared silhouette of no labelings is no scores', () => {
    expect(silhouetteScoresShared(line([0, 1, 2]), [])).toEqual([]);
  });
});

describe('adjusted Rand index', () => {
  it('is symmetric: 4 clusters against 2 and 2 against 4 give sklearn’s 0.13829787234042554', () => {
    const four = ints([0, 1, 2, 3, 0, 1, 2, 3, 3, 2]);
    const two = ints([0, 1, 0, 1, 1, 1, 0, 0, 1, 0]);
    expect(adjustedRandIndex(four, two)).toBeCloseTo(0.13829787234042554, 15);
    expect(adjustedRandIndex(two, four)).toBeCloseTo(0.13829787234042554, 15);
  });

  it('one side split further than the other is below 1 either way round (4/7)', () => {
    // Pairs together in the first and apart in the second, or the other way: 4/7 both ways.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 1, 2]))).toBe(4 / 7);
    expect(adjustedRandIndex(ints([0, 0, 1, 2]), ints([0, 0, 1, 1]))).toBe(4 / 7);
  });
});
