/**
 * What the pipeline does with the validation results: outliers kept, capped at the IQR fences or
 * left out of the fits (cluster's `outliers` option), and another model's groups, DBSCAN's noise
 * included, used as the segments (segmentsFor's `model`). On a small customer table built here:
 * three well-separated groups of 20 customers and three obvious big spenders.
 */
import { describe, expect, it } from 'vitest';
import { fitKMeans } from './cluster/kmeans.ts';
import type { CustomerTable } from './features/customers.ts';
import { fitScaler, scaleCustomers } from './features/scale.ts';
import {
  cluster,
  type ClusterOptions,
  DEFAULT_CLUSTER_OPTIONS,
  NO_CLEAR_SEGMENT,
  type OutlierHandling,
  segmentsFor,
} from './pipeline.ts';
import { FEATURE_NAMES, FEATURE_SETS, type FeatureName, type Points } from './types.ts';
import { NOISE } from './validation/dbscan.ts';
import type { ModelLabels } from './validation/models.ts';
import { inertia } from './math/centroids.ts';
import { fitWithoutOutliers } from './testing/fit-without-outliers.ts';
import { flagOutliers, winsorize } from './validation/outliers.ts';
import { customerTableOf } from './testing/customer-table.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const noReport = () => undefined;

/** A customer table from Recency, Frequency and Monetary rows (the other features derived). */
function tableOf(rows: readonly [number, number, number][]): CustomerTable {
  const column = (f: (r: [number, number, number]) => number) => Float64Array.from(rows, f);
  const features: Record<FeatureName, Float64Array> = {
    Recency: column((r) => r[0]),
    Frequency: column((r) => r[1]),
    Monetary: column((r) => r[2]),
    TotalQuantity: column((r) => r[2] / 2),
    UniqueProducts: column((r) => r[1] + 1),
    Tenure: column((r) => r[0] + 30),
    AvgOrderValue: column((r) => r[2] / r[1]),
  };
  expect(Object.keys(features).sort()).toEqual([...FEATURE_NAMES].sort());
  return customerTableOf(
    features,
    rows.map((_, i) => `C${i}`),
  );
}

/** Three groups of 20 (recent loyal big spenders, lapsed one-timers, in between). */
function groupRows(): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (let i = 0; i < 20; i++) rows.push([10 + i, 8 + (i % 5), 2000 + 50 * i]);
  for (let i = 0; i < 20; i++) rows.push([150 + 2 * i, 1 + (i % 3), 100 + 10 * i]);
  for (let i = 0; i < 20; i++) rows.push([60 + i, 4 + (i % 3), 600 + 15 * i]);
  return rows;
}
const GROUP_OF = (i: number) => Math.floor(i / 20);

/** The groups and three big spenders (customers 60, 61, 62), far outside Monetary's fences. */
const withOutliers = tableOf([...groupRows(), [5, 12, 50_000], [20, 10, 80_000], [12, 9, 65_000]]);
const OUTLIERS = [60, 61, 62];
const n = withOutliers.ids.length;

const OPTIONS: ClusterOptions = {
  ...DEFAULT_CLUSTER_OPTIONS,
  transform: 'none',
  kMin: 2,
  kMax: 5,
  restarts: 4,
  seed: 7,
};

/** The scaled points, computed here from the scaler rather than taken from the clustering. */
function scaled(table: CustomerTable): Points {
  return scaleCustomers(
    table,
    fitScaler(table, { features: FEATURE_SETS.rfm, transform: 'none', scaling: 'standard' }),
  );
}

const run = (table: CustomerTable, outliers: OutlierHandling | undefined) =>
  cluster(table, { ...OPTIONS, outliers }, noReport);

function nearest(points: Points, i: number, centroids: Float64Array, k: number): number {
  const d = points.dims;
  let best = -1;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (points.values[i * d + j]! - centroids[c * d + j]!) ** 2;
    if (s < bestDistance) [best, bestDistance] = [c, s];
  }
  return best;
}

describe('the fixture', () => {
  it('flags exactly the three big spenders, on Monetary only', () => {
    const report = flagOutliers(scaled(withOutliers));
    expect(arr(report.mask).flatMap((m, i) => (m ? [i] : []))).toEqual(OUTLIERS);
    expect(report.features.map((f) => f.count)).toEqual([0, 0, 3]);
  });
});

