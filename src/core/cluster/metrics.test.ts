import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { createRng, randomInt } from '../random.ts';
import { adjustedRandIndex, calinskiHarabasz, daviesBouldin } from './metrics.ts';
import { silhouetteSamples, silhouetteScore, silhouetteScoresShared } from './silhouette.ts';
import { clusterCentroids, inertia } from '../math/centroids.ts';

const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});
const ints = (xs: number[]) => Int32Array.from(xs);
const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('hand-computed cases', () => {
  // Points 0, 1 | 10, 11. Centroids 0.5 and 10.5.
  const points = line([0, 1, 10, 11]);
  const labels = ints([0, 0, 1, 1]);

  it('inertia and centroids: 4 points each 0.5 from their centroid -> 4 * 0.25 = 1', () => {
    expect(Array.from(clusterCentroids(points, labels, 2))).toEqual([0.5, 10.5]);
    expect(inertia(points, labels, 2)).toBe(1);
    expect(inertia(points, labels, 2, Float64Array.from([0, 10]))).toBe(0 + 1 + 0 + 1);
  });

  it('silhouette: a = 1 for all; b = 10.5, 9.5, 9.5, 10.5 -> mean of 19/21, 17/19 = 359/399', () => {
    // Point 0: b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5 = 19/21. Point 1: b = (9 + 10) / 2,
    // s = 8.5 / 9.5 = 17/19. Points 10 and 11 mirror them. Mean = (19/21 + 17/19) / 2.
    const samples = silhouetteSamples(points, labels, 2);
    [19 / 21, 17 / 19, 17 / 19, 19 / 21].forEach((s, i) => expect(samples[i]).toBeCloseTo(s, 15));
    expect(silhouetteScore(points, labels, 2)).toBeCloseTo(359 / 399, 15);
  });

  it('Calinski-Harabasz: extra = 2 * 5^2 + 2 * 5^2 = 100, intra = 1 -> 100 * (4 - 2) / (1 * 1)', () => {
    expect(calinskiHarabasz(points, labels, 2)).toBe(200);
  });

  it('Davies-Bouldin: spreads 0.5 and 0.5, centroids 10 apart -> (0.5 + 0.5) / 10 = 0.1', () => {
    expect(daviesBouldin(points, labels, 2)).toBeCloseTo(0.1, 15);
  });

  it('an empty cluster is ignored, as sklearn ignores a label that never occurs', () => {
    const gappy = ints([0, 0, 2, 2]);
    expect(Array.from(clusterCentroids(points, gappy, 3))).toEqual([0.5, 0, 10.5]);
    expect(inertia(points, gappy, 3)).toBe(1);
    expect(silhouetteScore(points, gappy, 3)).toBe(silhouetteScore(points, labels, 2));
    expect(calinskiHarabasz(points, gappy, 3)).toBe(200);
    expect(daviesBouldin(points, gappy, 3)).toBe(daviesBouldin(points, labels, 2));
  });

  it('a point alone in its cluster scores 0', () => {
    // 0, 1 | 5: point 0 has a = 1, b = 5 -> 0.8; point 1 has a = 1, b = 4 -> 0.75; 5 scores 0.
    const samples = silhouetteSamples(line([0, 1, 5]), ints([0, 0, 1]), 2);
    expect(Array.from(samples)).toEqual([0.8, 0.75, 0]);
    expect(silhouetteScore(line([0, 1, 5]), ints([0, 0, 1]), 2)).toBeCloseTo(1.55 / 3, 15);
  });

  it('a point with a = b = 0 (duplicates across clusters) scores 0, like sklearn nan_to_num', () => {
    expect(Array.from(silhouetteSamples(line([3, 3, 3, 3]), ints([0, 0, 1, 1]), 2))).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('throws where sklearn raises: fewer than 2 or more than n - 1 non-empty clusters', () => {
    const one = ints([0, 0, 0, 0]);
    const many = ints([0, 1, 2, 3]);
    for (const metric of [silhouetteScore, calinskiHarabasz, daviesBouldin]) {
      expect(() => metric(points, one, 2)).toThrow(/2 to n - 1 non-empty clusters; got 1/);
      expect(() => metric(points, many, 4)).toThrow(/got 4 for 4 points/);
    }
    expect(() =>
      silhouetteScoresShared(points, [
        { labels, k: 2 },
        { labels: one, k: 1 },
      ]),
    ).toThrow();
    expect(() => inertia(points, ints([0, 0, 2, 1]), 2)).toThrow(/outside 0..1/);
    expect(() => inertia(points, ints([0, 1]), 2)).toThrow(/2 labels for 4 points/);
  });

  it('CH is 1 when no cluster has any spread; DB is 0 then', () => {
    // sklearn: intra_disp == 0 -> 1.0; np.allclose(intra_dists, 0) -> 0.0.
    expect(calinskiHarabasz(line([0, 0, 5, 5]), labels, 2)).toBe(1);
    expect(daviesBouldin(line([0, 0, 5, 5]), labels, 2)).toBe(0);
  });

  it('DB skips a pair of clusters whose centroids coincide (sklearn sets that distance to inf)', () => {
    // -1, 1 | -2, 2 | 10, 11: spreads 1, 2, 0.5; centroids 0, 0, 10.5.
    // R0 = (1 + 0.5) / 10.5 = 1/7, R1 = (2 + 0.5) / 10.5 = 5/21, R2 = max(1/7, 5/21) = 5/21.
    // DB = (3/21 + 5/21 + 5/21) / 3 = 13/63.
    const db = daviesBouldin(line([-1, 1, -2, 2, 10, 11]), ints([0, 0, 1, 1, 2, 2]), 3);
    expect(db).toBeCloseTo(13 / 63, 15);
  });

  it('adjusted Rand index: sklearn documentation examples', () => {
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 1, 1]))).toBe(1);
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([5, 5, 3, 3]))).toBe(1);
    // Pair confusion (ordered pairs): tp = 2, fp = 0, fn = 2, tn = 8 ->
    // 2 * (2 * 8 - 0) / ((2 + 2) * (2 + 8) + (2 + 0) * (0 + 8)) = 32 / 56 = 4/7. sklearn 1.2 evaluates
    // exactly this and prints 0.5714285714285714; older releases' comb() formula gave ...715.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 1, 2]))).toBe(4 / 7);
    // tp = 0, fp = fn = tn = 4 -> 2 * (0 - 16) / (4 * 8 + 4 * 8) = -0.5.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 1, 0, 1]))).toBe(-0.5);
    // tp = 0, fp = 0, fn = 12, tn = 0 -> 0.
    expect(adjustedRandIndex(ints([0, 0, 0, 0]), ints([0, 1, 2, 3]))).toBe(0);
  });

  it('adjusted Rand index: agreement on every pair is 1, as in sklearn special cases', () => {
    expect(adjustedRandIndex(ints([0, 0, 0]), ints([7, 7, 7]))).toBe(1);
    expect(adjustedRandIndex(ints([0, 1, 2, 3]), ints([3, 2, 1, 0]))).toBe(1);
    expect(adjustedRandIndex(ints([]), ints([]))).toBe(1);
    expect(adjustedRandIndex(ints([4]), ints([9]))).toBe(1);
    expect(() => adjustedRandIndex(ints([0, 1]), ints([0]))).toThrow(/differ in length/);
  });
});

