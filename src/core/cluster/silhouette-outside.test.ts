/**
 * A labeling with a label outside every cluster (`Labeling.outside`, DBSCAN's noise): in the pass
 * shared with labelings of every point, its points get no silhouette and are nobody's nearest
 * cluster, so it scores as sklearn's silhouette on the other points alone.
 */
import { describe, expect, it } from 'vitest';
import { createRng, randomInt } from '../random.ts';
import type { Points } from '../types.ts';
import {
  type Labeling,
  silhouetteSamples,
  silhouetteScore,
  silhouetteScoresInTwo,
  silhouetteScoresShared,
} from './silhouette.ts';

function cloud(n: number, seed: number): Points {
  const rng = createRng(seed);
  const values = Float64Array.from({ length: n * 3 }, (_, i) => (i % 3) * 0.5 + rng() * 2);
  return { count: n, dims: 3, values };
}

/** The points whose label is not `outside`, and their labels. */
function without(points: Points, labels: Int32Array, outside: number) {
  const kept = Array.from(labels.keys()).filter((i) => labels[i] !== outside);
  return {
    points: {
      count: kept.length,
      dims: 3,
      values: Float64Array.from(kept.flatMap((i) => [...points.values.subarray(i * 3, i * 3 + 3)])),
    },
    labels: Int32Array.from(kept, (i) => labels[i]!),
  };
}

describe('a label outside every cluster', () => {
  const n = 300;
  const points = cloud(n, 5);
  const rng = createRng(9);
  // Three clusters and noise (label 3) on about a fifth of the points, one cluster a singleton.
  const labels = Int32Array.from({ length: n }, () => (rng() < 0.2 ? 3 : randomInt(rng, 2)));
  labels[17] = 2;
  const noisy: Labeling = { labels, k: 4, outside: 3 };
  const plain: Labeling = {
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
    k: 3,
  };
  const alone = without(points, labels, 3);

  it('scores the other points as a silhouette of them alone does', () => {
    const [withPlain, withNoisy] = silhouetteScoresShared(points, [plain, noisy]);
    expect(withNoisy).toBeCloseTo(silhouetteScore(alone.points, alone.labels, 3), 14);
    // The labeling beside it is scored as without it.
    expect(withPlain).toBeCloseTo(silhouetteScore(points, plain.labels, 3), 14);
  });

  it('is not scored as a cluster', () => {
    const shared = silhouetteScoresShared(points, [noisy]);
    const samples = silhouetteSamples(points, labels, 4);
    // Without `outside`, the noise is a cluster: another score.
    expect(Math.abs(shared[0]! - samples.reduce((s, x) => s + x, 0) / n)).toBeGreaterThan(1e-3);
  });

  it('is the same when another thread adds up half of the pairs', async () => {
    const here = silhouetteScoresShared(points, [plain, noisy]);
    const inTwo = await silhouetteScoresInTwo(points, [plain, noisy], () =>
      Promise.reject(new Error('no thread')),
    );
    expect(inTwo).toEqual(here);
  });

  it('needs two clusters besides it, of fewer points than the others', () => {
    const one = Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 1));
    expect(() => silhouetteScoresShared(points, [{ labels: one, k: 2, outside: 1 }])).toThrow(
      /^silhouette needs 2 to n - 1 non-empty clusters; got 1 for 150 points$/,
    );
    // Without one, every point its own cluster is too many, as in sklearn.
    const each = Int32Array.from({ length: n }, (_, i) => i);
    expect(() => silhouetteScoresShared(points, [{ labels: each, k: n }])).toThrow(
      /got 300 for 300 points/,
    );
    // Two points besides the noise, each its own cluster: 2 clusters of 2 points is too many.
    const two = Int32Array.from({ length: n }, (_, i) => (i < 2 ? i : 2));
    expect(() => silhouetteScoresShared(points, [{ labels: two, k: 3, outside: 2 }])).toThrow(
      /got 2 for 2 points/,
    );
  });
});
