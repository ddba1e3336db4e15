import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertia as inertiaOf } from '../math/centroids.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { refineHartigan, smallest } from './hartigan.ts';
import {
  assignToCentroids,
  bestOfParts,
  fitKMeans,
  type KMeansFit,
  kmeansPlusPlus,
} from './kmeans.ts';

const arr = (xs: ArrayLike<number>) => Array.from(xs);
const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});
/** Two groups in the plane: five points around (0, 0) and five around (10, 10). */
const twoGroups: Points = {
  count: 10,
  dims: 2,
  values: Float64Array.of(0, 0, 1, 0, 0, 1, -1, 0, 0, -1, 10, 10, 11, 10, 10, 11, 9, 10, 10, 9),
};

describe('assignToCentroids', () => {
  it('puts each point at its nearest centre and returns the squared distances summed', () => {
    const labels = new Int32Array(4);
    const total = assignToCentroids(line([0, 1, 9, 12]), Float64Array.of(10, 0), 2, labels);
    expect(arr(labels)).toEqual([1, 1, 0, 0]);
    expect(total).toBe(0 + 1 + 1 + 4);
  });

  it('a point halfway goes to the lower-numbered centre', () => {
    const labels = new Int32Array(1);
    expect(assignToCentroids(line([5]), Float64Array.of(0, 10), 2, labels)).toBe(25);
    expect(labels[0]).toBe(0);
    assignToCentroids(line([5]), Float64Array.of(10, 0), 2, labels);
    expect(labels[0]).toBe(0);
  });

  it('measures distance in every dimension', () => {
    const labels = new Int32Array(1);
    const points: Points = { count: 1, dims: 2, values: Float64Array.of(0, 10) };
    expect(assignToCentroids(points, Float64Array.of(0, 0, 3, 10), 2, labels)).toBe(9);
    expect(labels[0]).toBe(1);
  });
});

describe('refineHartigan', () => {
  it('moves a point to the other cluster when that lowers the total once both centres shift', () => {
    // {0, 2} and {3}: 2 is as near 3 as its own centre 1, so Lloyd keeps it; moving it takes the
    // total from 2 to 0.5, so Hartigan moves it.
    const labels = Int32Array.of(0, 0, 1);
    const centroids = refineHartigan(line([0, 2, 3]), labels, 2);
    expect(arr(labels)).toEqual([0, 1, 1]);
    expect(arr(centroids)).toEqual([0, 2.5]);
  });

  it('leaves a Hartigan-stable partition alone and never empties a cluster', () => {
    const labels = Int32Array.of(0, 0, 1, 1);
    expect(arr(refineHartigan(line([0, 1, 10, 11]), labels, 2))).toEqual([0.5, 10.5]);
    expect(arr(labels)).toEqual([0, 0, 1, 1]);
    // A cluster of one keeps its point, even one nearer the other centre: it would go empty.
    const alone = Int32Array.of(0, 1, 1);
    refineHartigan(line([0.4, 0, 1]), alone, 2);
    expect(alone[0]).toBe(0);
  });
});

describe('smallest, the cheapest joining factor that Hartigan skips rest on', () => {
  it('is Math.min of the values wherever the least one is', () => {
    for (const values of [[0.5, 0.75, 0.9], [0.9, 0.5, 0.75], [0.75, 0.9, 0.5], [0, 0.5], [0.8]])
      expect(smallest(Float64Array.from(values))).toBe(Math.min(...values));
  });
});

describe('kmeansPlusPlus', () => {
  it('picks k data points, one in each of two far-apart groups', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const centres = kmeansPlusPlus(twoGroups, 2, createRng(seed));
      const xs = [centres[0]!, centres[2]!].sort((a, b) => a - b);
      expect(xs[0], `seed ${seed}`).toBeLessThan(2);
      expect(xs[1], `seed ${seed}`).toBeGreaterThan(8);
      for (let c = 0; c < 2; c++) {
        const isPoint = Array.from({ length: 10 }, (_, i) => i).some(
          (i) =>
            twoGroups.values[2 * i] === centres[2 * c] &&
            twoGroups.values[2 * i + 1] === centres[2 * c + 1],
        );
        expect(isPoint).toBe(true);
      }
    }
  });

  it('picks k distinct points when there are k', () => {
    const centres = arr(kmeansPlusPlus(line([3, 7, 100]), 3, createRng(4))).sort((a, b) => a - b);
    expect(centres).toEqual([3, 7, 100]);
  });

  it('seeds 3 features (their own pass) exactly as the general pass does', () => {
    // The same points with a fourth coordinate of 0 go through the general pass; every squared
    // distance is the same bits, so every draw must pick the same point.
    const rng = createRng(7);
    const n = 400;
    const three = new Float64Array(n * 3);
    const four = new Float64Array(n * 4);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 3; j++)
        four[i * 4 + j] = three[i * 3 + j] = (i % 5) * 3 + rng() * 2 - j * rng();
    for (const k of [2, 5, 9])
      for (const seed of [1, 2, 3]) {
        const a = kmeansPlusPlus({ count: n, dims: 3, values: three }, k, createRng(seed));
        const b = kmeansPlusPlus({ count: n, dims: 4, values: four }, k, createRng(seed));
        const bThree = arr(b).filter((_, at) => at % 4 !== 3);
        expect(arr(a), `k ${k}, seed ${seed}`).toEqual(bThree);
      }
  });
});

