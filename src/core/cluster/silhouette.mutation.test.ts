/**
 * The sampled silhouette (silhouetteScoresSampled, seededSample) on small hand-made points: the
 * sample itself, the silhouette of the sampled points against a literal formula, and the checks.
 * metrics.reference.test.ts runs it on the 4,334 reference customers; this file is fast enough
 * for a mutation run.
 */
import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { seededSample, silhouetteScoresSampled, silhouetteScoresShared } from './silhouette.ts';

const line = (xs: number[]): Points => ({ count: xs.length, dims: 1, values: Float64Array.from(xs) }); // prettier-ignore
const ints = (xs: number[]) => Int32Array.from(xs);

/** Mean silhouette of 1-D points, literally: a = mean distance to the own cluster's others, b = nearest other cluster's mean. */
function literal(xs: number[], labels: number[]): number {
  const clusters = [...new Set(labels)];
  const scores = xs.map((x, i) => {
    const mean = (c: number, skipSelf: boolean) => {
      const ds = xs.filter((_, j) => labels[j] === c && !(skipSelf && j === i)).map((y) => Math.abs(x - y)); // prettier-ignore
      return ds.reduce((s, d) => s + d, 0) / ds.length;
    };
    if (labels.filter((l) => l === labels[i]).length === 1) return 0;
    const a = mean(labels[i]!, true);
    const b = Math.min(...clusters.filter((c) => c !== labels[i]).map((c) => mean(c, false)));
    return (b - a) / Math.max(a, b);
  });
  return scores.reduce((s, v) => s + v, 0) / scores.length;
}

describe('seededSample', () => {
  it('draws `size` distinct points in index order, with their rows, the same for a seed', () => {
    const points: Points = { count: 8, dims: 2, values: Float64Array.from({ length: 16 }, (_, i) => i * 10) }; // prettier-ignore
    const { picked, sample } = seededSample(points, 5, 3);
    expect(picked.length).toBe(5);
    expect(new Set(picked).size).toBe(5);
    expect(Array.from(picked)).toEqual(Array.from(picked).sort((a, b) => a - b));
    expect(picked.every((p) => p >= 0 && p < 8)).toBe(true);
    expect([sample.count, sample.dims]).toEqual([5, 2]);
    expect(Array.from(sample.values)).toEqual(Array.from(picked).flatMap((p) => [p * 20, p * 20 + 10])); // prettier-ignore
    expect(Array.from(seededSample(points, 5, 3).picked)).toEqual(Array.from(picked));
    // Over a few seeds the draws differ (a seed picks its own sample).
    const draws = new Set(
      [1, 2, 3, 4, 5].map((seed) => Array.from(seededSample(points, 5, seed).picked).join()),
    );
    expect(draws.size).toBeGreaterThan(1);
  });

  it('a size of n or more takes every point once', () => {
    const points = line([4, 3, 2]);
    for (const size of [3, 10]) {
      const { picked, sample } = seededSample(points, size, 1);
      expect(Array.from(picked)).toEqual([0, 1, 2]);
      expect(Array.from(sample.values)).toEqual([4, 3, 2]);
      expect(sample.count).toBe(3);
    }
  });
});

describe('silhouetteScoresSampled', () => {
  // Three clusters on a line: 0, 1, 2 | 10, 11, 13 | 30, 31, 33, 34.
  const xs = [0, 1, 2, 10, 11, 13, 30, 31, 33, 34];
  const three = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
  const two = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];

  it('is the silhouette of the sampled points only, the same sample for every labeling', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { picked } = seededSample(line(xs), 7, seed);
      const sub = (values: number[]) => Array.from(picked, (p) => values[p]!);
      const scores = silhouetteScoresSampled(line(xs), [{ labels: ints(three), k: 3 }, { labels: ints(two), k: 2 }], 7, seed); // prettier-ignore
      expect(scores[0]).toBeCloseTo(literal(sub(xs), sub(three)), 14);
      expect(scores[1]).toBeCloseTo(literal(sub(xs), sub(two)), 14);
    }
  });

  it('a cluster the sample misses does not count; a sample of n or more is the exact silhouette', () => {
    // Cluster 1 holds only point 9: whenever the sample leaves it out, two clusters remain.
    const labels = [0, 0, 0, 2, 2, 2, 2, 2, 2, 1];
    let missed = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { picked } = seededSample(line(xs), 6, seed);
      if (picked.includes(9)) continue;
      missed++;
      const sub = (values: number[]) => Array.from(picked, (p) => values[p]!);
      const [score] = silhouetteScoresSampled(line(xs), [{ labels: ints(labels), k: 3 }], 6, seed);
      expect(score).toBeCloseTo(literal(sub(xs), sub(labels)), 14);
    }
    expect(missed).toBeGreaterThan(0);
    const exact = silhouetteScoresShared(line(xs), [{ labels: ints(three), k: 3 }]);
    for (const size of [10, 11])
      expect(silhouetteScoresSampled(line(xs), [{ labels: ints(three), k: 3 }], size, 5)).toEqual(exact); // prettier-ignore
    expect(exact[0]).toBeCloseTo(literal(xs, three), 14);
  });

  it('refuses a sample size that is not a positive integer, and labels outside 0..k - 1', () => {
    const labelings = [{ labels: ints(three), k: 3 }];
    for (const size of [0, -1, 2.5, Number.NaN])
      expect(() => silhouetteScoresSampled(line(xs), labelings, size, 1)).toThrow(`sampleSize must be a positive integer, got ${size}`); // prettier-ignore
    // Checked on all points before sampling, so a bad label the sample would miss still throws.
    const bad = [{ labels: ints([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]), k: 3 }];
    expect(() => silhouetteScoresSampled(line(xs), bad, 2, 1)).toThrow(/label 3 of point 9 is outside 0..2/); // prettier-ignore
  });
});