/** sklearn's silhouette_samples written out literally: full distance rows, bincount-like sums. */
function bruteForceSilhouette(points: Points, labels: Int32Array, k: number): number {
  const { count: n, dims, values } = points;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]!++;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) {
      let sq = 0;
      for (let d = 0; d < dims; d++) sq += (values[i * dims + d]! - values[j * dims + d]!) ** 2;
      sums[labels[j]!]! += Math.sqrt(sq);
    }
    const own = labels[i]!;
    const a = sums[own]! / (sizes[own]! - 1);
    const b = Math.min(
      ...sums.map((s, c) => (c === own || sizes[c] === 0 ? Infinity : s / sizes[c]!)),
    );
    const s = (b - a) / Math.max(a, b);
    total += Number.isNaN(s) ? 0 : s;
  }
  return total / n;
}

describe('silhouette against a literal implementation', () => {
  it.each([1, 2, 5, 7])(
    '%i-D random points, several labelings with empty and singleton clusters',
    (dims) => {
      const rng = createRng(dims);
      const n = 300;
      const points: Points = {
        count: n,
        dims,
        values: Float64Array.from({ length: n * dims }, rng),
      };
      const halves = { labels: Int32Array.from({ length: n }, (_, i) => (i < 150 ? 0 : 1)), k: 2 };
      const labelings = [
        halves,
        ...[4, 6, 10].map((k) => {
          // Cluster k - 1 stays empty and point 0 is alone in cluster k - 2.
          const labels = Int32Array.from({ length: n }, () => randomInt(rng, k - 2));
          labels[0] = k - 2;
          return { labels, k };
        }),
      ];
      const shared = silhouetteScoresShared(points, labelings);
      labelings.forEach(({ labels, k }, l) => {
        const expected = bruteForceSilhouette(points, labels, k);
        expect(relativeError(shared[l]!, expected)).toBeLessThan(1e-13);
        expect(relativeError(silhouetteScore(points, labels, k), expected)).toBeLessThan(1e-13);
      });
    },
  );
});
