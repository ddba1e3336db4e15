/**
 * What the app shows, as plain data built from the engine's state: the worker sends these views
 * to the page (typed arrays transferred) and keeps the heavy state for re-runs.
 */
import type { CleaningReport } from './clean/clean.ts';
import { assignToCentroids } from './cluster/kmeans.ts';
import type { RfmScores } from './cluster/naming.ts';
import type { Segmentation, SegmentProfile } from './cluster/segments.ts';
import type { SweepPoint } from './cluster/sweep.ts';
import type { CohortRetention } from './cohort/cohort.ts';
import { purchaseDaysOf } from './clv/days.ts';
import type { ClvLines } from './clv/summary.ts';
import { type CustomerTable, featureColumn } from './features/customers.ts';
import {
  monthIndexOf,
  monthLabel,
  type MonthlyActivity,
  monthlyActivity,
} from './features/monthly.ts';
import {
  featureScore,
  medianOf,
  percentileAmong,
  percentileRanks,
  rfmScores,
  sortedCopy,
} from './features/ranks.ts';
import { scalePoint } from './features/scale.ts';
import {
  type AnalysisWarning,
  type ClusterOptions,
  type Clustering,
  noSegmentsMessage,
  type PreparedData,
} from './pipeline.ts';
import type { SavableModel } from './model/document.ts';
import type { ModelName } from './validation/models.ts';
import {
  type ColumnMapping,
  type DateFormat,
  type Delimiter,
  type Encoding,
  byFeature,
  type ClusterFeature,
  type FeatureName,
  type Scaling,
  type Transform,
} from './types.ts';

export interface PreparedView {
  file: {
    name: string;
    size: number;
    encoding: Encoding;
    delimiter: Delimiter;
    dateFormat: DateFormat;
    dateAmbiguous: boolean;
    dateCandidates: DateFormat[];
    money: 'quantityTimesPrice' | 'amount';
    headers: string[];
    mapping: ColumnMapping;
    malformedRows: number;
  };
  cleaning: CleaningReport;
  badDateExamples: string[];
  warnings: AnalysisWarning[];
  customers: {
    ids: string[];
    features: Record<FeatureName, Float64Array>;
    /** The country on each customer's first purchase line ('' without a country column). */
    country: string[];
  };
  totals: {
    customers: number;
    orderLines: number;
    revenue: number;
    meanRecency: number;
    meanFrequency: number;
    meanMonetary: number;
  };
  snapshot: number;
  dateMin: number;
  dateMax: number;
  cohort: CohortRetention;
  timings: Partial<Record<string, number>>;
}

export interface ClusterView {
  options: ClusterOptions;
  scaler: {
    features: ClusterFeature[];
    transform: Transform;
    scaling: Scaling;
    center: number[];
    scale: number[];
  };
  sweep: SweepPoint[];
  suggestedK: number;
  /**
   * Customers left out of fitting as outliers (options.outliers 'exclude'), 0 otherwise: the
   * sweep's silhouette, CH and DB are then those of the others.
   */
  excluded: number;
  /** Why there are no segments to choose from (too few different customers), if so. */
  warning?: string | undefined;
  /** Set when the segments come from a saved model (no sweep, no k to choose): issue #11. */
  scoredWith?: { kind: SavableModel; createdAt: string; snapshot: string } | undefined;
}

export interface SegmentView {
  /** Segments shown: k for k-means and the Gaussian mixture, the groups found for the others. */
  k: number;
  /** Whose groups these are (validation/models.ts): k-means unless the user chose another. */
  model: ModelName;
  labels: Int32Array;
  segments: SegmentProfile[];
}

const mean = (values: Float64Array) =>
  values.reduce((s, x) => s + x, 0) / Math.max(1, values.length);

export function preparedView(data: PreparedData, country: string[]): PreparedView {
  const { table } = data.groups;
  const features = byFeature((f) => table.features[f].slice());
  return {
    file: {
      name: data.sniff.name,
      size: data.sniff.size,
      encoding: data.raw.encoding,
      delimiter: data.sniff.delimiter,
      dateFormat: data.tx.dateFormat,
      dateAmbiguous: data.tx.dateAmbiguous,
      dateCandidates: data.tx.dateCandidates,
      money: data.tx.money,
      headers: data.sniff.headers,
      mapping: data.mapping,
      malformedRows: data.raw.malformedRows,
    },
    cleaning: data.cleaned.report,
    badDateExamples: data.cleaned.badDateExamples,
    warnings: data.warnings,
    customers: { ids: table.ids, features, country },
    totals: {
      customers: table.ids.length,
      orderLines: data.cleaned.report.rows_kept,
      revenue: table.features.Monetary.reduce((s, x) => s + x, 0),
      meanRecency: mean(table.features.Recency),
      meanFrequency: mean(table.features.Frequency),
      meanMonetary: mean(table.features.Monetary),
    },
    snapshot: table.snapshot,
    dateMin: table.dateMin,
    dateMax: table.dateMax,
    cohort: data.cohort,
    timings: data.timings,
  };
}