describe('cluster(): options.outliers', () => {
  it("'keep' (and no option, as in analyses saved before it): the scaled points as they are", async () => {
    const points = scaled(withOutliers);
    for (const handling of ['keep', undefined] as const) {
      const clustering = await run(withOutliers, handling);
      expect(clustering.points).toEqual(points);
      expect(clustering.outliers).toEqual(flagOutliers(points));
      for (const fit of clustering.sweep.fits) expect(fit.labels.length).toBe(n);
    }
  });

  it("'cap': points capped at the fences (winsorize), the report still of the raw points", async () => {
    const points = scaled(withOutliers);
    const report = flagOutliers(points);
    const clustering = await run(withOutliers, 'cap');
    const capped = winsorize(
      points,
      report.features.map((f) => f.fences),
    );
    expect(clustering.points).toEqual(capped);
    expect(clustering.outliers).toEqual(report);
    // Only the flagged customers moved, each down to Monetary's upper fence.
    const d = points.dims;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) {
        const moved = clustering.points.values[i * d + j] !== points.values[i * d + j];
        expect(moved, `customer ${i}, feature ${j}`).toBe(OUTLIERS.includes(i) && j === 2);
      }
    expect(clustering.points.values[61 * d + 2]).toBe(report.features[2]!.fences.upper);
    // The sweep fitted the capped points: every customer has a segment.
    expect(clustering.sweep.fits.map((f) => f.k)).toEqual([2, 3, 4, 5]);
    for (const fit of clustering.sweep.fits) {
      expect(fit.labels.length).toBe(n);
      expect(fit).toEqual(fitKMeans(capped, fit.k, OPTIONS));
    }
  });

  it("'exclude': fits of the other customers, then every customer at the nearest centre", async () => {
    const points = scaled(withOutliers);
    const report = flagOutliers(points);
    const clustering = await run(withOutliers, 'exclude');
    expect(clustering.points).toEqual(points); // not capped
    expect(clustering.outliers).toEqual(report);
    expect(clustering.sweep.fits.map((f) => f.k)).toEqual([2, 3, 4, 5]);
    for (const fit of clustering.sweep.fits) {
      const alone = fitWithoutOutliers(points, report.mask, fit.k, {
        seed: OPTIONS.seed,
        restarts: OPTIONS.restarts,
      });
      expect(fit.centroids, `k = ${fit.k}`).toEqual(alone.fit.centroids);
      expect(fit.labels.length).toBe(n);
      expect(fit.labels, `k = ${fit.k}`).toEqual(alone.labels);
      expect(fit.inertia).toBeCloseTo(alone.inertia, 9);
      for (const i of OUTLIERS)
        expect(fit.labels[i], `customer ${i}, k = ${fit.k}`).toBe(
          nearest(points, i, fit.centroids, fit.k),
        );
    }
    // Sizes and inertia are everyone's; the silhouette is that of the 60 customers fitted.
    clustering.sweep.points.forEach((point, i) => {
      const fit = clustering.sweep.fits[i]!;
      expect(point.k).toBe(fit.k);
      expect(point.sizes.reduce((s, x) => s + x, 0)).toBe(n);
      expect(point.inertia).toBe(fit.inertia);
      expect(point.silhouette_sample_size).toBe(n - OUTLIERS.length);
    });
  });

  it("'exclude' differs from 'keep' here: the big spenders no longer pull a centre", async () => {
    const keep = await run(withOutliers, 'keep');
    const exclude = await run(withOutliers, 'exclude');
    const k3 = (c: typeof keep) => c.sweep.fits.find((f) => f.k === 3)!;
    // Kept, the three big spenders take a segment of their own at k = 3 and two groups merge.
    const keptSizes = [0, 1, 2].map((c) => k3(keep).labels.filter((g) => g === c).length);
    expect(keptSizes.sort((a, b) => a - b)).toEqual([3, 20, 40]);
    // Left out of the fit, the three groups are found and the big spenders join the first.
    const labels = k3(exclude).labels;
    for (let i = 0; i < 60; i++) expect(labels[i]).toBe(labels[GROUP_OF(i) * 20]);
    expect(new Set([labels[0], labels[20], labels[40]]).size).toBe(3);
    for (const i of OUTLIERS) expect(labels[i]).toBe(labels[0]);
  });

  it('with no outliers the three handlings give the same clustering', async () => {
    const plain = tableOf(groupRows());
    expect(flagOutliers(scaled(plain)).count).toBe(0);
    const [keep, cap, exclude] = await Promise.all([
      run(plain, 'keep'),
      run(plain, 'cap'),
      run(plain, 'exclude'),
    ]);
    expect(keep.outliers.count).toBe(0);
    for (const other of [cap, exclude]) {
      expect(other.points).toEqual(keep.points);
      expect(other.sweep).toEqual(keep.sweep);
      expect(other.outliers).toEqual(keep.outliers);
    }
  });
});

