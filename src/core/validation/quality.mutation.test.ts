/**
 * qualityReport on ten customers made by hand (quality.test.ts runs it on the 4,334 reference
 * customers through the whole pipeline, seconds per run: too slow for mutation testing). Each part
 * of the report is checked against the function it comes from, or worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { silhouetteSamples } from '../cluster/silhouette.ts';
import { fitScaler, scaleCustomers } from '../features/scale.ts';
import { customerTableOf } from '../testing/customer-table.ts';
import { FEATURE_NAMES, type FeatureName, type Points } from '../types.ts';
import { auditSegments } from './audit.ts';
import { flagOutliers } from './outliers.ts';
import { pca } from './pca.ts';
import { qualityReport } from './quality.ts';
import { RF_GRID_SEGMENTS, gridSegments, rfGrid, segmentGridCrosstab } from './rfm-scores.ts';
import { summarizeSilhouettes } from './silhouette-summary.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const RFM: FeatureName[] = ['Recency', 'Frequency', 'Monetary'];

/** Five recent, frequent, big spenders and five lapsed one-or-two-order customers. */
function tenCustomers() {
  const columns: Record<FeatureName, number[]> = Object.fromEntries(
    FEATURE_NAMES.map((f) => [f, new Array<number>(10).fill(0)]),
  ) as Record<FeatureName, number[]>;
  columns.Recency = [1, 2, 3, 4, 5, 100, 110, 120, 130, 140];
  columns.Frequency = [10, 9, 8, 7, 6, 1, 1, 2, 1, 1];
  columns.Monetary = [500, 450, 400, 350, 300, 20, 25, 30, 15, 10];
  const table = customerTableOf(
    Object.fromEntries(FEATURE_NAMES.map((f) => [f, Float64Array.from(columns[f])])) as Record<
      FeatureName,
      Float64Array
    >,
    columns.Recency.map((_, i) => `c${i}`),
  );
  const scaler = fitScaler(table, { features: RFM, transform: 'log1p', scaling: 'standard' });
  const points = scaleCustomers(table, scaler);
  const labels = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
  return { table, scaler, points, labels, outliers: flagOutliers(points) };
}

