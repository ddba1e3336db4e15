import type { SegmentProfile } from '../cluster/segments.ts';
import type { CustomerTable } from '../features/customers.ts';
import { FEATURE_NAMES } from '../types.ts';
import { type Cell, delimitedChunks, toCsv } from './csv.ts';
import { type ExtraColumn, roundTo } from './customer-export.ts';

export const CUSTOMER_CSV_HEADER = ['CustomerID', ...FEATURE_NAMES, 'Cluster', 'Segment'] as const;

/** A column added after the standard ones, one value per customer (NaN: an empty cell). */

/**
 * Customers with their features and segment: the file people load into their marketing tool.
 * `extra` columns follow the standard ones; `rows` picks customers (by index, in that order).
 */
export function customersCsv(
  table: CustomerTable,
  labels: Int32Array,
  segments: readonly SegmentProfile[],
  options: { extra?: readonly ExtraColumn[]; rows?: ArrayLike<number> | undefined } = {},
): string {
  return [...customersCsvChunks(table, labels, segments, options)].join('');
}

/** customersCsv's text in pieces of some thousand lines (csv.ts `delimitedChunks`). */
export function customersCsvChunks(
  table: CustomerTable,
  labels: Int32Array,
  segments: readonly SegmentProfile[],
  {
    extra = [],
    rows,
  }: { extra?: readonly ExtraColumn[]; rows?: ArrayLike<number> | undefined } = {},
): Generator<string> {
  // Each row is filled cell by cell. Rows made of spreads of mapped arrays came out as arrays of
  // small integers or of doubles depending on the customer's values, and V8 threw away the
  // compiled loop at each kind it had not met yet: three compilations of it in every CLI run.
  const features = FEATURE_NAMES.map((f) => table.features[f]);
  const values = extra.map((column) => column.values);
  const width = features.length + values.length + 3;
  function* lines(): Generator<Cell[]> {
    const count = rows ? rows.length : table.ids.length;
    for (let r = 0; r < count; r++) {
      const i = rows ? rows[r]! : r;
      const cluster = labels[i]!;
      const row = new Array<Cell>(width);
      let c = 0;
      row[c++] = table.ids[i]!;
      for (const feature of features) row[c++] = feature[i]!;
      row[c++] = cluster;
      row[c++] = segments[cluster]?.name ?? '';
      for (const column of values) row[c++] = column[i]!;
      yield row;
    }
  }
  return delimitedChunks([...CUSTOMER_CSV_HEADER, ...extra.map((column) => column.name)], lines());
}

export const SEGMENT_CSV_HEADER = [
  'SegmentNumber',
  'Segment',
  'Customers',
  'CustomerShare',
  'Revenue',
  'RevenueShare',
  'MeanRecency',
  'MeanFrequency',
  'MeanMonetary',
  'MedianRecency',
  'MedianFrequency',
  'MedianMonetary',
  'SuggestedAction',
] as const;

/**
 * The segment table as the app shows it: segments numbered 1..k, shares to 0.01%, money and means
 * to two decimals (the page's export; the CLI writes summary.json instead).
 */
export function segmentsCsv(segments: readonly SegmentProfile[]): string {
  const money = (x: number) => roundTo(x, 2);
  return toCsv(
    SEGMENT_CSV_HEADER,
    segments.map((s) => [
      s.cluster + 1,
      s.name,
      s.size,
      roundTo(s.customerShare, 4),
      money(s.revenue),
      roundTo(s.revenueShare, 4),
      money(s.mean.Recency),
      money(s.mean.Frequency),
      money(s.mean.Monetary),
      money(s.median.Recency),
      money(s.median.Frequency),
      money(s.median.Monetary),
      s.action,
    ]),
  );
}

export const HDBSCAN_CSV_HEADER = ['CustomerID', 'label', 'strength'] as const;

/** Each customer's HDBSCAN group (-1 = noise) and membership strength: the CLI's hdbscan.csv. */
export function hdbscanCsv(
  ids: readonly string[],
  fit: { labels: Int32Array; strengths: Float64Array },
): string {
  return toCsv(
    HDBSCAN_CSV_HEADER,
    ids.map((id, i) => [id, fit.labels[i]!, fit.strengths[i]!]),
  );
}