describe('segmentsFor() with another model', () => {
  /** A DBSCAN-like grouping: the three groups (numbered 2, 0, 1) and the big spenders as noise. */
  const dbscanLike: ModelLabels = {
    model: 'dbscan',
    labels: Int32Array.from({ length: n }, (_, i) =>
      OUTLIERS.includes(i) ? NOISE : [2, 0, 1][GROUP_OF(i)]!,
    ),
    groups: 3,
  };

  it('the noise customers form one segment, "No clear segment", of the noise count', async () => {
    const clustering = await run(withOutliers, 'keep');
    const segmentation = segmentsFor(withOutliers, clustering, 3, {}, dbscanLike);
    expect(segmentation.k).toBe(4);
    expect(segmentation.labels.length).toBe(n);
    const noiseSegment = segmentation.labels[OUTLIERS[0]!]!;
    for (const i of OUTLIERS) expect(segmentation.labels[i]).toBe(noiseSegment);
    const noise = segmentation.segments[noiseSegment]!;
    expect(noise.cluster).toBe(noiseSegment);
    expect(noise.size).toBe(OUTLIERS.length);
    expect(noise.name).toBe(NO_CLEAR_SEGMENT);
    expect(noise.suggestedName).toBe(NO_CLEAR_SEGMENT);
    expect(noise.action).toMatch(/one by one/);
    const others = segmentation.segments.filter((s) => s !== noise);
    expect(others.map((s) => s.size)).toEqual([20, 20, 20]);
    for (const s of others) expect(s.suggestedName).not.toBe(NO_CLEAR_SEGMENT);
    // Each group is one segment, its centre the mean of its customers' points.
    const d = clustering.points.dims;
    for (let g = 0; g < 3; g++) {
      const members = Array.from({ length: 20 }, (_, i) => g * 20 + i);
      const segment = segmentation.segments[segmentation.labels[members[0]!]!]!;
      for (const i of members) expect(segmentation.labels[i]).toBe(segment.cluster);
      for (let j = 0; j < d; j++) {
        const mean = members.reduce((s, i) => s + clustering.points.values[i * d + j]!, 0) / 20;
        expect(segment.centroid[j]).toBeCloseTo(mean, 12);
      }
    }
  });

  it("the user's names win over the suggested ones, the noise segment's too", async () => {
    const clustering = await run(withOutliers, 'keep');
    const first = segmentsFor(withOutliers, clustering, 3, {}, dbscanLike);
    const noiseSegment = first.labels[OUTLIERS[0]!]!;
    const other = noiseSegment === 0 ? 1 : 0;
    const names = { [noiseSegment]: 'Look closer', [other]: 'Mine' };
    const renamed = segmentsFor(withOutliers, clustering, 3, names, dbscanLike);
    expect(renamed.segments[noiseSegment]!.name).toBe('Look closer');
    expect(renamed.segments[noiseSegment]!.suggestedName).toBe(NO_CLEAR_SEGMENT);
    expect(renamed.segments[other]!.name).toBe('Mine');
    expect(renamed.labels).toEqual(first.labels);
  });

  it('a model without noise has no "No clear segment"; everyone noise is one such segment', async () => {
    const clustering = await run(withOutliers, 'keep');
    const threeGroups: ModelLabels = {
      model: 'ward',
      labels: Int32Array.from({ length: n }, (_, i) => (OUTLIERS.includes(i) ? 0 : GROUP_OF(i))),
      groups: 3,
    };
    const grouped = segmentsFor(withOutliers, clustering, 3, {}, threeGroups);
    expect(grouped.k).toBe(3);
    expect(grouped.segments.map((s) => s.size).sort((a, b) => a - b)).toEqual([20, 20, 23]);
    for (const s of grouped.segments) expect(s.name).not.toBe(NO_CLEAR_SEGMENT);

    const allNoise: ModelLabels = {
      model: 'dbscan',
      labels: new Int32Array(n).fill(NOISE),
      groups: 0,
    };
    const one = segmentsFor(withOutliers, clustering, 3, {}, allNoise);
    expect(one.k).toBe(1);
    expect(one.segments).toHaveLength(1);
    expect(one.segments[0]).toMatchObject({ size: n, name: NO_CLEAR_SEGMENT });
  });

  /** Sum of squared distances of every customer to the mean of its segment, done longhand. */
  function inertiaByHand(points: Points, labels: Int32Array): number {
    const d = points.dims;
    let total = 0;
    for (const segment of new Set(labels)) {
      const members = arr(labels).flatMap((g, i) => (g === segment ? [i] : []));
      for (let j = 0; j < d; j++) {
        const column = members.map((i) => points.values[i * d + j]!);
        const mean = column.reduce((a, b) => a + b, 0) / column.length;
        total += column.reduce((a, x) => a + (x - mean) ** 2, 0);
      }
    }
    return total;
  }

  it("another model's inertia is the sum of squares about its groups' means (noise one more group)", async () => {
    const clustering = await run(withOutliers, 'keep');
    const segmentation = segmentsFor(withOutliers, clustering, 3, {}, dbscanLike);
    const expected = inertiaByHand(clustering.points, segmentation.labels);
    expect(segmentation.inertia).toBeCloseTo(expected, 9);
    expect(segmentation.inertia).toBeCloseTo(
      inertia(clustering.points, segmentation.labels, segmentation.k),
      9,
    );
    // Not k-means' inertia at k = 3: the big spenders are a group of their own here.
    const fit = clustering.sweep.fits.find((f) => f.k === 3)!;
    expect(segmentation.inertia).not.toBeCloseTo(fit.inertia, 3);
    const ward: ModelLabels = {
      model: 'ward',
      labels: dbscanLike.labels.map((g) => (g === NOISE ? 0 : g)),
      groups: 3,
    };
    const grouped = segmentsFor(withOutliers, clustering, 3, {}, ward);
    expect(grouped.inertia).toBeCloseTo(inertiaByHand(clustering.points, grouped.labels), 9);
  });

  it('the best group is named as the best under another model, and the noise takes no name', async () => {
    const clustering = await run(withOutliers, 'keep');
    const segmentation = segmentsFor(withOutliers, clustering, 3, {}, dbscanLike);
    // Customers 0..19 buy most recently and most often, with the biggest spend of the groups.
    const best = segmentation.segments[segmentation.labels[0]!]!;
    expect(best.suggestedName).toBe('Champions');
    expect(segmentation.segments[segmentation.labels[20]!]!.suggestedName).not.toBe('Champions');
    // The lapsed one-timers (150+ days, 1-3 orders) are not among the good names.
    expect(['Lost', 'Hibernating', 'About to sleep']).toContain(
      segmentation.segments[segmentation.labels[20]!]!.suggestedName,
    );
  });

  it('one segment of everyone: its inertia is the total sum of squares', async () => {
    const clustering = await run(withOutliers, 'keep');
    const one = segmentsFor(withOutliers, clustering, 1);
    expect(one.k).toBe(1);
    expect(one.inertia).toBeCloseTo(inertiaByHand(clustering.points, new Int32Array(n)), 9);
  });

  it("model 'kmeans' gives the usual segmentation of the sweep's fit", async () => {
    const clustering = await run(withOutliers, 'keep');
    const fit = clustering.sweep.fits.find((f) => f.k === 3)!;
    const kmeans: ModelLabels = { model: 'kmeans', labels: fit.labels, groups: 3 };
    const usual = segmentsFor(withOutliers, clustering, 3);
    expect(segmentsFor(withOutliers, clustering, 3, {}, kmeans)).toEqual(usual);
    expect(usual.k).toBe(3);
    expect(usual.inertia).toBe(fit.inertia);
    for (const s of usual.segments) expect(s.name).not.toBe(NO_CLEAR_SEGMENT);
  });
});