export function clusterView(clustering: Clustering): ClusterView {
  const { scaler } = clustering;
  return {
    options: clustering.options,
    scaler: {
      features: [...scaler.features],
      transform: scaler.transform,
      scaling: scaler.scaling,
      center: Array.from(scaler.center),
      scale: Array.from(scaler.scale),
    },
    sweep: clustering.sweep.points,
    suggestedK: clustering.sweep.suggestedK,
    excluded:
      clustering.options.outliers === 'exclude' &&
      clustering.points.count - (clustering.outliers?.count ?? 0) >= 3
        ? (clustering.outliers?.count ?? 0)
        : 0,
    ...(clustering.sweep.points.length === 0 ? { warning: noSegmentsMessage(clustering) } : {}),
  };
}

export function segmentView(segmentation: Segmentation, model: ModelName = 'kmeans'): SegmentView {
  return {
    k: segmentation.k,
    model,
    labels: segmentation.labels.slice(),
    segments: segmentation.segments,
  };
}

/** Percentile rank of every customer on every feature, computed once per data set. */
export function featurePercentiles(table: CustomerTable): Record<FeatureName, Float64Array> {
  const { features } = table;
  return byFeature((f) => percentileRanks(features[f]));
}

export interface CustomerDetail {
  index: number;
  id: string;
  country: string;
  segment: number;
  features: Record<FeatureName, number>;
  /**
   * Each feature's score (features/ranks.ts): the percentile among all customers, except recency,
   * which is reversed so that, as everywhere, a high score means bought recently. In [0, 1].
   */
  scores: Record<FeatureName, number>;
  /** Euclidean distance in scaled space to each segment's centre, by segment number. */
  distances: number[];
  firstPurchase: number;
  lastPurchase: number;
  /** Revenue and orders per calendar month (`YYYY-MM`), from the first to the last month of the data. */
  monthly: { month: string; revenue: number; orders: number }[];
  /**
   * Where HDBSCAN (when fitted) put the customer: group (-1 = noise), membership strength in
   * [0, 1] and GLOSH outlier score.
   */
  hdbscan?: { group: number; strength: number; outlierScore: number } | undefined;
}

function distancesTo(point: ArrayLike<number>, segments: readonly SegmentProfile[]): number[] {
  return segments.map((s) => Math.hypot(...s.centroid.map((c, j) => (point[j] as number) - c)));
}

/**
 * What the worker keeps about the customers once the file is read: enough for every screen and
 * export (re-clustering included), and plain data, so it can be saved and restored without the file.
 */
export interface AnalysisState {
  table: CustomerTable;
  country: string[];
  /**
   * Each customer's email ('' when none), for the customer export. Absent in analyses saved
   * before emails were read.
   */
  email?: string[];
  /** Absent when the session was told to leave it out (the CLI: `noMonthlyActivity`). */
  monthly?: MonthlyActivity | undefined;
  /** Purchase days and their spend, for lifetime value; absent in analyses saved before it. */
  purchaseDays?: ClvLines | undefined;
}

/** Most customer ids contain an @ and a dot: the file identifies customers by email. */
const LOOKS_LIKE_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
function idsAreEmails(ids: readonly string[]): boolean {
  let emails = 0;
  for (const id of ids) if (LOOKS_LIKE_EMAIL.test(id)) emails++;
  return ids.length > 0 && emails > ids.length / 2;
}

