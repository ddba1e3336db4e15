import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import {
  checkLabels,
  checkNumberOfClusters,
  clusterCentroids,
  clusterSizes,
  countNonEmpty,
  inertia,
} from './centroids.ts';

const arr = (xs: ArrayLike<number>) => Array.from(xs);
/** Two features: (0, 0), (2, 0), (10, 10), (10, 14), (11, 12). */
const points: Points = {
  count: 5,
  dims: 2,
  values: Float64Array.of(0, 0, 2, 0, 10, 10, 10, 14, 11, 12),
};
const labels = Int32Array.of(0, 0, 1, 1, 1);

describe('clusterCentroids', () => {
  it('is the mean of each cluster, row-major k x dims', () => {
    // (0 + 2) / 2, 0 | (10 + 10 + 11) / 3, (10 + 14 + 12) / 3.
    expect(arr(clusterCentroids(points, labels, 2))).toEqual([1, 0, 31 / 3, 12]);
  });

  it('leaves an empty cluster at 0 and ignores label order', () => {
    expect(arr(clusterCentroids(points, Int32Array.of(2, 2, 0, 0, 0), 3))).toEqual([
      31 / 3,
      12,
      0,
      0,
      1,
      0,
    ]);
  });
});

describe('inertia', () => {
  it('sums the squared distances to the cluster means', () => {
    // Cluster 0: 1 + 1. Cluster 1 about (31/3, 12): (1/3)^2 + 4, (1/3)^2 + 4, (2/3)^2 + 0.
    expect(inertia(points, labels, 2)).toBeCloseTo(2 + 8 + 2 / 9 + 4 / 9, 12);
  });

  it('uses given centres when there are some', () => {
    const centres = Float64Array.of(0, 0, 10, 10);
    // 0 + 4 | 0 + 16 + 5.
    expect(inertia(points, labels, 2, centres)).toBe(25);
    expect(() => inertia(points, labels, 2, Float64Array.of(0, 0))).toThrow(/2 x 2 values/);
  });

  it('of one cluster is the total sum of squares about the mean', () => {
    const line: Points = { count: 4, dims: 1, values: Float64Array.of(1, 2, 3, 6) };
    // Mean 3: 4 + 1 + 0 + 9.
    expect(inertia(line, new Int32Array(4), 1)).toBe(14);
    expect(inertia(line, Int32Array.of(0, 1, 2, 3), 4)).toBe(0);
  });
});

describe('label checks and sizes', () => {
  it('counts points per cluster and the clusters that have any', () => {
    expect(arr(clusterSizes(Int32Array.of(2, 2, 0), 4))).toEqual([1, 0, 2, 0]);
    expect(countNonEmpty(Float64Array.of(1, 0, 2, 0))).toBe(2);
  });

  it('refuses labels out of range, a wrong count and a k that is not a positive integer', () => {
    expect(() => checkLabels(points, Int32Array.of(0, 0, 1, 1, 2), 2)).toThrow(
      'label 2 of point 4 is outside 0..1',
    );
    expect(() => checkLabels(points, Int32Array.of(0, 0, 1, 1, -1), 2)).toThrow(/outside/);
    expect(() => checkLabels(points, Int32Array.of(0, 1), 2)).toThrow('2 labels for 5 points');
    expect(() => checkLabels(points, labels, 0)).toThrow(/positive integer/);
    expect(() => checkLabels(points, labels, 1.5)).toThrow(/positive integer/);
    expect(() => checkLabels(points, labels, 2)).not.toThrow();
  });

  it('centroids and inertia check their labels', () => {
    const bad = Int32Array.of(0, 0, 1, 1, 5);
    expect(() => clusterCentroids(points, bad, 2)).toThrow('label 5 of point 4 is outside 0..1');
    expect(() => inertia(points, bad, 2)).toThrow('label 5 of point 4 is outside 0..1');
    expect(() => inertia(points, labels, 2, Float64Array.of(0, 0, 0, 0))).not.toThrow();
  });

  it('needs 2 to n - 1 non-empty clusters for a quality metric', () => {
    expect(() => checkNumberOfClusters('silhouette', 1, 5)).toThrow(
      'silhouette needs 2 to n - 1 non-empty clusters; got 1 for 5 points',
    );
    expect(() => checkNumberOfClusters('x', 5, 5)).toThrow(/got 5 for 5/);
    expect(() => checkNumberOfClusters('x', 2, 5)).not.toThrow();
    expect(() => checkNumberOfClusters('x', 4, 5)).not.toThrow();
  });
});
