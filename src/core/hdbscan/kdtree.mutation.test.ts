/**
 * The k-d tree's shape, stated by hand. Core distances come out the same from any tree whose boxes
 * are right (even a single leaf: a brute-force scan), so the answers alone cannot show a tree
 * that splits the wrong dimension, stops splitting, or never splits: only its shape can, and its
 * shape is what keeps HDBSCAN on 20,000 customers at O(n log n).
 */
import { describe, expect, it } from 'vitest';
import { buildKdTree, coreDistancesSquared } from './kdtree.ts';

/** Points (x, y) row-major. */
const flat = (points: [number, number][]) => Float64Array.from(points.flat());

describe('buildKdTree', () => {
  it('splits the widest dimension at its median until at most 16 points are left', () => {
    // 40 points: x from 0 to 39 (scrambled), y only 0..3. x is the widest at every level.
    const xs = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    const points = flat(xs.map((x) => [x, x % 4]));
    const tree = buildKdTree(points, 40, 2);
    // Root, two children of 20, four leaves of 10.
    expect(tree.count).toBe(7);
    expect(tree.splitDim[0]).toBe(0);
    expect(tree.splitValue[0]).toBe(20);
    const [left, right] = [tree.left[0]!, tree.right[0]!];
    expect([tree.start[left], tree.end[left], tree.start[right], tree.end[right]]).toEqual([
      0, 20, 20, 40,
    ]);
    const xOf = (node: number) =>
      Array.from(tree.order.subarray(tree.start[node]!, tree.end[node]!), (p) => points[p * 2]!);
    expect(xOf(left).every((x) => x < 20)).toBe(true);
    expect(xOf(right).every((x) => x >= 20)).toBe(true);
    expect([tree.splitDim[left], tree.splitValue[left]]).toEqual([0, 10]);
    expect([tree.splitDim[right], tree.splitValue[right]]).toEqual([0, 30]);
    const leaves = Array.from({ length: tree.count }, (_, node) => node).filter(
      (node) => tree.splitDim[node] === -1,
    );
    expect(leaves.map((node) => tree.end[node]! - tree.start[node]!)).toEqual([10, 10, 10, 10]);
    // Every point once.
    expect(Array.from(tree.order).sort((a, b) => a - b)).toEqual(xs.map((_, i) => i));
  });

  it('splits y when y is the wider', () => {
    const points = flat(Array.from({ length: 17 }, (_, i) => [i % 2, 100 - i * 3]));
    const tree = buildKdTree(points, 17, 2);
    expect(tree.count).toBe(3);
    expect(tree.splitDim[0]).toBe(1);
    // y ascending is 52, 55, ..., 100: the median, index 8 of 17, is 52 + 8 * 3.
    expect(tree.splitValue[0]).toBe(76);
    expect([tree.end[tree.left[0]!], tree.start[tree.right[0]!]]).toEqual([8, 8]);
  });

  it('16 points are one leaf, 17 are split; copies are one leaf however many', () => {
    const line = (n: number) => Float64Array.from({ length: n }, (_, i) => i);
    expect(buildKdTree(line(16), 16, 1).count).toBe(1);
    expect(buildKdTree(line(17), 17, 1).count).toBe(3);
    const copies = buildKdTree(new Float64Array(100).fill(2.5), 100, 1);
    expect(copies.count).toBe(1);
    expect(copies.splitDim[0]).toBe(-1);
    expect([copies.start[0], copies.end[0]]).toEqual([0, 100]);
  });

  it('has room for every node of large trees', () => {
    for (const n of [17, 33, 1000, 4097]) {
      const points = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
      const tree = buildKdTree(points, n, 1);
      expect(tree.count).toBeLessThanOrEqual(tree.start.length);
      for (let node = 0; node < tree.count; node++)
        if (tree.splitDim[node] === -1)
          expect(tree.end[node]! - tree.start[node]!).toBeLessThanOrEqual(16);
    }
  });
});

describe('coreDistancesSquared at the heap’s edges', () => {
  it('k = 1 is the point itself; equal distances count once each', () => {
    // On a line 0, 1, 2, 3, 5: the 2nd nearest of 2 is 1 away (1 and 3 tie), the 3rd also 1.
    const points = Float64Array.of(0, 1, 2, 3, 5);
    expect(Array.from(coreDistancesSquared(points, 5, 1, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(coreDistancesSquared(points, 5, 1, 2))).toEqual([1, 1, 1, 1, 4]);
    expect(Array.from(coreDistancesSquared(points, 5, 1, 3))).toEqual([4, 1, 1, 4, 9]);
    expect(Array.from(coreDistancesSquared(points, 5, 1, 5))).toEqual([25, 16, 9, 9, 25]);
  });

  it('names the allowed range when k is outside it', () => {
    expect(() => coreDistancesSquared(Float64Array.of(1, 2), 2, 1, 3)).toThrow(
      'k must be in 1..2, got 3',
    );
  });
});