export function analysisState(
  data: PreparedData,
  { monthly = true }: { monthly?: boolean } = {},
): AnalysisState {
  const { table } = data.groups;
  const { rows, start } = data.groups;
  const countryColumn = data.tx.country;
  const country = table.ids.map((_, c) => {
    if (!countryColumn) return '';
    const firstRow = rows[start[c]!]!;
    return countryColumn.values[countryColumn.codes[firstRow]!]!;
  });
  const emailColumn = data.tx.email;
  // The first email written on any of the customer's lines (shops often fill it once per order).
  const firstEmail = (c: number): string => {
    if (!emailColumn) return '';
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const value = emailColumn.values[emailColumn.codes[rows[r]!]!]!.trim();
      if (value !== '') return value;
    }
    return '';
  };
  // Shopify's orders export identifies customers by their email: the id is the email then.
  const email = emailColumn
    ? table.ids.map((_, c) => firstEmail(c))
    : idsAreEmails(table.ids)
      ? [...table.ids]
      : [];
  // Lifetime value is fitted later, after the first charts; only its input is built here (one
  // pass over the rows, timed as part of its stage).
  const started = performance.now();
  const purchaseDays = purchaseDaysOf(data.tx, data.groups);
  data.timings.clv = (data.timings.clv ?? 0) + performance.now() - started;
  return {
    table,
    country,
    email,
    monthly: monthly ? monthlyActivity(data.tx, data.groups) : undefined,
    purchaseDays,
  };
}

export function customerDetail(
  state: AnalysisState,
  clustering: Clustering,
  segmentation: Segmentation,
  percentiles: Record<FeatureName, Float64Array>,
  index: number,
): CustomerDetail {
  const { table, monthly } = state;
  if (!(index >= 0 && index < table.ids.length)) throw new RangeError(`no customer ${index}`);
  if (!monthly) throw new Error('this analysis was made without the monthly activity');
  const d = clustering.points.dims;
  const point = clustering.points.values.subarray(index * d, (index + 1) * d);

  const first = monthIndexOf(table.dateMin);
  const months = Array.from({ length: monthIndexOf(table.dateMax) - first + 1 }, (_, i) => ({
    month: monthLabel(first + i),
    revenue: 0,
    orders: 0,
  }));
  for (let e = monthly.offsets[index]!; e < monthly.offsets[index + 1]!; e++) {
    const bucket = months[monthly.month[e]! - first]!;
    bucket.revenue = monthly.revenue[e]!;
    bucket.orders = monthly.orders[e]!;
  }
  return {
    index,
    id: table.ids[index]!,
    country: state.country[index] ?? '',
    segment: segmentation.labels[index]!,
    features: byFeature((f) => table.features[f][index]!),
    scores: byFeature((f) => featureScore(f, percentiles[f][index]!)),
    distances: distancesTo(point, segmentation.segments),
    firstPurchase: table.firstPurchase[index]!,
    lastPurchase: table.lastPurchase[index]!,
    monthly: months,
  };
}

export interface WhatIfResult {
  /** The features used, with the values the form gave or the median customer's for the rest. */
  features: ClusterFeature[];
  values: number[];
  segment: number;
  distances: number[];
  /** This customer's scores on the segments' scale (the radar): recency 1 = most recent. */
  scores: RfmScores;
}

/** Each customer feature sorted once per data set (a table's columns are never changed). */
const sortedColumns = new WeakMap<Float64Array, Float64Array>();
function sortedColumn(column: Float64Array): Float64Array {
  let sorted = sortedColumns.get(column);
  if (!sorted) sortedColumns.set(column, (sorted = sortedCopy(column)));
  return sorted;
}

/** The median customer's value of each feature (features/ranks.ts medianOf). */
export function featureMedians(table: CustomerTable): Record<FeatureName, number> {
  return byFeature((f) => medianOf(sortedColumn(table.features[f])));
}

/**
 * The segment a hypothetical customer would fall in: the nearest segment centre after the same
 * transform and scaling. Features beyond the three the form asks for take the median customer's
 * value, which the UI says.
 */
export function whatIf(
  table: CustomerTable,
  clustering: Clustering,
  segmentation: Segmentation,
  input: { Recency: number; Frequency: number; Monetary: number },
): WhatIfResult {
  const { scaler } = clustering;
  const values = scaler.features.map((f) =>
    f === 'Recency' || f === 'Frequency' || f === 'Monetary'
      ? input[f]
      : medianOf(sortedColumn(featureColumn(table, f))),
  );
  const z = scalePoint(values, scaler);
  const centroids = Float64Array.from(segmentation.segments.flatMap((s) => s.centroid));
  const label = new Int32Array(1);
  assignToCentroids(
    { count: 1, dims: z.length, values: z },
    centroids,
    segmentation.segments.length,
    label,
  );
  return {
    features: [...scaler.features],
    values,
    segment: label[0]!,
    distances: distancesTo(z, segmentation.segments),
    scores: rfmScores({
      Recency: percentileAmong(sortedColumn(table.features.Recency), input.Recency),
      Frequency: percentileAmong(sortedColumn(table.features.Frequency), input.Frequency),
      Monetary: percentileAmong(sortedColumn(table.features.Monetary), input.Monetary),
    }),
  };
}
