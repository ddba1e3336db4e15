/**
 * The k-d tree Prim's (mst.ts) against plain O(n^2) Prim's written out (prim-reference.testing.ts): the same edges in
 * the same order with the same weights, bit for bit, on inputs full of ties (points on a small
 * integer grid, copies of points), since the order of equal edges decides how ties are broken in
 * the hierarchy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreDistancesSquared } from './kdtree.ts';
import { kdPrimTree, mutualReachabilityTree } from './mst.ts';
import { plainPrimTree } from './prim-plain.ts';
import { plainPrim } from './prim-reference.testing.ts';

/** Each way of building the tree, beside the plain Prim's written out. */
function both(points: Float64Array, n: number, d: number, k: number) {
  const core = coreDistancesSquared(points, n, d, k);
  const plain = plainPrim(points, n, d, core);
  const kd = kdPrimTree(points, n, d, core);
  expect(plainPrimTree(points, n, d, core)).toEqual(plain);
  expect(kd).toEqual(plain);
  return { fast: mutualReachabilityTree(points, n, d, core), plain };
}

describe('mutualReachabilityTree', () => {
  it('gives plain Prim’s edges, order and weights on grid points with many ties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 160 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, d, grid, seed) => {
          let state = seed;
          const next = () => {
            state = (Math.imul(state, 48271) >>> 0) % 2147483647;
            return state / 2147483647;
          };
          const points = Float64Array.from({ length: n * d }, () => Math.floor(next() * grid));
          const k = 1 + Math.floor(next() * Math.min(n, 8));
          const { fast, plain } = both(points, n, d, k);
          expect(Array.from(fast.from)).toEqual(Array.from(plain.from));
          expect(Array.from(fast.to)).toEqual(Array.from(plain.to));
          expect(Array.from(fast.weight)).toEqual(Array.from(plain.weight));
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it('gives plain Prim’s tree on spread-out points larger than a k-d leaf', () => {
    const n = 700;
    const d = 3;
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 48271) >>> 0) % 2147483647;
      return state / 2147483647;
    };
    // Three blobs of different spread, and a tenth of the points copied.
    const points = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < d; t++)
        points[i * d + t] =
          i % 10 === 9 ? points[(i - 1) * d + t]! : (i % 3) * 5 + next() * (1 + (i % 3));
    const { fast, plain } = both(points, n, d, 15);
    expect(fast).toEqual(plain);
  });

  it('falls back to plain Prim’s when the k-d tree skips little, with progress never going back', () => {
    const n = 400;
    const d = 2;
    const points = Float64Array.from({ length: n * d }, (_, i) => ((i * 7919) % 101) / 10);
    // min_samples near n: every core distance spans the data, every edge ties with one.
    const core = coreDistancesSquared(points, n, d, 350);
    expect(kdPrimTree(points, n, d, core, undefined, (n * n) / 4)).toBeNull();
    const steps: number[] = [];
    const tree = mutualReachabilityTree(points, n, d, core, (done) => steps.push(done));
    expect(tree).toEqual(plainPrim(points, n, d, core));
    expect(steps.every((s, i) => i === 0 || s >= steps[i - 1]!)).toBe(true);
    expect(steps.at(-1)).toBeGreaterThan(n * 0.9);
  });

  it('joins two points with one edge of their mutual reachability', () => {
    const tree = mutualReachabilityTree(Float64Array.of(0, 0, 3, 4), 2, 2, Float64Array.of(1, 36));
    expect(Array.from(tree.from)).toEqual([0]);
    expect(Array.from(tree.to)).toEqual([1]);
    // max(dist 5, core 1, core 6) = 6
    expect(Array.from(tree.weight)).toEqual([6]);
  });

  it('has no edge for one point', () => {
    expect(mutualReachabilityTree(Float64Array.of(1), 1, 1, Float64Array.of(0)).to).toHaveLength(0);
  });
});