describe('fitKMeans', () => {
  it('finds two separated groups, centres at their means, inertia about them', () => {
    const fit = fitKMeans(twoGroups, 2, { seed: 3, restarts: 2 });
    expect(fit.k).toBe(2);
    const first = fit.labels[0]!;
    expect(arr(fit.labels)).toEqual(
      [0, 0, 0, 0, 0, 1, 1, 1, 1, 1].map((g) => (g ? 1 - first : first)),
    );
    expect(arr(fit.centroids.subarray(2 * first, 2 * first + 2))).toEqual([0, 0]);
    expect(arr(fit.centroids.subarray(2 * (1 - first), 2 * (1 - first) + 2))).toEqual([10, 10]);
    // Each group: four points at distance 1 from its centre.
    expect(fit.inertia).toBe(8);
    expect(fit.inertia).toBe(inertiaOf(twoGroups, fit.labels, 2));
  });

  it('keeps the best of its restarts: never worse than one start', () => {
    const rng = createRng(11);
    const points: Points = {
      count: 60,
      dims: 2,
      values: Float64Array.from({ length: 120 }, () => rng()),
    };
    const one = fitKMeans(points, 5, { seed: 2, restarts: 1 });
    const ten = fitKMeans(points, 5, { seed: 2, restarts: 10 });
    expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
    expect(ten.inertia).toBeCloseTo(inertiaOf(points, ten.labels, 5), 10);
  });

  it('k = 1: everyone in one cluster at the mean', () => {
    const fit = fitKMeans(line([1, 2, 6]), 1, { restarts: 2 });
    expect(arr(fit.labels)).toEqual([0, 0, 0]);
    expect(arr(fit.centroids)).toEqual([3]);
    expect(fit.inertia).toBe(4 + 1 + 9);
  });

  it('is the same for the same seed, k = n has no inertia, and k above n is refused', () => {
    expect(fitKMeans(twoGroups, 3, { seed: 5 })).toEqual(fitKMeans(twoGroups, 3, { seed: 5 }));
    expect(fitKMeans(line([1, 2, 4]), 3).inertia).toBe(0);
    expect(() => fitKMeans(line([1, 2]), 3)).toThrow(RangeError);
    expect(() => fitKMeans(line([1, 2]), 0)).toThrow(RangeError);
  });
});

describe('a fit made in parts (firstRestart, bestOfParts)', () => {
  /** 400 customers in three features, loose clouds, so starts end in different minima. */
  const points: Points = (() => {
    const rng = createRng(5);
    const values = new Float64Array(400 * 3);
    for (let i = 0; i < values.length; i++) values[i] = ((i / 3) % 5) + 3 * rng();
    return { count: 400, dims: 3, values };
  })();
  const same = (a: KMeansFit, b: KMeansFit) => {
    expect(a.k).toBe(b.k);
    expect(a.inertia).toBe(b.inertia);
    expect(a.iterations).toBe(b.iterations);
    expect(arr(a.labels)).toEqual(arr(b.labels));
    expect(arr(a.centroids)).toEqual(arr(b.centroids));
  };

  it('starts r.. of a fit are the fit making them all from start r on, whatever the k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        (k, seed, first) => {
          // Start r alone, from the parts' seeding, is the best of r.. when it is the only one.
          const whole = fitKMeans(points, k, { seed, restarts: first + 1 });
          const tail = fitKMeans(points, k, { seed, restarts: 1, firstRestart: first });
          if (tail.inertia < fitKMeans(points, k, { seed, restarts: first }).inertia)
            same(tail, whole);
          // And the parts joined are the whole, split anywhere, in two or three.
          const parts = [0, first, first + 2].map((from, i, starts) =>
            fitKMeans(points, k, {
              seed,
              firstRestart: from,
              restarts: (starts[i + 1] ?? first + 4) - from,
            }),
          );
          same(bestOfParts(parts), fitKMeans(points, k, { seed, restarts: first + 4 }));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a start made alone draws the same seeding as in the whole fit', () => {
    // Each of ten starts alone, joined in order, is the fit of ten: the k-means++ draws of start
    // r begin where start r - 1's ended.
    for (const k of [2, 5, 10]) {
      const starts = Array.from({ length: 10 }, (_, r) =>
        fitKMeans(points, k, { seed: 42, firstRestart: r, restarts: 1 }),
      );
      same(bestOfParts(starts), fitKMeans(points, k, { seed: 42, restarts: 10 }));
      // Not all the same start: the parts differ, so the join had something to choose.
      expect(new Set(starts.map((s) => s.inertia)).size).toBeGreaterThan(1);
    }
  });

  it('keeps the earlier part on a tie, as one fit keeps its earlier start', () => {
    const fit = (inertia: number, k = 2): KMeansFit => ({
      k,
      inertia,
      iterations: inertia,
      labels: new Int32Array(0),
      centroids: new Float64Array(0),
    });
    const [a, b, c] = [fit(3), fit(2), fit(2)];
    expect(bestOfParts([a!, b!, c!])).toBe(b);
    expect(bestOfParts([c!, a!])).toBe(c);
    expect(bestOfParts([a!])).toBe(a);
    expect(() => bestOfParts([])).toThrow(RangeError);
  });
});
