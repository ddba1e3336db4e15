/**
 * The bound-based Lloyd (lloyd.ts) and Hartigan (hartigan.ts) against plain versions: the
 * bounds only skip work, so results must be the same bit for bit. Lloyd is compared with
 * ml-kmeans itself, whose iterations the app used before; Hartigan with the plain pass written
 * out below (every point measured against every centroid). The data sets are made to be hard
 * for bounds: duplicate points, points on a grid (exact ties between centres), one cluster of
 * far-off points, 1 to 7 dimensions.
 */
import { kmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { createRng, randomInt } from '../random.ts';
import type { Points } from '../types.ts';
import { refineHartigan } from './hartigan.ts';
import { assignToCentroids, kmeansPlusPlus } from './kmeans.ts';
import { lloyd } from './lloyd.ts';

function dataSet(seed: number, count: number, dims: number): Points {
  const rng = createRng(seed);
  const values = new Float64Array(count * dims);
  for (let i = 0; i < count; i++)
    for (let j = 0; j < dims; j++) {
      const kind = seed % 3;
      // 0: a continuous cloud with a few far-off points; 1: a small integer grid (many exact
      // ties and duplicates); 2: resampled with replacement from a cloud (duplicates).
      values[i * dims + j] =
        kind === 0
          ? (rng() - 0.5) * (i % 50 === 0 ? 40 : 4)
          : kind === 1
            ? randomInt(rng, 4)
            : Math.round((rng() - 0.5) * 60) / 10;
    }
  return { count, dims, values };
}

const CASES = [
  { seed: 1, count: 300, dims: 3 },
  { seed: 2, count: 200, dims: 2 },
  { seed: 3, count: 400, dims: 5 },
  { seed: 4, count: 150, dims: 3 },
  { seed: 5, count: 250, dims: 1 },
  { seed: 6, count: 120, dims: 7 },
  { seed: 8, count: 500, dims: 3 },
];

const rowsOf = (values: Float64Array, count: number, dims: number) =>
  Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * dims, (i + 1) * dims)));

describe('lloyd', () => {
  it('gives ml-kmeans’ centres, iteration count and final labels, bit for bit', () => {
    let compared = 0;
    for (const { seed, count, dims } of CASES) {
      const points = dataSet(seed, count, dims);
      const rows = rowsOf(points.values, count, dims);
      for (const k of [1, 2, 3, 5, 8]) {
        const rng = createRng(seed * 100 + k);
        for (const tolerance of [1e-4, 0]) {
          const init = kmeansPlusPlus(points, k, rng);
          const expected = kmeans(rows, k, {
            initialization: rowsOf(init, k, dims),
            maxIterations: 300,
            tolerance,
          });
          const expectedLabels = new Int32Array(count);
          const centroids = Float64Array.from(expected.centroids.flat());
          assignToCentroids(points, centroids, k, expectedLabels);

          const labels = new Int32Array(count);
          const run = lloyd(points, init, k, 300, tolerance, labels);
          const at = `seed ${seed}, k ${k}, tol ${tolerance}`;
          expect(Array.from(run.centroids), at).toEqual(Array.from(centroids));
          expect(run.iterations, at).toBe(expected.iterations);
          expect(Array.from(labels), at).toEqual(Array.from(expectedLabels));
          compared++;
        }
      }
    }
    expect(compared).toBe(CASES.length * 10);
  });

  it('stops after maxIterations, and leaves the starting centres alone', () => {
    const points = dataSet(1, 300, 3);
    const init = kmeansPlusPlus(points, 6, createRng(3));
    const before = init.slice();
    const labels = new Int32Array(300);
    expect(lloyd(points, init, 6, 2, 0, labels).iterations).toBe(2);
    expect(init).toEqual(before);
  });
});

/** Hartigan's pass without bounds: the definition the bounded one must reproduce. */
function plainHartigan(points: Points, labels: Int32Array, k: number, maxPasses = 20) {
  const { count: n, dims: d, values } = points;
  const sizes = new Float64Array(k);
  const c = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    sizes[labels[i]!]!++;
    for (let j = 0; j < d; j++) c[labels[i]! * d + j]! += values[i * d + j]!;
  }
  for (let a = 0; a < k; a++) for (let j = 0; j < d; j++) c[a * d + j]! /= Math.max(1, sizes[a]!);
  const sq = (i: number, a: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (values[i * d + j]! - c[a * d + j]!) ** 2;
    return s;
  };
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      const na = sizes[a]!;
      if (na <= 1) continue;
      let bestCost = (na / (na - 1)) * sq(i, a);
      let best = -1;
      for (let b = 0; b < k; b++) {
        const cost = b === a ? Infinity : (sizes[b]! / (sizes[b]! + 1)) * sq(i, b);
        if (cost < bestCost * (1 - 1e-12)) [bestCost, best] = [cost, b];
      }
      if (best < 0) continue;
      const nb = sizes[best]!;
      for (let j = 0; j < d; j++) {
        const x = values[i * d + j]!;
        c[a * d + j] = (c[a * d + j]! * na - x) / (na - 1);
        c[best * d + j] = (c[best * d + j]! * nb + x) / (nb + 1);
      }
      sizes[a] = na - 1;
      sizes[best] = nb + 1;
      labels[i] = best;
      moved = true;
    }
    if (!moved) break;
  }
  return c;
}

describe('refineHartigan', () => {
  it('moves the same points to the same clusters as the plain pass, bit for bit', () => {
    let moves = 0;
    for (const { seed, count, dims } of CASES) {
      const points = dataSet(seed, count, dims);
      for (const k of [2, 3, 5, 8]) {
        const rng = createRng(seed * 7 + k);
        // From a Lloyd result (as fitKMeans does) and from a poor start (many moves).
        const fromLloyd = new Int32Array(count);
        lloyd(points, kmeansPlusPlus(points, k, rng), k, 300, 1e-4, fromLloyd);
        const poor = Int32Array.from({ length: count }, () => randomInt(rng, k));
        for (const start of [fromLloyd, poor]) {
          const expected = start.slice();
          const centroids = plainHartigan(points, expected, k);
          const labels = start.slice();
          const at = `seed ${seed}, k ${k}`;
          expect(Array.from(refineHartigan(points, labels, k)), at).toEqual(Array.from(centroids));
          expect(Array.from(labels), at).toEqual(Array.from(expected));
          for (let i = 0; i < count; i++) if (labels[i] !== start[i]) moves++;
        }
      }
    }
    // The cases do exercise moves, not only the skipping.
    expect(moves).toBeGreaterThan(1000);
  });
});
