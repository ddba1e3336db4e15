/**
 * The model comparison by hand: the knee of a curve, label compaction, the metrics of a grouping
 * with noise, and DBSCAN settings on eight customers. The comparison on the reference customers is
 * in models.reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { calinskiHarabasz, daviesBouldin } from '../cluster/metrics.ts';
import { silhouetteScore } from '../cluster/silhouette.ts';
import type { Points } from '../types.ts';
import { NOISE } from './dbscan.ts';
import {
  compactLabels,
  compareModels,
  defaultMinSamples,
  kneeValue,
  modelMetrics,
} from './models.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: readonly number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

describe('kneeValue', () => {
  it('a slowly rising run then a sharp rise: the knee is the last point before the rise', () => {
    // m = 10, first 0, last 10: x_i = i / 9, y_i = v_i / 10. Gap x - y: i = 6: 0.667 - 0.06 =
    // 0.607; i = 7: 0.778 - 0.07 = 0.708 (largest); i = 8: 0.889 - 0.5 = 0.389.
    expect(kneeValue([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 5, 10])).toBe(0.7);
    // A flat run: the last flat point is farthest below the chord.
    expect(kneeValue([1, 1, 1, 1, 1, 1, 1, 1, 5, 10])).toBe(1);
    // The bend earlier moves the knee with it: gaps 0, 0.2, 0.399, 0.2, 0.2, 0 (i = 2 wins).
    expect(kneeValue([2, 2, 2.01, 6, 8, 12])).toBe(2.01);
  });

  it('a constant curve, fewer than 3 points: the last value; an empty curve throws', () => {
    expect(kneeValue([0.4, 0.4, 0.4, 0.4])).toBe(0.4);
    expect(kneeValue([1, 4])).toBe(4);
    expect(kneeValue(Float64Array.of(3))).toBe(3);
    expect(() => kneeValue([])).toThrow(RangeError);
  });

  it('with no point below the chord (no bend): the 90th percentile', () => {
    // Concave: gaps 0, 1/3 - 0.9, 2/3 - 1, 0, none positive; position round(0.9 x 3) = 3.
    expect(kneeValue([0, 9, 10, 10])).toBe(10);
    // Straight: every gap 0; 11 points, position 9.
    expect(kneeValue(Array.from({ length: 11 }, (_, i) => i / 10))).toBe(0.9);
  });
});

describe('compactLabels', () => {
  it('numbers groups 0.. in order of first appearance and keeps NOISE', () => {
    const { labels, groups } = compactLabels(Int32Array.of(7, 7, 3, NOISE, 7, 9, 3, NOISE));
    expect(arr(labels)).toEqual([0, 0, 1, NOISE, 0, 2, 1, NOISE]);
    expect(groups).toBe(3);
  });

  it('all noise: no groups; no customers: nothing; the input is not changed', () => {
    expect(compactLabels(Int32Array.of(NOISE, NOISE))).toEqual({
      labels: Int32Array.of(NOISE, NOISE),
      groups: 0,
    });
    expect(compactLabels(new Int32Array(0)).groups).toBe(0);
    const input = Int32Array.of(5, 2);
    expect(arr(compactLabels(input).labels)).toEqual([0, 1]);
    expect(arr(input)).toEqual([5, 2]);
  });
});

describe('defaultMinSamples', () => {
  const points = (count: number, dims: number): Points => ({
    count,
    dims,
    values: new Float64Array(count * dims),
  });

  it('twice the features, at least 4, below the number of customers, at least 2', () => {
    expect(defaultMinSamples(points(100, 3))).toBe(6);
    expect(defaultMinSamples(points(100, 5))).toBe(10);
    expect(defaultMinSamples(points(100, 1))).toBe(4);
    expect(defaultMinSamples(points(5, 3))).toBe(4);
    expect(defaultMinSamples(points(3, 3))).toBe(2);
    expect(defaultMinSamples(points(2, 3))).toBe(2);
  });
});

describe('modelMetrics by hand', () => {
  it('1-D, two groups of three: silhouette, CH and DB worked out by hand', () => {
    // A = {0, 1, 2}, B = {10, 11, 12}. Silhouettes of A (B mirrors them): 0: a 1.5, b 11;
    // 1: a 1, b 10; 2: a 1.5, b 9. CH: centroids 1 and 11 around 6: between 3 x 25 x 2 = 150,
    // within 2 + 2 = 4, (150 / 1) / (4 / 4) = 150. DB: spreads 2/3, centroid distance 10.
    const points = line([0, 1, 2, 10, 11, 12]);
    const metrics = modelMetrics(points, Int32Array.of(0, 0, 0, 1, 1, 1));
    const silhouette = (1 - 1.5 / 11 + (1 - 1 / 10) + (1 - 1.5 / 9)) / 3;
    expect(metrics.silhouette).toBeCloseTo(silhouette, 14);
    expect(metrics.calinskiHarabasz).toBeCloseTo(150, 10);
    expect(metrics.daviesBouldin).toBeCloseTo(4 / 3 / 10, 14);
    expect(metrics).toMatchObject({
      groups: 2,
      sizes: [3, 3],
      noiseCount: 0,
      noiseShare: 0,
      silhouetteSampleSize: 6,
    });
  });

  // A = {0, 1, 2} (label 2), B = {10, 11} (label 5, seen first) and one noise customer at 100.
  const xs = [10, 0, 11, 1, 2, 100];
  const labels = Int32Array.of(5, 2, 5, 2, 2, NOISE);

  it('with noise: metrics of the customers in a group only, by hand', () => {
    // Silhouettes: 0: a 1.5, b 10.5; 1: a 1, b 9.5; 2: a 1.5, b 8.5; 10: a 1, b 9; 11: a 1,
    // b 10. CH: mean 4.8, centroids 1 and 10.5: between 3 x 3.8^2 + 2 x 5.7^2 = 108.3, within
    // 2 + 0.5 = 2.5, (108.3 / 1) / (2.5 / 3) = 129.96. DB: spreads 2/3 and 1/2, distance 9.5.
    const metrics = modelMetrics(line(xs), labels);
    const s = [1 - 1.5 / 10.5, 1 - 1 / 9.5, 1 - 1.5 / 8.5, 1 - 1 / 9, 1 - 1 / 10];
    expect(metrics.silhouette).toBeCloseTo(s.reduce((a, b) => a + b, 0) / 5, 14);
    expect(metrics.calinskiHarabasz).toBeCloseTo(129.96, 9);
    expect(metrics.daviesBouldin).toBeCloseTo((2 / 3 + 1 / 2) / 9.5, 14);
    expect(metrics).toMatchObject({
      groups: 2,
      sizes: [3, 2], // largest first, though B appears first
      noiseCount: 1,
      noiseShare: 1 / 6,
      silhouetteSampleSize: 5,
    });
  });

  it('with noise: equal to the metrics of metrics.ts on the filtered customers', () => {
    const kept = xs.filter((_, i) => labels[i] !== NOISE);
    const keptLabels = Int32Array.from(
      arr(labels).filter((g) => g !== NOISE),
      (g) => (g === 5 ? 0 : 1),
    );
    const metrics = modelMetrics(line(xs), labels);
    expect(metrics.silhouette).toBeCloseTo(silhouetteScore(line(kept), keptLabels, 2), 15);
    expect(metrics.calinskiHarabasz).toBe(calinskiHarabasz(line(kept), keptLabels, 2));
    expect(metrics.daviesBouldin).toBe(daviesBouldin(line(kept), keptLabels, 2));
    // Counting the noise as a group of its own would give other numbers.
    const asGroup = Int32Array.from(labels, (g) => (g === NOISE ? 2 : g === 5 ? 0 : 1));
    expect(metrics.silhouette).not.toBeCloseTo(silhouetteScore(line(xs), asGroup, 3), 3);
  });

  it('a single group, only noise, or too few grouped customers: null metrics', () => {
    const nulls = {
      silhouette: null,
      calinskiHarabasz: null,
      daviesBouldin: null,
      silhouetteSampleSize: 0,
    };
    const points = line([0, 1, 2, 3]);
    expect(modelMetrics(points, Int32Array.of(4, 4, 4, 4))).toEqual({
      groups: 1,
      sizes: [4],
      noiseCount: 0,
      noiseShare: 0,
      ...nulls,
    });
    expect(modelMetrics(points, Int32Array.of(0, 0, NOISE, 0))).toMatchObject({
      groups: 1,
      sizes: [3],
      noiseCount: 1,
      noiseShare: 0.25,
      ...nulls,
    });
    expect(modelMetrics(points, new Int32Array(4).fill(NOISE))).toMatchObject({
      groups: 0,
      sizes: [],
      noiseCount: 4,
      noiseShare: 1,
      ...nulls,
    });
    // Two groups of one customer each: a silhouette needs more customers than groups.
    expect(modelMetrics(line([0, 5, 9]), Int32Array.of(0, 1, NOISE))).toMatchObject({
      groups: 2,
      sizes: [1, 1],
      ...nulls,
    });
  });
});

describe('compareModels: DBSCAN settings it cannot use', () => {
  // Two tight groups of four on a line, k-means labels by hand.
  const points = line([0, 0.1, 0.2, 0.3, 10, 10.1, 10.2, 10.3]);
  const labels = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1);

  it('an eps of 0 or less, or min_samples below 2, is refused with a plain RangeError', () => {
    expect(() => compareModels(points, labels, 2, { eps: 0 })).toThrow(/eps must be above 0/);
    expect(() => compareModels(points, labels, 2, { eps: -1 })).toThrow(RangeError);
    expect(() => compareModels(points, labels, 2, { minSamples: 1 })).toThrow(/min_samples/);
  });

  it('min_samples above the customer count: everyone is noise, nothing throws', () => {
    const result = compareModels(points, labels, 2, { eps: 0.5, minSamples: 20 });
    const row = result.rows.find((r) => r.model === 'dbscan')!;
    expect(row.groups).toBe(0);
    expect(row.noiseCount).toBe(8);
    expect(row.silhouette).toBeNull();
    // The curve is of the farthest other customer (k = n - 1 = 7).
    expect(result.dbscan.kDistances.length).toBe(8);
  });

  it('the suggested eps finds the two groups', () => {
    const result = compareModels(points, labels, 2, { minSamples: 3 });
    const row = result.rows.find((r) => r.model === 'dbscan')!;
    expect(result.dbscan.suggested).toBe(true);
    expect(result.dbscan.eps).toBeGreaterThan(0);
    expect(row.groups).toBe(2);
    expect(row.noiseCount).toBe(0);
  });
});
