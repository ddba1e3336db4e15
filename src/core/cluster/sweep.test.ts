import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { countDistinctPoints, elbowK, feasibleKs, sizesLargestFirst } from './sweep.ts';

/** A sweep's inertia curve from k0 on. */
const curve = (k0: number, inertias: number[]) =>
  inertias.map((inertia, i) => ({ k: k0 + i, inertia }));

describe('elbowK: the suggested k of hand-made inertia curves', () => {
  // With k and inertia scaled to [0, 1] from the first to the last point, the elbow is the point
  // farthest below the chord between them: gap = 1 - x - y.
  it.each([
    // A sharp drop to k = 3, then a slow decline: at k = 3, x = 1/8, y = 28/88, gap 0.557.
    ['sharp elbow at 3', 2, [100, 40, 30, 25, 21, 18, 16, 14, 12], 3],
    // Slow until k = 6, then flat: the bend is at 6 (x = 4/8, y = 10/90, gap 0.389).
    ['late elbow at 6', 2, [100, 90, 80, 70, 20, 17, 14, 12, 10], 6],
    // The drop comes at the very end: the elbow is at k = 9, one before the last.
    ['elbow at 9 of 10', 2, [100, 95, 90, 85, 80, 75, 70, 20, 10], 9],
    // A sweep that starts at k = 3: x = 1/5 and y = 8/38 at k = 4.
    ['from k = 3, elbow at 4', 3, [50, 20, 18, 16, 14, 12], 4],
    // Half the inertia at k = 3, none gained at 4, all the rest at 5.
    ['a step', 2, [100, 50, 50, 0], 3],
  ] as const)('%s', (_, k0, inertias, expected) => {
    expect(elbowK(curve(k0, [...inertias]))).toBe(expected);
  });

  it('a straight line or a flat curve has no elbow: the smallest k', () => {
    expect(elbowK(curve(2, [100, 88, 76, 64, 52, 40, 28, 16, 4]))).toBe(2);
    expect(elbowK(curve(2, [10, 10, 10, 10]))).toBe(2);
    expect(elbowK(curve(4, [10, 10, 10]))).toBe(4);
  });

  it('on a tie the smaller k wins', () => {
    // k = 3: x = 1/3, y = 1/3; k = 4: x = 2/3, y = 0. Both 1/3 below the chord.
    expect(elbowK(curve(2, [90, 30, 0, 0]))).toBe(3);
  });

  it('two points or fewer: the first k, or 2 with none', () => {
    expect(elbowK(curve(2, [100, 10]))).toBe(2);
    expect(elbowK(curve(5, [100]))).toBe(5);
    expect(elbowK([])).toBe(2);
  });

  it('does not depend on the scale of the inertia', () => {
    const inertias = [100, 90, 80, 70, 20, 17, 14, 12, 10];
    expect(
      elbowK(
        curve(
          2,
          inertias.map((x) => x * 1e6),
        ),
      ),
    ).toBe(6);
    expect(
      elbowK(
        curve(
          2,
          inertias.map((x) => x / 1e3),
        ),
      ),
    ).toBe(6);
  });
});

describe('sweep helpers', () => {
  const points = (rows: number[][]): Points => ({
    count: rows.length,
    dims: rows[0]?.length ?? 2,
    values: Float64Array.from(rows.flat()),
  });

  it('sizesLargestFirst counts each cluster and sorts the counts down', () => {
    expect(sizesLargestFirst([0, 2, 2, 1, 2, 0], 4)).toEqual([3, 2, 1, 0]);
    expect(sizesLargestFirst([], 2)).toEqual([0, 0]);
  });

  it('countDistinctPoints stops at the limit', () => {
    const p = points([
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(countDistinctPoints(p, 10)).toBe(3);
    expect(countDistinctPoints(p, 2)).toBe(2);
    expect(countDistinctPoints(points([]), 5)).toBe(0);
  });

  it('feasibleKs: 2 <= k <= n - 1, no more than the distinct customers, within kMin..kMax', () => {
    const many = points(Array.from({ length: 20 }, (_, i) => [i, 0]));
    expect(feasibleKs(many, 2, 10)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(feasibleKs(many, 4, 6)).toEqual([4, 5, 6]);
    expect(feasibleKs(many, 1, 3)).toEqual([2, 3]);
    expect(feasibleKs(points([[0], [1], [2], [3]]), 2, 10)).toEqual([2, 3]);
    // Five customers but three different ones: at most three segments.
    expect(feasibleKs(points([[0], [0], [1], [2], [2]]), 2, 10)).toEqual([2, 3]);
    expect(feasibleKs(points([[0], [1]]), 2, 10)).toEqual([]);
  });
});
