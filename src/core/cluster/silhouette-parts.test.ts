/**
 * The silhouette's pass over the pairs in two parts (silhouette.ts): the split halves the pairs,
 * another thread's part gives the same numbers to the last bit, and a part that fails or comes
 * back wrong is added up here instead.
 */
import { describe, expect, it } from 'vitest';
import { createRng, randomInt } from '../random.ts';
import type { Points } from '../types.ts';
import {
  type Labeling,
  silhouettePartSums,
  silhouetteScoresInTwo,
  silhouetteScoresShared,
  splitPosition,
} from './silhouette.ts';

/** Pairs (p, q > p) whose first position is before `position`, of n points. */
const pairsBefore = (n: number, position: number) => {
  let pairs = 0;
  for (let p = 0; p < position; p++) pairs += n - 1 - p;
  return pairs;
};

describe('splitPosition', () => {
  it.each([2, 3, 10, 11, 100, 4338])(
    'is the first position with half of %i points’ pairs before it',
    (n) => {
      const position = splitPosition(n);
      const half = (n * (n - 1)) / 4;
      expect(pairsBefore(n, position)).toBeGreaterThanOrEqual(half);
      expect(pairsBefore(n, position - 1)).toBeLessThan(half);
    },
  );

  it('is about 0.29 n: the early positions have the most pairs', () => {
    expect(splitPosition(10_000) / 10_000).toBeCloseTo(1 - Math.SQRT1_2, 3);
  });
});

function customers(n: number, dims: number, seed: number) {
  const rng = createRng(seed);
  const points: Points = { count: n, dims, values: Float64Array.from({ length: n * dims }, rng) };
  const labelings: Labeling[] = [2, 3, 5, 8].map((k) => ({
    labels: Int32Array.from({ length: n }, () => randomInt(rng, k)),
    k,
  }));
  return { points, labelings };
}

describe('silhouetteScoresInTwo', () => {
  it.each([3, 5, 7])(
    'gives silhouetteScoresShared to the last bit with the other part from elsewhere (%i-D)',
    async (dims) => {
      const { points, labelings } = customers(257, dims, dims);
      let asked = 0;
      const scores = await silhouetteScoresInTwo(points, labelings, (p, l) => {
        asked++;
        return Promise.resolve(silhouettePartSums(p, l, 1));
      });
      expect(asked).toBe(1);
      expect(scores).toEqual(silhouetteScoresShared(points, labelings));
    },
  );

  it('uses the other part: sums of nothing from it change the scores', async () => {
    const { points, labelings } = customers(120, 3, 1);
    const K = labelings.reduce((sum, { k }) => sum + k, 0);
    const scores = await silhouetteScoresInTwo(points, labelings, () =>
      Promise.resolve(new Float64Array(points.count * K)),
    );
    expect(scores).not.toEqual(silhouetteScoresShared(points, labelings));
  });

  it('adds up the other part here when it fails, throws or comes back the wrong size', async () => {
    const { points, labelings } = customers(120, 3, 2);
    const expected = silhouetteScoresShared(points, labelings);
    const failed = await silhouetteScoresInTwo(points, labelings, () =>
      Promise.reject(new Error('thread gone')),
    );
    expect(failed).toEqual(expected);
    const short = await silhouetteScoresInTwo(points, labelings, () =>
      Promise.resolve(new Float64Array(3)),
    );
    expect(short).toEqual(expected);
    const thrown = await silhouetteScoresInTwo(points, labelings, () => {
      throw new Error('no thread');
    });
    expect(thrown).toEqual(expected);
  });

  it('the parts together are every pair once, by hand', () => {
    // Points at 0 (cluster 0), 3 and 4 (cluster 1). The split is at position 1: part 0 has the
    // pairs of point 0 (3 and 4), part 1 the pair of 3 and 4 (1). Sums per point x cluster.
    const points: Points = { count: 3, dims: 1, values: Float64Array.from([0, 3, 4]) };
    const labelings = [{ labels: Int32Array.from([0, 1, 1]), k: 2 }];
    expect(splitPosition(3)).toBe(1);
    expect(Array.from(silhouettePartSums(points, labelings, 0))).toEqual([0, 7, 3, 0, 4, 0]);
    expect(Array.from(silhouettePartSums(points, labelings, 1))).toEqual([0, 0, 0, 1, 0, 1]);
  });

  it('has nothing to add up for no labelings', async () => {
    const { points } = customers(10, 2, 3);
    let asked = 0;
    const none = await silhouetteScoresInTwo(points, [], () => {
      asked++;
      return Promise.resolve(new Float64Array(0));
    });
    expect(none).toEqual([]);
    expect(asked).toBe(0);
  });
});
