/**
 * The session's customer files: the analyst's customers.csv (every feature, the segment names)
 * and the owner's export for a marketing tool (rounded, email and country, CSV or xlsx), each
 * with the lifetime-value columns when that could be estimated.
 */
import type { Segmentation } from '../cluster/segments.ts';
import type { ValueView } from '../clv/view.ts';
import { customerExportCsv, type ExtraColumn } from '../export/customer-export.ts';
import { customerExportXlsx } from '../export/customer-xlsx.ts';
import { customersCsvChunks } from '../export/tables.ts';
import type { AnalysisState } from '../results.ts';

/** The customer export's file formats: CSV, CSV for European Excel (; and decimal commas), xlsx. */
export type CustomerExportFormat = 'csv' | 'csv-semicolon' | 'xlsx';

/**
 * The lifetime-value columns of the customer exports; CLV is named by its horizon (`clv_12m`).
 * The owner's export rounds the chance still active to 4 places, orders to 3, money to the cent.
 */
export function clvColumns(value: ValueView | null): ExtraColumn[] {
  if (!value?.ok) return [];
  const { customers, options } = value;
  return [
    { name: 'p_alive', values: customers.pAlive, places: 4 },
    { name: 'expected_purchases_90d', values: customers.expectedPurchases90, places: 3 },
    { name: 'expected_avg_spend', values: customers.expectedSpend, places: 2 },
    { name: `clv_${options.months}m`, values: customers.clv, places: 2 },
  ];
}

/** customers.csv: the customers (`rows` only, when given) with their features and segments. */
export function analystCsv(
  customers: AnalysisState,
  segmentation: Segmentation,
  value: ValueView | null,
  rows?: ArrayLike<number>,
): string {
  return [...analystCsvChunks(customers, segmentation, value, rows)].join('');
}

/** analystCsv's text in pieces, for writing a large file a piece at a time. */
export function analystCsvChunks(
  customers: AnalysisState,
  { labels, segments }: Pick<Segmentation, 'labels' | 'segments'>,
  value: ValueView | null,
  rows?: ArrayLike<number>,
): Generator<string> {
  return customersCsvChunks(customers.table, labels, segments, { extra: clvColumns(value), rows });
}

/**
 * The owner's export (export/customer-export.ts): rounded, segments 1..k, email, country and
 * order dates; `only` the customers of a filtered view, in its order.
 */
export async function ownerExport(
  customers: AnalysisState,
  { labels, segments }: Segmentation,
  value: ValueView | null,
  format: CustomerExportFormat,
  only?: Int32Array,
): Promise<Uint8Array> {
  const { table, country, email } = customers;
  const input = { table, labels, segments, country, email, only, extra: clvColumns(value) };
  if (format === 'xlsx') return customerExportXlsx(input);
  const layout = format === 'csv-semicolon' ? 'semicolon' : 'comma';
  return new TextEncoder().encode(customerExportCsv(input, layout));
}
