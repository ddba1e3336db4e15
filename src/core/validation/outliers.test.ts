import { describe, expect, it } from 'vitest';
import { loadReferenceCustomers } from '../testing/reference.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';
import { fitWithoutOutliers } from '../testing/fit-without-outliers.ts';
import { flagOutliers, iqrFences, pointsFromColumns, winsorize } from './outliers.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

describe('by hand', () => {
  it('fences of 1..10 and 100 (numpy linear quantiles): Q1 3.5, Q3 8.5, fences -4 and 16', () => {
    // n = 11: Q1 at position 10 x 0.25 = 2.5 -> (3 + 4) / 2; Q3 at 7.5 -> (8 + 9) / 2.
    const fences = iqrFences([100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(fences).toEqual({ q1: 3.5, q3: 8.5, iqr: 5, lower: -4, upper: 16 });
    expect(iqrFences([1, 2, 3, 4, 5], 3)).toEqual({ q1: 2, q3: 4, iqr: 2, lower: -4, upper: 10 });
    expect(() => iqrFences([])).toThrow();
  });

  // Two features of 11 customers: the first has 100 (customer 10) above; the second has -50
  // (customer 0) below and 60 (customer 10) above. Second column sorted: -50, 0..8, 60:
  // Q1 at 2.5 -> 1.5, Q3 at 7.5 -> 6.5, IQR 5, fences -6 and 14.
  const first = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
  const second = [-50, 0, 1, 2, 3, 4, 5, 6, 7, 8, 60];
  const points = pointsFromColumns([first, second]);

  it('flags per feature and overall (a customer outside two fences counts once)', () => {
    const report = flagOutliers(points);
    expect(report.features.map(({ below, above, count }) => ({ below, above, count }))).toEqual([
      { below: 0, above: 1, count: 1 },
      { below: 1, above: 1, count: 2 },
    ]);
    expect(report.features[1]!.fences).toEqual({ q1: 1.5, q3: 6.5, iqr: 5, lower: -6, upper: 14 });
    expect(arr(report.mask)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(report.count).toBe(2);
    expect(report.share).toBeCloseTo(2 / 11, 15);
  });

  it('a value exactly on a fence is not an outlier', () => {
    // 1..10 and 16: Q1 3.5, Q3 8.5 as above (16 is still the largest), upper fence 16.
    const report = flagOutliers(pointsFromColumns([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16]]));
    expect(report.count).toBe(0);
  });

  it('winsorising caps at the fences and leaves everything else', () => {
    const report = flagOutliers(points);
    const capped = winsorize(
      points,
      report.features.map((f) => f.fences),
    );
    expect(arr(capped.values.filter((_, i) => i % 2 === 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16,
    ]);
    expect(arr(capped.values.filter((_, i) => i % 2 === 1))).toEqual([
      -6, 0, 1, 2, 3, 4, 5, 6, 7, 8, 14,
    ]);
    expect(arr(points.values.subarray(20))).toEqual([100, 60]); // the input is untouched
    expect(() => winsorize(points, [])).toThrow();
  });

  it('fit without outliers: the extremes do not pull a centroid, then join the nearest segment', () => {
    // 1-D: two groups around 0 and 10, and an extreme customer at 1000. Fitted with it, k = 2
    // gives the extreme a segment of its own; fitted without it, the groups are found and the
    // extreme joins the group at 10.
    const xs = [0, 0.5, 1, -0.5, -1, 10, 10.5, 11, 9.5, 9, 1000];
    const line = pointsFromColumns([xs]);
    const report = flagOutliers(line);
    expect(arr(report.mask)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const result = fitWithoutOutliers(line, report.mask, 2, { restarts: 3 });
    expect(result.inliers).toBe(10);
    expect(result.outliers).toBe(1);
    const centroids = arr(result.fit.centroids).sort((a, b) => a - b);
    expect(centroids).toEqual([0, 10].map((x) => expect.closeTo(x, 12)));
    const low = result.labels[0]!;
    expect(arr(result.labels)).toEqual(xs.map((x) => (x < 5 ? low : 1 - low)));
    // Inertia over everyone: 2 x (0.25 + 1) per group, plus (1000 - 10)^2 for the extreme.
    expect(result.inertia).toBeCloseTo(2.5 + 2.5 + 990 ** 2, 9);
    expect(() => fitWithoutOutliers(line, new Uint8Array(11).fill(1), 2)).toThrow(RangeError);
  });
});

describe('on the reference customers', () => {
  it('raw R, F, M flag many customers, their log1p-scaled points far fewer; fences are scale-free', () => {
    const customers = loadReferenceCustomers();
    const raw = pointsFromColumns(
      ['Recency', 'Frequency', 'Monetary'].map((f) => customers.column(f)),
    );
    const rawReport = flagOutliers(raw);
    // Every flagged customer is flagged by some feature, and no more than the per-feature sum.
    const perFeature = rawReport.features.reduce((s, f) => s + f.count, 0);
    expect(rawReport.count).toBeGreaterThan(0);
    expect(rawReport.count).toBeLessThanOrEqual(perFeature);
    expect(rawReport.count).toBeGreaterThanOrEqual(
      Math.max(...rawReport.features.map((f) => f.count)),
    );
    // Recency, Frequency, Monetary of RFM data are right-skewed: nothing below the lower fence.
    expect(rawReport.features.map((f) => f.below)).toEqual([0, 0, 0]);

    const { points: standard } = referenceVariantPoints('rfm_standard');
    // Standard scaling is affine: the same customers are flagged as in raw units, including the
    // 54 customers with 11 orders, exactly on Frequency's upper fence (Q1 1, Q3 5, 5 + 1.5 x 4).
    expect(rawReport.features[1]!.fences.upper).toBe(11);
    expect(customers.column('Frequency').filter((x) => x === 11).length).toBe(54);
    const standardReport = flagOutliers(standard);
    expect(standardReport.features.map((f) => f.count)).toEqual(
      rawReport.features.map((f) => f.count),
    );
    expect(arr(standardReport.mask)).toEqual(arr(rawReport.mask));
    expect(rawReport.features.map((f) => f.count)).toEqual([152, 278, 425]);
    const { points: logScaled } = referenceVariantPoints('rfm_log_standard');
    expect(flagOutliers(logScaled).count).toBeLessThan(rawReport.count / 4);
  });
});
