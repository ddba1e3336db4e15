/**
 * The engine against the pandas / scikit-learn reference results on the full UCI Online Retail
 * file (../shared/reference/README.md). The file is read and analysed once for the whole file of
 * tests (about 2 s to prepare, under 1 s per sweep).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../node/file-source.ts';
import { formatDateExample } from './ingest/date-example.ts';
import {
  cluster,
  type Clustering,
  DEFAULT_CLUSTER_OPTIONS,
  prepare,
  type PreparedData,
} from './pipeline.ts';
import { loadReferenceCohort } from './testing/fixtures.ts';
import {
  loadReferenceCustomers,
  loadReferenceSummary,
  REFERENCE_VARIANTS,
  type ReferenceVariantName,
  sharedPath,
} from './testing/reference.ts';
import { FEATURE_NAMES, type FeatureSetName, type Transform } from './types.ts';

const summary = loadReferenceSummary();
const relativeError = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

const VARIANT_OPTIONS: Record<
  ReferenceVariantName,
  { features: FeatureSetName; transform: Transform }
> = {
  rfm_standard: { features: 'rfm', transform: 'none' },
  rfm_log_standard: { features: 'rfm', transform: 'log1p' },
  ext_standard: { features: 'ext', transform: 'none' },
};

let data: PreparedData;
const clusterings = {} as Record<ReferenceVariantName, Clustering>;

beforeAll(async () => {
  data = await prepare(fileSource(sharedPath('data', 'online_retail.csv')), {}, () => undefined);
  for (const name of REFERENCE_VARIANTS)
    clusterings[name] = await cluster(
      data.groups.table,
      { ...DEFAULT_CLUSTER_OPTIONS, ...VARIANT_OPTIONS[name], seed: 42, restarts: 10 },
      () => undefined,
    );
}, 120_000);

describe('online_retail.csv: cleaning and customers', () => {
  it('every cleaning count equals the reference, and no date is unreadable', () => {
    const report = data.cleaned.report;
    for (const [rule, count] of Object.entries(summary.cleaning))
      expect(report[rule as keyof typeof report], rule).toBe(count);
    expect(report.bad_date).toBe(0);
    expect(report.rules_applied).toEqual([
      'cancelled',
      'missing_customer',
      'nonpositive_quantity_or_price',
      'non_product_codes',
      'bad_date',
    ]);
    expect(data.raw.malformedRows).toBe(0);
  });

  it('customer count, snapshot and date range equal the reference', () => {
    const { table } = data.groups;
    expect(table.ids.length).toBe(summary.customers);
    expect(formatDateExample(table.snapshot)).toBe(summary.snapshot);
    expect(formatDateExample(table.dateMin)).toBe(summary.date_min);
    expect(formatDateExample(table.dateMax)).toBe(summary.date_max);
    expect(data.tx.dateFormat).toBe('iso');
  });

  it('every customer: integer features exact, Monetary and AvgOrderValue to 1e-9 relative', () => {
    const reference = loadReferenceCustomers();
    const { table } = data.groups;
    expect(reference.count).toBe(table.ids.length);
    const index = new Map(table.ids.map((id, i) => [id, i]));
    const exact = ['Recency', 'Frequency', 'TotalQuantity', 'UniqueProducts', 'Tenure'] as const;
    const worst = { Monetary: 0, AvgOrderValue: 0 };
    const mismatches: string[] = [];
    reference.customerIds.forEach((id, r) => {
      const i = index.get(id);
      if (i === undefined) return mismatches.push(`${id} missing`);
      for (const f of exact) {
        const expected = reference.column(f)[r]!;
        if (table.features[f][i] !== expected)
          mismatches.push(`${id} ${f}: ${table.features[f][i]} != ${expected}`);
      }
      for (const f of ['Monetary', 'AvgOrderValue'] as const)
        worst[f] = Math.max(
          worst[f],
          relativeError(table.features[f][i]!, reference.column(f)[r]!),
        );
      return undefined;
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Observed: 1.5e-14 for both (summation order only).
    expect(worst.Monetary).toBeLessThan(1e-9);
    expect(worst.AvgOrderValue).toBeLessThan(1e-9);
  });

  it('feature means and sums agree with the reference', () => {
    const { table } = data.groups;
    for (const f of FEATURE_NAMES) {
      const values = table.features[f];
      const sum = values.reduce((s, x) => s + x, 0);
      expect(relativeError(sum, summary.feature_sums[f]), f).toBeLessThan(1e-12);
      expect(relativeError(sum / values.length, summary.feature_means[f]), f).toBeLessThan(1e-12);
    }
  });
});

describe.each(REFERENCE_VARIANTS)('online_retail.csv, %s', (name) => {
  const reference = summary.variants[name];

  it('uses the reference feature set and transform', () => {
    const { scaler } = clusterings[name];
    expect(scaler.features).toEqual(reference.features);
    expect(scaler.transform === 'log1p').toBe(reference.log1p);
  });

  it('scaler means and population stds agree to 1e-9 relative', () => {
    const { scaler } = clusterings[name];
    reference.scaler_mean.forEach((mean, j) =>
      expect(relativeError(scaler.center[j]!, mean)).toBeLessThan(1e-9),
    );
    reference.scaler_scale.forEach((std, j) =>
      expect(relativeError(scaler.scale[j]!, std)).toBeLessThan(1e-9),
    );
  });

  it('for every k = 2..10, our best of 10 seeded restarts has inertia <= reference x 1.001', () => {
    const ours = clusterings[name].sweep.points;
    expect(ours.map((p) => p.k)).toEqual(reference.sweep.map((p) => p.k));
    const ratios = reference.sweep.map((expected, i) => ({
      k: expected.k,
      ratio: ours[i]!.inertia / expected.inertia,
    }));
    expect(ratios.filter((r) => !(r.ratio <= 1.001))).toEqual([]);
  });

  it('sweep points carry every metric, all finite, and the exact silhouette', () => {
    for (const p of clusterings[name].sweep.points) {
      for (const v of [p.inertia, p.silhouette, p.calinski_harabasz, p.davies_bouldin])
        expect(Number.isFinite(v)).toBe(true);
      expect(p.silhouette_sample_size).toBe(summary.customers);
      expect(p.sizes.reduce((s, x) => s + x, 0)).toBe(summary.customers);
    }
  });
});

describe('online_retail.csv: cohort retention', () => {
  it('cohort months, sizes and every retention cell agree to 1e-12 (empty = after the data)', () => {
    const reference = loadReferenceCohort();
    const ours = data.cohort;
    expect(ours.cohorts).toEqual(reference.cohorts);
    expect(ours.sizes).toEqual(reference.sizes);
    let worst = 0;
    reference.retention.forEach((row, c) => {
      row.forEach((expected, i) => {
        const actual = ours.retention[c]![i];
        if (expected === null) expect(actual, `${reference.cohorts[c]} month ${i}`).toBeUndefined();
        else {
          expect(actual, `${reference.cohorts[c]} month ${i}`).not.toBeNull();
          worst = Math.max(worst, Math.abs((actual as number) - expected));
        }
      });
      expect(ours.retention[c]!.length).toBe(row.filter((x) => x !== null).length);
    });
    // Observed: exactly 0 (the same division of the same integers).
    expect(worst).toBeLessThan(1e-12);
  });
});
