/**
 * modelsMetrics: several groupings' metrics at once, the noiseless ones sharing one silhouette
 * pass. Each must be what modelMetrics gives for that grouping alone (to rounding), whatever else
 * is in the batch, including a grouping with noise and one whose sample misses a group.
 */
import { describe, expect, it } from 'vitest';
import { seededSample } from '../cluster/silhouette.ts';
import { EXACT_SILHOUETTE_MAX, SILHOUETTE_SAMPLE_SIZE } from '../cluster/sweep.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { NOISE } from './dbscan.ts';
import { modelMetrics, modelsMetrics } from './models.ts';

function cloud(n: number, seed: number): Points {
  const rng = createRng(seed);
  const values = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const centre = i % 3;
    values[2 * i] = centre * 4 + rng();
    values[2 * i + 1] = (centre === 1 ? 3 : 0) + rng();
  }
  return { count: n, dims: 2, values };
}

/** Each metric of `actual` equal to `expected`'s, the silhouette to 1e-12. */
function expectSameMetrics(
  actual: ReturnType<typeof modelMetrics>,
  expected: ReturnType<typeof modelMetrics>,
) {
  const { silhouette, ...rest } = actual;
  const { silhouette: expectedSilhouette, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  if (expectedSilhouette === null) expect(silhouette).toBeNull();
  else expect(silhouette).toBeCloseTo(expectedSilhouette, 12);
}

describe('modelsMetrics', () => {
  it('three groupings of 300 customers, one with noise: each as modelMetrics alone', () => {
    const points = cloud(300, 7);
    const byCentre = Int32Array.from({ length: 300 }, (_, i) => i % 3);
    const halves = Int32Array.from({ length: 300 }, (_, i) => (points.values[2 * i]! < 5 ? 0 : 1));
    const withNoise = Int32Array.from(byCentre, (g, i) => (i % 10 === 0 ? NOISE : g));
    const groupings = [byCentre, halves, withNoise];
    const together = modelsMetrics(points, groupings, 42);
    expect(together).toHaveLength(3);
    groupings.forEach((labels, at) =>
      expectSameMetrics(together[at]!, modelMetrics(points, labels, 42)),
    );
    // The groupings are told apart: different silhouettes, and the noise counted.
    expect(together[0]!.silhouette).not.toBeCloseTo(together[1]!.silhouette!, 3);
    expect(together[2]!.noiseCount).toBe(30);
    expect(together[0]!.silhouetteSampleSize).toBe(300);
    expect(together[2]!.silhouetteSampleSize).toBe(270);
  });

  it('a grouping with no silhouette (one group) beside others: null for it alone', () => {
    const points = cloud(60, 3);
    const one = new Int32Array(60);
    const byCentre = Int32Array.from({ length: 60 }, (_, i) => i % 3);
    const [single, three] = modelsMetrics(points, [one, byCentre], 42);
    expect(single).toMatchObject({ groups: 1, silhouette: null, calinskiHarabasz: null });
    expectSameMetrics(three!, modelMetrics(points, byCentre, 42));
    expect(three!.silhouette).toBeGreaterThan(0.3);
  });

  it("above the exact limit: a sample that misses one grouping's small group spares the others", () => {
    const n = EXACT_SILHOUETTE_MAX + 1;
    const points = cloud(n, 11);
    const { picked } = seededSample(points, SILHOUETTE_SAMPLE_SIZE, 42);
    const inSample = new Uint8Array(n);
    for (const p of picked) inSample[p] = 1;
    const missed = inSample.indexOf(0);
    // One customer alone in group 1: the sample holds group 0 only, so no silhouette.
    const loner = Int32Array.from({ length: n }, (_, i) => (i === missed ? 1 : 0));
    const byCentre = Int32Array.from({ length: n }, (_, i) => i % 3);
    const [alone, three] = modelsMetrics(points, [loner, byCentre], 42);
    expect(alone).toMatchObject({ groups: 2, silhouette: null, silhouetteSampleSize: 0 });
    expect(alone!.calinskiHarabasz).not.toBeNull();
    expectSameMetrics(three!, modelMetrics(points, byCentre, 42));
    expect(three!.silhouetteSampleSize).toBe(SILHOUETTE_SAMPLE_SIZE);
  });
});
