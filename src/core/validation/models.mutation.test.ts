/**
 * compareModels on a few customers made by hand: every row is the metrics of that model's labels,
 * every model's labels, settings and summaries are the ones its own fit gives. (The comparison on
 * the 4,334 reference customers, models.reference.test.ts, takes seconds: too slow for mutation
 * testing.)
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { dbscan, kDistances, NOISE } from './dbscan.ts';
import { dendrogramSegments } from './dendrogram.ts';
import { BORDERLINE_PROBABILITY, fitGmm } from './gmm.ts';
import { fitHdbscan } from './hdbscan-model.ts';
import { compactLabels, compareModels, kneeValue, modelMetrics } from './models.ts';
import { crosstab } from './rfm-scores.ts';
import { fitWard } from './ward.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

/** Three tight groups of six in 2-D, around (0, 0), (10, 0) and (0, 10); k-means labels by hand. */
function threeGroups(): { points: Points; labels: Int32Array } {
  const offsets = [
    [0, 0],
    [0.2, 0],
    [0, 0.2],
    [0.2, 0.2],
    [0.1, 0.1],
    [0.3, 0.1],
  ];
  const values: number[] = [];
  const labels: number[] = [];
  [
    [0, 0],
    [10, 0],
    [0, 10],
  ].forEach(([x, y], g) => {
    for (const [dx, dy] of offsets) {
      values.push(x! + dx!, y! + dy!);
      labels.push(g);
    }
  });
  return {
    points: { count: 18, dims: 2, values: Float64Array.from(values) },
    labels: Int32Array.from(labels),
  };
}

