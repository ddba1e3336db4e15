/**
 * dbscan and kDistances at their edges, by hand: refused settings named, no customers, no
 * features, sizes and shares, the k-th distance of every rank of a small set, and a sample.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { dbscan, kDistances, NOISE } from './dbscan.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: readonly number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

describe('dbscan at its edges', () => {
  it('two runs and a lone customer: sizes, noise count and share, core points', () => {
    const result = dbscan(line([0, 1, 2, 10, 11, 12, 13, 30]), 1.5, 3);
    expect(arr(result.labels)).toEqual([0, 0, 0, 1, 1, 1, 1, NOISE]);
    expect(result.clusters).toBe(2);
    expect(result.sizes).toEqual([3, 4]);
    expect(result.noiseCount).toBe(1);
    expect(result.noiseShare).toBe(1 / 8);
    // 0 and 2 have two neighbours each (themselves and 1): border points, not core.
    expect(arr(result.core)).toEqual([0, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('negative coordinates fall in the right grid cells', () => {
    const result = dbscan(line([-3.2, -2.9, -2.6, 2.6, 2.9, 3.2]), 0.5, 2);
    expect(arr(result.labels)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('no customers: no groups and a noise share of 0; no features: everyone together', () => {
    const none = dbscan({ count: 0, dims: 2, values: new Float64Array(0) }, 1, 2);
    expect(none).toMatchObject({ clusters: 0, sizes: [], noiseCount: 0, noiseShare: 0 });
    const featureless = dbscan({ count: 3, dims: 0, values: new Float64Array(0) }, 1, 3);
    expect(arr(featureless.labels)).toEqual([0, 0, 0]);
  });

  it('refuses eps of 0 or NaN and min_samples that is not a positive whole number, by name', () => {
    const points = line([0, 1]);
    expect(() => dbscan(points, 0, 2)).toThrow('eps must be > 0, got 0');
    expect(() => dbscan(points, Number.NaN, 2)).toThrow(RangeError);
    expect(() => dbscan(points, 1, 0)).toThrow('minSamples must be a positive integer, got 0');
    expect(() => dbscan(points, 1, 1.5)).toThrow(RangeError);
    // min_samples 1: every customer is a core point of its own.
    expect(dbscan(line([0, 10]), 1, 1).clusters).toBe(2);
  });
});

describe('kDistances', () => {
  it('every rank k of eight customers equals sorting each row', () => {
    const xs = [5, -1, 3.5, 8, 0, 0, 12, 2];
    const points = line(xs);
    for (let k = 1; k <= 7; k++) {
      const expected = xs
        .map((x, i) => {
          const row = xs.filter((_, j) => j !== i).map((y) => Math.abs(x - y));
          return row.sort((a, b) => a - b)[k - 1]!;
        })
        .sort((a, b) => a - b);
      expect(arr(kDistances(points, k))).toEqual(expected);
    }
  });

  it('above the sample size a seeded sample of customers, the same for the same seed', () => {
    const rng = createRng(4);
    const points = line(Array.from({ length: 30 }, () => rng() * 10));
    const a = kDistances(points, 2, 10, 3);
    expect(a.length).toBe(10);
    expect(arr(kDistances(points, 2, 10, 3))).toEqual(arr(a));
    expect(arr(kDistances(points, 2, 10, 4))).not.toEqual(arr(a));
    // Every sampled value is one of the full curve's.
    const full = new Set(kDistances(points, 2, 30));
    for (const x of a) expect(full.has(x)).toBe(true);
    // The default seed is 42; exactly the sample size takes everyone.
    expect(arr(kDistances(points, 2, 10))).toEqual(arr(kDistances(points, 2, 10, 42)));
    expect(kDistances(points, 2, 30).length).toBe(30);
  });

  it('refuses k outside 1..n - 1, naming the range', () => {
    expect(() => kDistances(line([1, 2, 3]), 0)).toThrow('k must be 1..2, got 0');
    expect(() => kDistances(line([1, 2, 3]), 3)).toThrow(RangeError);
    expect(() => kDistances(line([1, 2, 3]), 1.5)).toThrow(RangeError);
    expect(arr(kDistances(line([1, 2, 4]), 2))).toEqual([2, 3, 3]);
  });
});
