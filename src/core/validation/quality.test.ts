/**
 * The quality report of a segmentation of the reference customers (online_retail.customers.csv
 * as a customer table; the app's default log1p + standard scaled RFM), checked against the sweep,
 * the reference and figures recomputed here independently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerTable } from '../features/customers.ts';
import { fitScaler, scaleCustomers } from '../features/scale.ts';
import { cluster, type Clustering, DEFAULT_CLUSTER_OPTIONS } from '../pipeline.ts';
import { loadReferenceCustomers, loadReferenceSummary } from '../testing/reference.ts';
import { FEATURE_NAMES, type FeatureName, type Points } from '../types.ts';
import { flagOutliers } from './outliers.ts';
import { type QualityColumns, type QualityReport, qualityReport } from './quality.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';
import { gridSegmentIndex, RF_GRID_SEGMENTS, rfmQuintiles } from './rfm-scores.ts';
import { customerTableOf } from '../testing/customer-table.ts';

const RFM: FeatureName[] = ['Recency', 'Frequency', 'Monetary'];

/** The reference customers as the customer table the pipeline builds (features only). */
function referenceTable(): CustomerTable {
  const reference = loadReferenceCustomers();
  const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, reference.column(f)])) as Record<
    FeatureName,
    Float64Array
  >;
  return customerTableOf(features, reference.customerIds);
}

/** numpy's default (linear) percentile, written out here rather than imported. */
function percentile(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const counts = (labels: ArrayLike<number>, k: number) => {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]!++;
  return sizes;
};

const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

const table = referenceTable();
const n = table.ids.length;
let clustering: Clustering;
let labels: Int32Array;
let report: QualityReport;
let columns: QualityColumns;

beforeAll(async () => {
  clustering = await cluster(
    table,
    { ...DEFAULT_CLUSTER_OPTIONS, kMin: 4, kMax: 4, seed: 42 },
    () => undefined,
  );
  labels = clustering.sweep.fits[0]!.labels;
  ({ report, columns } = qualityReport(
    table,
    clustering.points,
    clustering.scaler,
    labels,
    4,
    clustering.outliers,
    { seed: 42 },
  ));
}, 60_000);

describe('silhouettes', () => {
  it('the mean equals the sweep silhouette of the same labels; exact, not sampled', () => {
    expect(n).toBe(4334);
    expect(report.k).toBe(4);
    expect(clustering.sweep.points[0]!.k).toBe(4);
    expect(
      relativeError(report.silhouette.mean, clustering.sweep.points[0]!.silhouette),
    ).toBeLessThan(1e-12);
    expect(report.silhouette.sampled).toBe(false);
    expect(report.silhouette.sampleSize).toBe(n);
  });

  it("with scikit-learn's labels: the reference sweep's silhouette (1e-9)", () => {
    const reference = referenceVariantPoints('rfm_log_standard');
    const sklearn = reference.labels(4);
    const expected = loadReferenceSummary().variants.rfm_log_standard.sweep.find((s) => s.k === 4)!;
    const other = qualityReport(
      table,
      reference.points,
      clustering.scaler,
      sklearn,
      4,
      clustering.outliers,
    ).report;
    expect(relativeError(other.silhouette.mean, expected.silhouette)).toBeLessThan(1e-9);
    expect(other.silhouette.segments.map((s) => s.size).sort((a, b) => b - a)).toEqual(
      expected.sizes,
    );
  });

  it('one summary per segment: sizes are the segment sizes and sum to n', () => {
    const { segments, negativeCount, negativeShare } = report.silhouette;
    expect(segments.map((s) => s.segment)).toEqual([0, 1, 2, 3]);
    expect(segments.map((s) => s.size)).toEqual(counts(labels, 4));
    expect(segments.reduce((s, seg) => s + seg.size, 0)).toBe(n);
    expect(segments.reduce((s, seg) => s + seg.negativeCount, 0)).toBe(negativeCount);
    expect(negativeShare).toBe(negativeCount / n);
    // The overall mean is the size-weighted mean of the segment means.
    const weighted = segments.reduce((s, seg) => s + seg.mean * seg.size, 0) / n;
    expect(weighted).toBeCloseTo(report.silhouette.mean, 12);
  });
});