const line = (xs: readonly number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

describe('compareModels on three groups of six', () => {
  it('one row per model in order, each the metrics and crosstab of its own labels', () => {
    const { points, labels } = threeGroups();
    const result = compareModels(points, labels, 3, { seed: 5 });
    expect(result.k).toBe(3);
    expect(result.rows.map((r) => r.model)).toEqual(['kmeans', 'gmm', 'dbscan', 'ward']);
    expect(result.hdbscan).toBeNull();
    expect(result.labels.hdbscan).toBeUndefined();
    for (const row of result.rows) {
      const grouping = result.labels[row.model]!;
      const { model, crosstab: table, ...metrics } = row;
      expect(model).toBe(grouping.model);
      expect(metrics).toEqual(modelMetrics(points, grouping.labels, 5));
      expect(table.rowTotals).toEqual([6, 6, 6]);
    }
    // The mixture and Ward find the three groups: each crosstab row has all six in one column.
    for (const row of result.rows.filter((r) => r.model === 'gmm' || r.model === 'ward')) {
      expect(row.groups).toBe(3);
      for (const counts of row.crosstab.counts) expect([...counts].sort()).toEqual([0, 0, 6]);
    }
    // k-means against itself is the identity.
    expect(result.rows[0]!.crosstab.counts).toEqual([
      [6, 0, 0],
      [0, 6, 0],
      [0, 0, 6],
    ]);
    expect(result.labels.kmeans).toEqual({ model: 'kmeans', labels, groups: 3 });
  });

  it("each model's labels and summary are those of its own fit, with the seed given", () => {
    const { points, labels } = threeGroups();
    const result = compareModels(points, labels, 3, { seed: 5 });
    const gmm = fitGmm(points, 3, { seed: 5, restarts: 3 });
    expect(result.labels.gmm).toEqual({ model: 'gmm', ...compactLabels(gmm.labels) });
    expect(result.gmm).toEqual({
      borderlineCount: gmm.borderlineCount,
      borderlineShare: gmm.borderlineCount / 18,
      threshold: BORDERLINE_PROBABILITY,
    });
    // min_samples 4 (twice the 2 features), eps at the knee of the 3-distance curve.
    const curve = kDistances(points, 3, 2000, 5);
    expect(result.dbscan.minSamples).toBe(4);
    expect(result.dbscan.suggested).toBe(true);
    expect(arr(result.dbscan.kDistances)).toEqual(arr(curve));
    const density = dbscan(points, result.dbscan.eps, 4);
    expect(result.labels.dbscan).toEqual({
      model: 'dbscan',
      labels: density.labels,
      groups: density.clusters,
    });
    const ward = fitWard(points, 3, { seed: 5 });
    expect(result.labels.ward).toEqual({ model: 'ward', ...compactLabels(ward.labels) });
    expect(result.ward).toEqual({
      sampled: false,
      sampleSize: 18,
      dendrogram: dendrogramSegments(ward.linkage),
    });
  });

  it('the default seed is 42', () => {
    const { points, labels } = threeGroups();
    expect(compareModels(points, labels, 3)).toEqual(
      compareModels(points, labels, 3, { seed: 42 }),
    );
  });

  it('with HDBSCAN fitted: a fifth row, its labels and its settings and tree', () => {
    const { points, labels } = threeGroups();
    const fitted = fitHdbscan(points, { minClusterSize: 4, minSamples: 3 });
    const result = compareModels(points, labels, 3, { seed: 5, hdbscan: fitted });
    expect(result.rows.map((r) => r.model)).toEqual(['kmeans', 'gmm', 'dbscan', 'ward', 'hdbscan']);
    expect(result.labels.hdbscan).toEqual({
      model: 'hdbscan',
      labels: fitted.labels,
      groups: fitted.clusters,
    });
    expect(result.hdbscan).toEqual({
      minClusterSize: 4,
      minSamples: 3,
      clusters: fitted.clusters,
      noise: fitted.noise,
      tree: fitted.tree,
    });
    const row = result.rows[4]!;
    const { model: _model, crosstab: _table, ...metrics } = row;
    expect(metrics).toEqual(modelMetrics(points, fitted.labels, 5));
    const short = { ...fitted, labels: fitted.labels.subarray(1) };
    expect(() => compareModels(points, labels, 3, { hdbscan: short })).toThrow(
      'HDBSCAN labels for 17 customers, not 18',
    );
  });

  it("DBSCAN's noise is the crosstab's last column", () => {
    // A far customer 5 units from the others is noise at eps 1.
    const points = line([0, 0.1, 0.2, 0.3, 10, 10.1, 10.2, 10.3, 20]);
    const labels = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 1);
    const result = compareModels(points, labels, 2, { eps: 1, minSamples: 3 });
    expect(result.dbscan).toMatchObject({ eps: 1, minSamples: 3, suggested: false });
    expect(arr(result.labels.dbscan.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, NOISE]);
    const row = result.rows.find((r) => r.model === 'dbscan')!;
    expect(row.crosstab).toEqual(crosstab(labels, 2, Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 2), 3));
    expect(row.crosstab.counts).toEqual([
      [4, 0, 0],
      [0, 4, 1],
    ]);
    // Without noise there is no extra column.
    const gmmRow = result.rows.find((r) => r.model === 'gmm')!;
    expect(gmmRow.crosstab.counts[0]!.length).toBe(2);
  });

  it('suggested eps: the knee, else the smallest positive distance, else 1', () => {
    // Six identical customers and two others: the 2-distance knee is 0, so the smallest positive.
    const dupes = line([5, 5, 5, 5, 5, 5, 7, 8]);
    const curve = kDistances(dupes, 2);
    expect(arr(curve)).toEqual([0, 0, 0, 0, 0, 0, 2, 3]);
    const labels = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1);
    expect(compareModels(dupes, labels, 2, { minSamples: 3 }).dbscan.eps).toBe(2);
    // Everyone alike: every distance is 0, eps 1.
    const same = line([3, 3, 3, 3, 3]);
    const one = compareModels(same, Int32Array.of(0, 0, 0, 1, 1), 2, { minSamples: 3 });
    expect(one.dbscan.eps).toBe(1);
    // A curve with a knee above 0: eps is that knee.
    const spread = line([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 40]);
    const knee = compareModels(spread, Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1), 2, {
      minSamples: 2,
    });
    expect(knee.dbscan.eps).toBe(1);
  });

  it('min_samples of exactly 2 is allowed; k < 2, fewer than 3 customers, or an abort stop it', () => {
    const { points, labels } = threeGroups();
    expect(compareModels(points, labels, 3, { minSamples: 2 }).dbscan.minSamples).toBe(2);
    expect(() => compareModels(points, labels, 3, { minSamples: 2.5 })).toThrow(RangeError);
    expect(() => compareModels(points, new Int32Array(18), 1)).toThrow(
      'comparing models needs k >= 2 and 3 customers',
    );
    const two = line([0, 1]);
    expect(() => compareModels(two, Int32Array.of(0, 1), 2)).toThrow(RangeError);
    const three = line([0, 1, 5]);
    expect(compareModels(three, Int32Array.of(0, 0, 1), 2).rows).toHaveLength(4);
    const controller = new AbortController();
    controller.abort();
    expect(() => compareModels(points, labels, 3, { signal: controller.signal })).toThrow();
  });
});

