/**
 * The shapes that flow through the engine. Everything here is plain data (typed arrays, strings,
 * numbers), so it can be structured-cloned or transferred between the worker and the page.
 */

/** What a column of the file means to the analysis. */
export type ColumnRole =
  | 'customer'
  | 'date'
  | 'invoice'
  | 'quantity'
  | 'unitPrice'
  | 'amount'
  | 'product'
  | 'description'
  | 'country'
  | 'email'
  | 'status'
  | 'refund'
  | 'time'
  /** The month of sales aggregated by month; the date column then holds the year. */
  | 'month';

/** Role -> index of the header column it is read from. A role that is absent is not mapped. */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

/** UTF-16 (Excel's "Unicode Text") is read as UTF-8, transcoded while it streams. */
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type Delimiter = ',' | ';' | '\t' | '|';

/** How the dates of one file are written. Decided once per file (SPEC "Dates"). */
export type DateFormat =
  | 'iso' // 2011-12-09 12:50:00, 2011-12-09T12:50, 2011/12/09
  | 'mdy' // 12/1/10 8:26, 12/01/2010 08:26:00 PM
  | 'dmy' // 01/12/2010 08:26, 1.12.2010
  | 'ymd-compact' // 20101201, 20101201 0826
  | 'excel-serial' // 40513.35 (days since 1899-12-30)
  | 'year-month'; // 2011-01, 201101, 2011/1 (or a year with a month column): the 1st of the month

/** How numbers of one column are written. */
export type DecimalSeparator = '.' | ',';

export interface StageProgress {
  stage: StageName;
  /** 0..1 within the stage. */
  fraction: number;
  /** Rows read so far (ingest) or items processed. */
  rows: number;
}

export type StageName = 'read' | 'clean' | 'features' | 'sweep' | 'cluster' | 'cohort';

export type ProgressCallback = (progress: StageProgress) => void;

/** Feature names, in the order of the per-customer feature matrix. */
export const FEATURE_NAMES = [
  'Recency',
  'Frequency',
  'Monetary',
  'TotalQuantity',
  'UniqueProducts',
  'Tenure',
  'AvgOrderValue',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** A record with one value per feature, in FEATURE_NAMES order. */
export function byFeature<T>(value: (feature: FeatureName) => T): Record<FeatureName, T> {
  return Object.fromEntries(FEATURE_NAMES.map((f) => [f, value(f)])) as Record<FeatureName, T>;
}

/**
 * Behaviour over time (features/behaviour.ts; the README defines each): kept apart from
 * FEATURE_NAMES so the customer exports and profiles keep their RFM columns.
 */
export const BEHAVIOUR_NAMES = [
  'SpendCV',
  'Diversity',
  'Growth',
  'Seasonality',
  'Consistency',
  'GapCV',
] as const;
export type BehaviourName = (typeof BEHAVIOUR_NAMES)[number];

/** Anything a feature set can cluster on: a customer feature or a behaviour feature. */
export type ClusterFeature = FeatureName | BehaviourName;
export const CLUSTER_FEATURES: readonly ClusterFeature[] = [...FEATURE_NAMES, ...BEHAVIOUR_NAMES];

export type FeatureSetName = 'rfm' | 'ext' | 'beh';
export const FEATURE_SETS: Record<FeatureSetName, readonly ClusterFeature[]> = {
  rfm: ['Recency', 'Frequency', 'Monetary'],
  ext: ['Recency', 'Frequency', 'Monetary', 'TotalQuantity', 'UniqueProducts'],
  beh: BEHAVIOUR_NAMES,
};
export const FEATURE_SET_NAMES = Object.keys(FEATURE_SETS) as FeatureSetName[];

export type Transform = 'none' | 'log1p';
export type Scaling = 'standard' | 'robust';

/**
 * Points for clustering, row-major: point i, dimension j is `values[i * dims + j]`.
 * Row-major keeps one customer's coordinates together, which is what every distance loop reads.
 */
export interface Points {
  count: number;
  dims: number;
  values: Float64Array;
}