describe('RFM scores and the R x F grid', () => {
  const { Recency, Frequency, Monetary } = table.features;

  it('the score columns are the quintile scores, each quintile a fifth of the customers', () => {
    const scores = rfmQuintiles(Recency, Frequency, Monetary);
    expect(columns.scores).toEqual(scores);
    for (const score of [columns.scores.r, columns.scores.f, columns.scores.m]) {
      expect(score.length).toBe(n);
      const sizes = [1, 2, 3, 4, 5].map((q) => score.filter((s) => s === q).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('grid segments: one per customer, sizes recounted from the R and F scores', () => {
    const { r, f } = columns.scores;
    expect(columns.gridSegment.length).toBe(n);
    const recount = new Array<number>(RF_GRID_SEGMENTS.length).fill(0);
    for (let i = 0; i < n; i++) {
      const g = gridSegmentIndex(r[i]!, f[i]!);
      expect(columns.gridSegment[i]).toBe(g);
      recount[g]!++;
    }
    expect(report.rfm.gridSegmentSizes).toEqual(recount);
    expect(report.rfm.gridSegmentSizes.reduce((s, x) => s + x, 0)).toBe(n);
  });

  it('the grid counts every customer and their revenue', () => {
    const { grid } = report.rfm;
    expect(grid.counts.flat().reduce((s, x) => s + x, 0)).toBe(n);
    const revenue = Monetary.reduce((s, x) => s + x, 0);
    expect(grid.revenue.flat().reduce((s, x) => s + x, 0)).toBeCloseTo(revenue, 4);
    // Cell (R 5, F 5) recounted.
    const { r, f } = columns.scores;
    expect(grid.counts[4]![4]).toBe(r.filter((x, i) => x === 5 && f[i] === 5).length);
  });

  it('segments against grid segments: row totals are the segment sizes', () => {
    const { crosstab } = report.rfm;
    expect(crosstab.rowTotals).toEqual(counts(labels, 4));
    expect(crosstab.columnTotals).toEqual(report.rfm.gridSegmentSizes);
    const recount = crosstab.counts.map((row) => row.map(() => 0));
    for (let i = 0; i < n; i++) recount[labels[i]!]![columns.gridSegment[i]!]!++;
    expect(crosstab.counts).toEqual(recount);
  });
});

describe('outliers', () => {
  it('fences in feature units: expm1 of the fences of log1p(feature), numpy quantiles', () => {
    expect(report.outliers.features.map((f) => f.feature)).toEqual(RFM);
    RFM.forEach((feature, j) => {
      const logs = Float64Array.from(table.features[feature], Math.log1p);
      const q1 = percentile(logs, 0.25);
      const q3 = percentile(logs, 0.75);
      const reported = report.outliers.features[j]!;
      const upper = Math.expm1(q3 + 1.5 * (q3 - q1));
      const lower = Math.expm1(q1 - 1.5 * (q3 - q1));
      expect(relativeError(reported.upper, upper), `${feature} upper`).toBeLessThan(1e-9);
      expect(relativeError(reported.lower, lower), `${feature} lower`).toBeLessThan(1e-9);
      // In feature units the fences count the same customers as in scaled units.
      const raw = table.features[feature];
      expect(reported.above, feature).toBe(raw.filter((x) => x > reported.upper).length);
      expect(reported.below, feature).toBe(raw.filter((x) => x < reported.lower).length);
    });
    // Monetary's upper fence in pounds, as the brief asks: expm1(Q3 + 1.5 IQR).
    expect(report.outliers.features[2]!.upper).toBeGreaterThan(
      percentile(table.features.Monetary, 0.75),
    );
  });

  it('counts are those of flagOutliers on the scaled points; the mask is a copy', () => {
    const flagged = flagOutliers(clustering.points);
    expect(report.outliers.count).toBe(flagged.count);
    expect(report.outliers.count).toBeGreaterThan(0);
    expect(report.outliers.share).toBe(flagged.count / n);
    expect(report.outliers.features.map(({ below, above }) => ({ below, above }))).toEqual(
      flagged.features.map(({ below, above }) => ({ below, above })),
    );
    expect(columns.outlier).toEqual(flagged.mask);
    expect(columns.outlier.reduce((s, x) => s + x, 0)).toBe(flagged.count);
    expect(columns.outlier).not.toBe(clustering.outliers.mask);
    expect(columns.outlier.buffer).not.toBe(clustering.outliers.mask.buffer);
  });

  it('without a transform (robust scaling) the fences are Q1 - 1.5 IQR and Q3 + 1.5 IQR', () => {
    const scaler = fitScaler(table, { features: RFM, transform: 'none', scaling: 'robust' });
    const points = scaleCustomers(table, scaler);
    const outliers = flagOutliers(points);
    const { report: plain } = qualityReport(table, points, scaler, new Int32Array(n), 1, outliers);
    RFM.forEach((feature, j) => {
      const q1 = percentile(table.features[feature], 0.25);
      const q3 = percentile(table.features[feature], 0.75);
      const reported = plain.outliers.features[j]!;
      expect(reported.upper, feature).toBeCloseTo(q3 + 1.5 * (q3 - q1), 9);
      expect(reported.lower, feature).toBeCloseTo(q1 - 1.5 * (q3 - q1), 9);
    });
    // Raw units flag far more customers than log units do.
    expect(plain.outliers.count).toBe(outliers.count);
    expect(plain.outliers.count).toBeGreaterThan(report.outliers.count);
  });
});

describe('PCA', () => {
  it('ratios sum to 1, largest first; components are orthonormal loadings on the features', () => {
    const { pca } = report;
    if (!pca) throw new Error('no PCA');
    expect(pca.features).toEqual(RFM);
    expect(pca.explainedVarianceRatio.length).toBe(3);
    expect(pca.explainedVarianceRatio.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const [a, b, c] = pca.explainedVarianceRatio;
    expect(a!).toBeGreaterThanOrEqual(b!);
    expect(b!).toBeGreaterThanOrEqual(c!);
    expect(pca.components.length).toBe(3);
    const dot = (u: number[], v: number[]) => u.reduce((s, x, j) => s + x * v[j]!, 0);
    pca.components.forEach((u, p) =>
      pca.components.forEach((v, q) => expect(dot(u, v)).toBeCloseTo(p === q ? 1 : 0, 10)),
    );
  });

  it('pcaPoints: n x 3, each customer centred and projected onto the components', () => {
    const { pca } = report;
    if (!pca || !columns.pcaPoints) throw new Error('no PCA');
    expect(columns.pcaDims).toBe(3);
    expect(columns.pcaPoints.length).toBe(n * 3);
    const { values, dims: d } = clustering.points;
    const mean = [0, 1, 2].map((j) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[i * d + j]!;
      return s / n;
    });
    let worst = 0;
    for (let i = 0; i < n; i++)
      for (let c = 0; c < 3; c++) {
        const expected = pca.components[c]!.reduce(
          (s, w, j) => s + w * (values[i * d + j]! - mean[j]!),
          0,
        );
        worst = Math.max(worst, Math.abs(columns.pcaPoints[i * 3 + c]! - expected));
      }
    expect(worst).toBeLessThan(1e-9);
    // The first component's projections have the largest spread.
    const variance = (c: number) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += columns.pcaPoints![i * 3 + c]! ** 2;
      return s / (n - 1);
    };
    expect(variance(0)).toBeGreaterThan(variance(1));
    expect(variance(0) / (variance(0) + variance(1) + variance(2))).toBeCloseTo(
      pca.explainedVarianceRatio[0]!,
      10,
    );
  });
});

describe('the classifier audit', () => {
  it('is run on every customer of the 4 segments', () => {
    const { audit } = report;
    if (!audit) throw new Error('no audit');
    expect(audit.status).toBe('audited');
    expect(audit.k).toBe(4);
    expect(audit.trainCount + audit.testCount).toBe(n);
    expect(audit.testCount).toBeGreaterThan(0);
    expect(audit.report.accuracy).toBeGreaterThan(0.9);
  });
});

describe('a single segment (k = 1)', () => {
  it('no audit, a NaN silhouette with no segments; everything per customer still there', () => {
    const { report: one, columns: oneColumns } = qualityReport(
      table,
      clustering.points,
      clustering.scaler,
      new Int32Array(n),
      1,
      clustering.outliers,
    );
    expect(one.k).toBe(1);
    expect(one.audit).toBeNull();
    expect(one.silhouette.mean).toBeNaN();
    expect(one.silhouette).toMatchObject({
      segments: [],
      sampleSize: 0,
      sampled: false,
      negativeCount: 0,
    });
    expect(one.rfm.crosstab.rowTotals).toEqual([n]);
    expect(one.rfm.gridSegmentSizes).toEqual(report.rfm.gridSegmentSizes);
    expect(one.outliers).toEqual(report.outliers);
    expect(one.pca).toEqual(report.pca);
    expect(oneColumns.pcaPoints?.length).toBe(n * 3);
    expect(oneColumns.gridSegment).toEqual(columns.gridSegment);
  });

  it('PCA needs two customers: none for one', () => {
    const single: Points = { count: 1, dims: 3, values: clustering.points.values.slice(0, 3) };
    const oneTable: CustomerTable = {
      ...table,
      ids: table.ids.slice(0, 1),
      features: Object.fromEntries(
        FEATURE_NAMES.map((f) => [f, table.features[f].slice(0, 1)]),
      ) as Record<FeatureName, Float64Array>,
    };
    const { report: tiny, columns: tinyColumns } = qualityReport(
      oneTable,
      single,
      clustering.scaler,
      Int32Array.of(0),
      1,
      flagOutliers(single),
    );
    expect(tiny.pca).toBeNull();
    expect(tinyColumns.pcaPoints).toBeNull();
    expect(tinyColumns.pcaDims).toBe(0);
    expect(tiny.rfm.gridSegmentSizes.reduce((s, x) => s + x, 0)).toBe(1);
  });
});
