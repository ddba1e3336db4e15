/**
 * compareModels on the reference customers (rfm_log_standard, scikit-learn's k = 4 labels): its
 * k-means row must reproduce the reference sweep. Apart from models.test.ts because fitting every
 * model on 4,334 customers takes seconds (too slow for mutation testing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { calinskiHarabasz, daviesBouldin } from '../cluster/metrics.ts';
import { silhouetteScore } from '../cluster/silhouette.ts';
import { loadReferenceSummary } from '../testing/reference.ts';
import type { Points } from '../types.ts';
import { dbscan, NOISE } from './dbscan.ts';
import {
  compareModels,
  defaultMinSamples,
  kneeValue,
  MODEL_NAMES,
  type ModelComparison,
  type ModelComparisonRow,
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

/** The customers a model put in a group, and their groups. */
function grouped(points: Points, labels: Int32Array): { sub: Points; subLabels: Int32Array } {
  const inGroup = arr(labels).flatMap((g, i) => (g === NOISE ? [] : [i]));
  const d = points.dims;
  return {
    sub: {
      count: inGroup.length,
      dims: d,
      values: Float64Array.from(
        inGroup.flatMap((i) => arr(points.values.subarray(i * d, i * d + d))),
      ),
    },
    subLabels: Int32Array.from(inGroup, (i) => labels[i]!),
  };
}

/**
 * Rows of two comparisons alike: the silhouettes share one pass over the pairs with the other
 * models', whose labels decide the order of its additions, so they agree to rounding.
 */
function expectSameRows(actual: ModelComparisonRow[], expected: ModelComparisonRow[]) {
  expect(actual.map((r) => ({ ...r, silhouette: 0 }))).toEqual(
    expected.map((r) => ({ ...r, silhouette: 0 })),
  );
  actual.forEach((r, i) => expect(r.silhouette).toBeCloseTo(expected[i]!.silhouette!, 15));
}

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
    const { sub, subLabels } = grouped(points, comparison.labels.hdbscan!.labels);
    // Its silhouette in the pass shared with the other models, as on its grouped customers alone.
    expect(h.silhouette).toBeCloseTo(silhouetteScore(sub, subLabels, run.clusters), 14);
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
    // The other rows do not depend on HDBSCAN's (withHdbscan adds it to them).
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
    const { sub, subLabels } = grouped(points, direct.labels);
    expect(r.silhouette).toBeCloseTo(silhouetteScore(sub, subLabels, direct.clusters), 14);
    expect(r.silhouette).toBeCloseTo(modelMetrics(points, direct.labels, 42).silhouette!, 15);
    // The other models do not depend on DBSCAN's settings.
    expectSameRows(
      [row(given, 'gmm'), row(given, 'ward')],
      [row(comparison, 'gmm'), row(comparison, 'ward')],
    );
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
