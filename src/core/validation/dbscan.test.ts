import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { dbscan, kDistances, NOISE } from './dbscan.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

describe('by hand', () => {
  it('1-D: two dense runs, a border point and a lone customer', () => {
    // eps 1, minSamples 3. Within 1: 0 has {0, 1}, 1 has {0, 1, 2}, 2 has {1, 2, 3}, 3 has
    // {2, 3}; 10 {10, 11}, 11 {10, 11, 12}, 12 {11, 12}; 20 only itself. Core: 1, 2 and 11.
    // Cluster 0 = core 1 and 2 with borders 0 and 3; cluster 1 = core 11 with 10, 12; 20 noise.
    const result = dbscan(line([0, 1, 2, 3, 10, 11, 12, 20]), 1, 3);
    expect(arr(result.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, NOISE]);
    expect(arr(result.core)).toEqual([0, 1, 1, 0, 0, 1, 0, 0]);
    expect(result.clusters).toBe(2);
    expect(result.sizes).toEqual([4, 3]);
    expect(result.noiseCount).toBe(1);
    expect(result.noiseShare).toBe(1 / 8);
  });

  it('distance exactly eps counts as a neighbour (<=), and minSamples counts the point itself', () => {
    expect(arr(dbscan(line([0, 1]), 1, 2).labels)).toEqual([0, 0]);
    expect(arr(dbscan(line([0, 1.0000001]), 1, 2).labels)).toEqual([NOISE, NOISE]);
    // minSamples 1: everyone is core; isolated customers are clusters of one.
    expect(arr(dbscan(line([0, 5, 10]), 1, 1).labels)).toEqual([0, 1, 2]);
  });

  it('a border point reachable from two clusters joins the first (lowest-index core)', () => {
    // eps 1.5, minSamples 4. Runs 0..2 and 5..7 in steps of 0.5: every run point has >= 4
    // within 1.5 (0 has 0, 0.5, 1, 1.5). 3.5 has only 2, 3.5 and 5 (each exactly 1.5 away): not
    // core, and within reach of both runs.
    const xs = [0, 0.5, 1, 1.5, 2, 3.5, 5, 5.5, 6, 6.5, 7];
    const result = dbscan(line(xs), 1.5, 4);
    expect(arr(result.core)).toEqual(xs.map((x) => (x === 3.5 ? 0 : 1)));
    expect(arr(result.labels)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(result.sizes).toEqual([6, 5]);
    // Listed the other way round, the right-hand run is cluster 0 and takes the border point.
    const flipped = dbscan(line([...xs].reverse()), 1.5, 4);
    expect(arr(flipped.labels)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('2-D grid queries agree with brute force on random data (7 dims take the brute path)', () => {
    const rng = createRng(9);
    for (const dims of [2, 3, 7]) {
      const n = 400;
      const values = Float64Array.from({ length: n * dims }, () => rng() * 10 - 5);
      const points = { count: n, dims, values };
      const eps = dims === 2 ? 0.6 : dims === 3 ? 1.2 : 4;
      const result = dbscan(points, eps, 4);
      // Brute-force core flags.
      const core = Array.from({ length: n }, (_, i) => {
        let count = 0;
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let t = 0; t < dims; t++) s += (values[i * dims + t]! - values[j * dims + t]!) ** 2;
          if (s <= eps * eps) count++;
        }
        return count >= 4 ? 1 : 0;
      });
      expect(arr(result.core)).toEqual(core);
      expect(result.clusters).toBeGreaterThan(0);
      // Every core point is in a cluster; noise points are never core.
      result.labels.forEach((label, i) => {
        if (core[i]) expect(label).not.toBe(NOISE);
      });
    }
  });

  it('numbered grid cells, named ones (a grid too fine to number) and brute force agree', () => {
    const rng = createRng(21);
    // Zeros added up to 7 dimensions change no distance and take the brute-force path.
    const padded = ({ count, dims, values }: Points): Points => ({
      count,
      dims: 7,
      values: Float64Array.from({ length: count * 7 }, (_, x) =>
        x % 7 < dims ? values[Math.floor(x / 7) * dims + (x % 7)]! : 0,
      ),
    });
    for (const [dims, far] of [
      [3, 0],
      [6, 0],
      // One customer 10^9 away in every dimension: 6 of about 10^9 cells each pass 2^53 (named
      // cells).
      [6, 1e9],
    ] as const) {
      const n = 300;
      const values = Float64Array.from({ length: n * dims }, () => Math.round(rng() * 8) / 4);
      values.fill(far, 0, dims);
      const points = { count: n, dims, values };
      const eps = dims === 3 ? 0.3 : 0.6;
      const grid = dbscan(points, eps, 4);
      const brute = dbscan(padded(points), eps, 4);
      expect(grid.clusters, `${dims} dims`).toBeGreaterThan(1);
      expect(grid.noiseCount, `${dims} dims`).toBeGreaterThan(0);
      expect(arr(grid.labels)).toEqual(arr(brute.labels));
      expect(arr(grid.core)).toEqual(arr(brute.core));
    }
  });

  it('k-distance curve: distance to the k-th nearest other customer, sorted', () => {
    // 0, 1, 3, 7: nearest others 1, 1, 2, 4; second nearest 3, 2, 3, 6.
    expect(arr(kDistances(line([0, 1, 3, 7]), 1))).toEqual([1, 1, 2, 4]);
    expect(arr(kDistances(line([0, 1, 3, 7]), 2))).toEqual([2, 3, 3, 6]);
    expect(arr(kDistances(line([3, 3, 3, 3]), 3))).toEqual([0, 0, 0, 0]);
    // A sample of 50 of 300 customers: 50 values, sorted, each an order statistic of the full set.
    const rng = createRng(4);
    const points = line(Array.from({ length: 300 }, () => rng() * 100));
    const sampled = kDistances(points, 4, 50, 1);
    expect(sampled.length).toBe(50);
    expect(arr(sampled)).toEqual(arr(sampled).sort((a, b) => a - b));
    expect(() => kDistances(line([1, 2]), 2)).toThrow(RangeError);
  });

  it.each([
    [3, 1],
    [3, 5],
    [3, 64],
    [3, 65],
    [5, 9],
    [1, 2],
  ])(
    'k-distance curve in %i dimensions, k = %i: each the k-th of the sorted distances, bit for bit',
    (dims, k) => {
      const rng = createRng(dims * 100 + k);
      // Coordinates on a coarse grid, so many distances tie.
      const count = 150;
      const values = Float64Array.from({ length: count * dims }, () => Math.floor(rng() * 6) / 2);
      const points: Points = { count, dims, values };
      const expected = Array.from({ length: count }, (_, i) => {
        const distances: number[] = [];
        for (let j = 0; j < count; j++) {
          if (j === i) continue;
          let s = 0;
          for (let t = 0; t < dims; t++) {
            const diff = values[i * dims + t]! - values[j * dims + t]!;
            s += diff * diff;
          }
          distances.push(s);
        }
        return Math.sqrt(distances.sort((a, b) => a - b)[k - 1]!);
      }).sort((a, b) => a - b);
      expect(arr(kDistances(points, k, count))).toEqual(expected);
    },
  );
});