describe('qualityReport on ten customers', () => {
  it('RFM quintile scores, grid segments and their sizes, the R x F grid and the crosstab', () => {
    const { table, scaler, points, labels, outliers } = tenCustomers();
    const { report, columns } = qualityReport(table, points, scaler, labels, 2, outliers);
    // Ten customers: two per quintile. R: fewest days scores 5.
    expect(arr(columns.scores.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // F ranks ties (the 1s) in table order: customers 5, 6, 8, 9 rank 1..4, customer 7 (2) 5th.
    expect(arr(columns.scores.f)).toEqual([5, 5, 4, 4, 3, 1, 1, 3, 2, 2]);
    expect(arr(columns.scores.m)).toEqual([5, 5, 4, 4, 3, 2, 2, 3, 1, 1]);
    expect(arr(columns.gridSegment)).toEqual(arr(gridSegments(columns.scores)));
    const sizes = new Array<number>(RF_GRID_SEGMENTS.length).fill(0);
    for (const g of columns.gridSegment) sizes[g]!++;
    expect(report.rfm.gridSegmentSizes).toEqual(sizes);
    expect(report.rfm.gridSegmentSizes.reduce((s, x) => s + x, 0)).toBe(10);
    expect(report.rfm.grid).toEqual(rfGrid(columns.scores, table.features.Monetary));
    // Customer 0 (R 5, F 5) spent 500, customer 1 (R 5, F 5) 450.
    expect(report.rfm.grid.revenue[4]![4]).toBe(950);
    expect(report.rfm.crosstab).toEqual(segmentGridCrosstab(labels, 2, columns.scores));
    expect(report.rfm.crosstab.rowTotals).toEqual([5, 5]);
  });

  it('exact silhouettes of every customer, the audit, and k in the report', () => {
    const { table, scaler, points, labels, outliers } = tenCustomers();
    const { report } = qualityReport(table, points, scaler, labels, 2, outliers);
    expect(report.k).toBe(2);
    const samples = silhouetteSamples(points, labels, 2);
    expect(report.silhouette).toEqual({
      ...summarizeSilhouettes(samples, labels, 2),
      sampleSize: 10,
      sampled: false,
    });
    expect(report.silhouette.mean).toBeGreaterThan(0.5);
    expect(report.silhouette.segments.map((s) => s.size)).toEqual([5, 5]);
    // The default seed is 42, the app's: the same split as auditSegments with seed 42.
    expect(report.audit).toEqual(auditSegments(points, labels, 2, { seed: 42 }));
    expect(report.audit?.status).toBe('audited');
    const seeded = qualityReport(table, points, scaler, labels, 2, outliers, { seed: 7 });
    expect(seeded.report.audit).toEqual(auditSegments(points, labels, 2, { seed: 7 }));
  });

  it('PCA of the three scaled features: ratios, component rows and the projections', () => {
    const { table, scaler, points, labels, outliers } = tenCustomers();
    const { report, columns } = qualityReport(table, points, scaler, labels, 2, outliers);
    const fit = pca(points, 3);
    expect(report.pca?.features).toEqual(RFM);
    expect(report.pca?.explainedVarianceRatio).toEqual(arr(fit.explainedVarianceRatio));
    // Row c is component c: its loadings on Recency, Frequency, Monetary.
    expect(report.pca?.components).toEqual([
      arr(fit.components.subarray(0, 3)),
      arr(fit.components.subarray(3, 6)),
      arr(fit.components.subarray(6, 9)),
    ]);
    for (const row of report.pca!.components) expect(Math.hypot(...row)).toBeCloseTo(1, 12);
    expect(columns.pcaDims).toBe(3);
    expect(arr(columns.pcaPoints!)).toEqual(arr(fit.projections.values));
  });

  it('outlier fences back in days, orders and money: expm1(fence x scale + centre)', () => {
    const { table, scaler, points, labels } = tenCustomers();
    // Fences of the scaled points, with one customer flagged by hand.
    const outliers = flagOutliers(points);
    outliers.mask[3] = 1;
    const { report, columns } = qualityReport(table, points, scaler, labels, 2, {
      ...outliers,
      count: 1,
      share: 0.1,
    });
    expect(report.outliers.count).toBe(1);
    expect(report.outliers.share).toBe(0.1);
    expect(report.outliers.features.map((f) => f.feature)).toEqual(RFM);
    report.outliers.features.forEach((f, j) => {
      const fences = outliers.features[j]!;
      const back = (z: number) => Math.expm1(z * scaler.scale[j]! + scaler.center[j]!);
      expect(f.lower).toBeCloseTo(back(fences.fences.lower), 9);
      expect(f.upper).toBeCloseTo(back(fences.fences.upper), 9);
      expect(f.below).toBe(fences.below);
      expect(f.above).toBe(fences.above);
    });
    // Recency's upper fence lies above its lower one, in days.
    expect(report.outliers.features[0]!.upper).toBeGreaterThan(report.outliers.features[0]!.lower);
    // The mask is a copy: changing the report's column leaves the caller's report alone.
    expect(arr(columns.outlier)).toEqual(arr(outliers.mask));
    columns.outlier[0] = 1;
    expect(outliers.mask[0]).toBe(0);
  });

  it('k = 1: no silhouette and no audit; the crosstab has the one segment as its row', () => {
    const { table, scaler, points, outliers } = tenCustomers();
    const { report } = qualityReport(table, points, scaler, new Int32Array(10), 1, outliers);
    expect(report.audit).toBeNull();
    expect(report.silhouette.mean).toBeNaN();
    expect(report.silhouette).toMatchObject({
      negativeCount: 0,
      negativeShare: 0,
      segments: [],
      sampleSize: 0,
      sampled: false,
    });
    expect(report.rfm.crosstab.rowTotals).toEqual([10]);
    expect(report.pca).not.toBeNull();
  });

  it('as many segments as customers: no silhouette; two customers still get a PCA, one none', () => {
    const { table, scaler, points, outliers } = tenCustomers();
    const own = Int32Array.from({ length: 10 }, (_, i) => i);
    const { report } = qualityReport(table, points, scaler, own, 10, outliers);
    expect(report.silhouette.mean).toBeNaN();
    expect(report.silhouette.sampleSize).toBe(0);
    expect(report.rfm.crosstab.rowTotals).toEqual(new Array(10).fill(1));

    const firstOf = (m: number) => {
      const sub: Points = { count: m, dims: 3, values: points.values.slice(0, 3 * m) };
      const subTable = customerTableOf(
        Object.fromEntries(FEATURE_NAMES.map((f) => [f, table.features[f].slice(0, m)])) as Record<
          FeatureName,
          Float64Array
        >,
        table.ids.slice(0, m),
      );
      return qualityReport(subTable, sub, scaler, new Int32Array(m), 1, flagOutliers(sub));
    };
    const two = firstOf(2);
    expect(two.report.pca?.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(two.columns.pcaPoints?.length).toBe(6);
    const one = firstOf(1);
    expect(one.report.pca).toBeNull();
    expect(one.columns.pcaPoints).toBeNull();
    expect(one.columns.pcaDims).toBe(0);
  });

  it('stops when the signal is aborted', () => {
    const { table, scaler, points, labels, outliers } = tenCustomers();
    const controller = new AbortController();
    controller.abort();
    for (const k of [1, 2])
      expect(() =>
        qualityReport(table, points, scaler, k === 1 ? new Int32Array(10) : labels, k, outliers, {
          signal: controller.signal,
        }),
      ).toThrow();
  });
});