describe('kneeValue: the point farthest below the chord, both axes scaled to [0, 1]', () => {
  it('x runs over the m - 1 steps: the later, farther point wins', () => {
    // m = 11, x_i = i / 10, y_i = v_i / 100. Gaps: i = 2: 0.2; i = 8: 0.8 - 0.59 = 0.21 (largest).
    expect(kneeValue([0, 0, 0, 11, 21, 31, 41, 51, 59, 71, 100])).toBe(59);
  });

  it('y is scaled by last - first: a curve from 100 to 200', () => {
    // y_i = (v_i - 100) / 100. Gaps: i = 2: 0.2; i = 3..9: 0.19. The knee is the third point.
    expect(kneeValue([100, 100, 100, 111, 121, 131, 141, 151, 161, 171, 200])).toBe(100);
  });

  it('three points are enough for a knee; an empty curve is refused by name', () => {
    // Gaps 0, 0.5, 0: the middle point.
    expect(kneeValue([0, 0, 10])).toBe(0);
    expect(() => kneeValue([])).toThrow('empty curve');
  });
});

describe('modelMetrics and compareModels where the seed matters', () => {
  it('no customers: no groups, no noise share (0, not 0 / 0)', () => {
    const none = modelMetrics(
      { count: 0, dims: 2, values: new Float64Array(0) },
      new Int32Array(0),
    );
    expect(none).toMatchObject({ groups: 0, sizes: [], noiseCount: 0, noiseShare: 0 });
    expect(none.silhouette).toBeNull();
  });

  it('uniform customers: the mixture is fitted with the seed given and 3 restarts', () => {
    const rng = createRng(12);
    const points: Points = {
      count: 60,
      dims: 2,
      values: Float64Array.from({ length: 120 }, () => rng()),
    };
    const labels = Int32Array.from({ length: 60 }, (_, i) => i % 4);
    const result = compareModels(points, labels, 4, { seed: 5 });
    const gmm = fitGmm(points, 4, { seed: 5, restarts: 3 });
    expect(result.labels.gmm.labels).toEqual(compactLabels(gmm.labels).labels);
    // With no structure the fit depends on where it starts: another seed, or a single start,
    // ends elsewhere (so the comparison above says something).
    const otherSeed = fitGmm(points, 4, { seed: 42, restarts: 3 });
    const oneStart = fitGmm(points, 4, { seed: 42 });
    expect(compactLabels(otherSeed.labels).labels).not.toEqual(result.labels.gmm.labels);
    expect(compactLabels(oneStart.labels).labels).not.toEqual(result.labels.gmm.labels);
    // Customers between components are borderline; the share is of all 60.
    expect(gmm.borderlineCount).toBeGreaterThan(0);
    expect(result.gmm.borderlineCount).toBe(gmm.borderlineCount);
    expect(result.gmm.borderlineShare).toBeCloseTo(gmm.borderlineCount / 60, 15);
  });
});
