/**
 * The model comparison: the knee of a curve, label compaction and the metrics of a grouping with
 * noise by hand; then k-means against the other models on the reference customers (rfm_log_standard,
 * scikit-learn's k = 4 labels), whose k-means row must reproduce the reference sweep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { calinskiHarabasz, daviesBouldin } from '../cluster/metrics.ts';
import { silhouetteScore } from '../cluster/silhouette.ts';
import { loadReferenceSummary } from '../testing/reference.ts';
import type { Points } from '../types.ts';
import { dbscan, NOISE } from './dbscan.ts';
import {
  compactLabels,
  compareModels,
  defaultMinSamples,
  kneeValue,
  MODEL_NAMES,
  type ModelComparison,
  modelMetrics,
} from './models.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';
import { fitHdbscan } from './hdbscan-model.ts';
import { hdbscanReferenceRun } from '../testing/hdbscanReference.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: readonly number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});
const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

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

describe('compareModels on the reference customers (rfm_log_standard, k = 4)', () => {
  const reference = referenceVariantPoints('rfm_log_standard');
  const { points } = reference;
  const labels = reference.labels(4);
  const sweep = loadReferenceSummary().variants.rfm_log_standard.sweep.find((s) => s.k === 4)!;
  const n = points.count;
  let comparison: ModelComparison;
  let again: ModelComparison;

  let withoutHdbscan: ModelComparison;

  beforeAll(() => {
    // min_cluster_size = min_samples = 15: R's hdbscan(minPts = 15) in the reference.
    const hdbscan = fitHdbscan(points, { minClusterSize: 15, minSamples: 15 });
    comparison = compareModels(points, labels, 4, { seed: 42, hdbscan });
    again = compareModels(points, labels, 4, { seed: 42, hdbscan });
    withoutHdbscan = compareModels(points, labels, 4, { seed: 42 });
  }, 60_000);

  const row = (c: ModelComparison, model: string) => {
    const found = c.rows.find((r) => r.model === model);
    if (!found) throw new Error(`no row ${model}`);
    return found;
  };

  it('one row per model, in order, each labelling every customer', () => {
    expect(n).toBe(4334);
    expect(comparison.k).toBe(4);
    expect(comparison.rows.map((r) => r.model)).toEqual([...MODEL_NAMES]);
    for (const model of MODEL_NAMES) {
      const { labels: modelLabels, groups } = comparison.labels[model]!;
      expect(comparison.labels[model]!.model).toBe(model);
      expect(modelLabels.length, model).toBe(n);
      for (const g of modelLabels)
        if (g !== NOISE && !(g >= 0 && g < groups)) throw new Error(`${model}: label ${g}`);
    }
    expect(comparison.labels.kmeans.labels).toBe(labels);
  });

  it("HDBSCAN's row: R's noise and group sizes at minPts 15, metrics without the noise", () => {
    const run = hdbscanReferenceRun('rfm_log_standard', 15);
    const h = row(comparison, 'hdbscan');
    expect(h.noiseCount).toBe(run.noise);
    expect(h.groups).toBe(run.clusters);
    expect(h.sizes).toEqual(run.sizes);
    expect(h.noiseShare).toBeCloseTo(run.noise / n, 15);
    const grouped = comparison.labels.hdbscan!.labels;
    const inGroup = arr(grouped).flatMap((g, i) => (g === NOISE ? [] : [i]));
    const sub: Points = {
      count: inGroup.length,
      dims: points.dims,
      values: Float64Array.from(
        inGroup.flatMap((i) => arr(points.values.subarray(i * 3, i * 3 + 3))),
      ),
    };
    const subLabels = Int32Array.from(inGroup, (i) => grouped[i]!);
    expect(h.calinskiHarabasz).toBeCloseTo(calinskiHarabasz(sub, subLabels, run.clusters), 9);
    expect(h.daviesBouldin).toBeCloseTo(daviesBouldin(sub, subLabels, run.clusters), 12);
    // The crosstab's last column is the noise.
    expect(h.crosstab.columnTotals.at(-1)).toBe(run.noise);
    expect(comparison.hdbscan).toMatchObject({
      minClusterSize: 15,
      minSamples: 15,
      clusters: run.clusters,
      noise: run.noise,
    });
    expect(comparison.hdbscan!.tree.filter((node) => node.selected)).toHaveLength(run.clusters);
    // Not fitted: no row and no labels, the other models as before.
    expect(withoutHdbscan.rows.map((r) => r.model)).toEqual(['kmeans', 'gmm', 'dbscan', 'ward']);
    expect(withoutHdbscan.labels.hdbscan).toBeUndefined();
    expect(withoutHdbscan.hdbscan).toBeNull();
    expect(withoutHdbscan.rows).toEqual(comparison.rows.slice(0, 4));
  });

  it("the k-means row reproduces the reference sweep's k = 4 metrics (1e-9)", () => {
    const kmeans = row(comparison, 'kmeans');
    expect(relativeError(kmeans.silhouette!, sweep.silhouette)).toBeLessThan(1e-9);
    expect(relativeError(kmeans.calinskiHarabasz!, sweep.calinski_harabasz)).toBeLessThan(1e-9);
    expect(relativeError(kmeans.daviesBouldin!, sweep.davies_bouldin)).toBeLessThan(1e-9);
    expect(kmeans.sizes).toEqual(sweep.sizes);
    expect(kmeans).toMatchObject({ groups: 4, noiseCount: 0, noiseShare: 0 });
    expect(kmeans.silhouetteSampleSize).toBe(n);
  });

  it('every crosstab covers every customer; its rows are the k-means segments', () => {
    const segmentSizes = [0, 1, 2, 3].map((c) => labels.filter((g) => g === c).length);
    for (const r of comparison.rows) {
      const { counts, rowTotals, columnTotals, rowShares } = r.crosstab;
      expect(
        counts.flat().reduce((s, x) => s + x, 0),
        r.model,
      ).toBe(n);
      expect(rowTotals, r.model).toEqual(segmentSizes);
      // Columns: the model's groups, then noise when there is any.
      expect(columnTotals.length, r.model).toBe(r.groups + (r.noiseCount > 0 ? 1 : 0));
      const groupSizes = r.noiseCount > 0 ? columnTotals.slice(0, -1) : columnTotals;
      expect(
        [...groupSizes].sort((a, b) => b - a),
        r.model,
      ).toEqual(r.sizes);
      if (r.noiseCount > 0) expect(columnTotals.at(-1), r.model).toBe(r.noiseCount);
      rowShares.forEach((shares) => expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12));
    }
  });

  it('k-means against itself is diagonal', () => {
    const { counts } = row(comparison, 'kmeans').crosstab;
    const sizes = [0, 1, 2, 3].map((c) => labels.filter((g) => g === c).length);
    expect(counts).toEqual(sizes.map((size, r) => sizes.map((_, c) => (r === c ? size : 0))));
  });

  it('the Gaussian mixture and Ward have 4 groups of everyone, no noise, and metrics', () => {
    for (const model of ['gmm', 'ward'] as const) {
      const r = row(comparison, model);
      expect(r.groups, model).toBe(4);
      expect(r.sizes.length, model).toBe(4);
      expect(
        r.sizes.reduce((s, x) => s + x, 0),
        model,
      ).toBe(n);
      expect(r.noiseCount, model).toBe(0);
      expect(r.silhouette, model).toBeGreaterThan(0);
      expect(r.calinskiHarabasz, model).toBeGreaterThan(0);
      expect(r.daviesBouldin, model).toBeGreaterThan(0);
      expect(comparison.labels[model].groups).toBe(4);
    }
    expect(comparison.ward.sampled).toBe(true);
    expect(comparison.ward.sampleSize).toBe(3000);
    expect(comparison.gmm.borderlineShare).toBe(comparison.gmm.borderlineCount / n);
  });

  it('DBSCAN: default min_samples, eps the knee of the k-distance curve, as dbscan() gives', () => {
    const settings = comparison.dbscan;
    expect(settings.minSamples).toBe(defaultMinSamples(points));
    expect(settings.minSamples).toBe(6);
    expect(settings.suggested).toBe(true);
    expect(settings.kDistances.length).toBe(2000);
    for (let i = 1; i < settings.kDistances.length; i++)
      expect(settings.kDistances[i]!).toBeGreaterThanOrEqual(settings.kDistances[i - 1]!);
    expect(settings.eps).toBe(kneeValue(settings.kDistances));
    const direct = dbscan(points, settings.eps, settings.minSamples);
    expect(comparison.labels.dbscan.labels).toEqual(direct.labels);
    expect(comparison.labels.dbscan.groups).toBe(direct.clusters);
    const r = row(comparison, 'dbscan');
    expect(r.noiseCount).toBe(direct.noiseCount);
    expect(r.noiseShare).toBe(direct.noiseShare);
    expect(r.sizes).toEqual([...direct.sizes].sort((a, b) => b - a));
  });

  it('DBSCAN with eps and min_samples given: those, and exactly dbscan() of them', () => {
    const given = compareModels(points, labels, 4, { seed: 42, eps: 0.25, minSamples: 9 });
    expect(given.dbscan).toMatchObject({ eps: 0.25, minSamples: 9, suggested: false });
    const direct = dbscan(points, 0.25, 9);
    // Settings with both groups and noise, so the noise column and the filtering are exercised.
    expect(direct.clusters).toBeGreaterThanOrEqual(2);
    expect(direct.noiseCount).toBeGreaterThan(0);
    expect(given.labels.dbscan.labels).toEqual(direct.labels);
    expect(given.labels.dbscan.groups).toBe(direct.clusters);
    const r = row(given, 'dbscan');
    expect(r.noiseCount).toBe(direct.noiseCount);
    expect(r.groups).toBe(direct.clusters);
    // Metrics on the grouped customers only, as modelMetrics computes them.
    expect(r.silhouette).toBe(modelMetrics(points, direct.labels, 42).silhouette);
    // The other models do not depend on DBSCAN's settings.
    expect(row(given, 'gmm')).toEqual(row(comparison, 'gmm'));
    expect(row(given, 'ward')).toEqual(row(comparison, 'ward'));
  });

  it('is deterministic for a seed', () => {
    expect(again.rows).toEqual(comparison.rows);
    expect(again.labels).toEqual(comparison.labels);
    expect(again.dbscan).toEqual(comparison.dbscan);
    expect(again.ward.dendrogram).toEqual(comparison.ward.dendrogram);
  });

  it('needs k >= 2 and 3 customers, and stops when aborted', () => {
    expect(() => compareModels(points, labels, 1)).toThrow(RangeError);
    expect(() => compareModels(line([0, 1]), Int32Array.of(0, 1), 2)).toThrow(RangeError);
    const controller = new AbortController();
    controller.abort();
    expect(() => compareModels(points, labels, 4, { signal: controller.signal })).toThrow();
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
