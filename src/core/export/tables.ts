import type { SegmentProfile } from '../cluster/segments.ts';
import type { CustomerTable } from '../features/customers.ts';
import { FEATURE_NAMES } from '../types.ts';
import { type Cell, toCsv } from './csv.ts';
import { roundTo } from './customer-export.ts';

export const CUSTOMER_CSV_HEADER = ['CustomerID', ...FEATURE_NAMES, 'Cluster', 'Segment'] as const;

/** Customers with their features and segment: the file people load into their marketing tool. */
export function customersCsv(
  table: CustomerTable,
  labels: Int32Array,
  segments: readonly SegmentProfile[],
): string {
  function* rows(): Generator<Cell[]> {
    for (let i = 0; i < table.ids.length; i++) {
      const cluster = labels[i]!;
      yield [
        table.ids[i]!,
        ...FEATURE_NAMES.map((f) => table.features[f][i]!),
        cluster,
        segments[cluster]?.name ?? '',
      ];
    }
  }
  return toCsv(CUSTOMER_CSV_HEADER, rows());
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
