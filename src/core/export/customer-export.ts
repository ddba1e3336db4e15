/**
 * The customer list as the app exports it for the owner's tools: numbers rounded as a person
 * reads them (money to the cent, counts whole), segments numbered 1..k as the app shows them,
 * dates as YYYY-MM-DD, the customer's email and country when the file has them, and one segment
 * or any filtered view only. The CLI's customers.csv (tables.ts) keeps full precision for the
 * reference comparisons; this is the page's export.
 *
 * Two text layouts: comma-separated with a decimal point, and the semicolon-separated one with
 * decimal commas that Excel expects where the comma is the decimal separator (most of Europe).
 * Both start with a UTF-8 byte order mark: without it Excel reads UTF-8 as Windows-1252 and shows
 * "BÃ¤ckerei" for "Bäckerei".
 */
import type { SegmentProfile } from '../cluster/segments.ts';
import type { CustomerTable } from '../features/customers.ts';
import type { FeatureName } from '../types.ts';
import { type Cell, delimitedText } from './csv.ts';

/** A column after the segment (lifetime value), one value per customer. */
export interface ExtraColumn {
  name: string;
  values: ArrayLike<number>;
  /** Decimal places in this export; the CLI's customers.csv (tables.ts) writes full precision. */
  places: number;
}

export interface CustomerExportInput {
  table: CustomerTable;
  labels: Int32Array;
  segments: readonly SegmentProfile[];
  /** Each customer's country ('' when unknown), or none without a country column. */
  country?: readonly string[] | undefined;
  /** Each customer's email ('' when unknown), or none when the file has no email. */
  email?: readonly string[] | undefined;
  /** The customers to export, in this order (a filtered, sorted view); all of them when absent. */
  only?: ArrayLike<number> | undefined;
  /** More columns after the segment (lifetime value), one value per customer, with their places. */
  extra?: readonly ExtraColumn[] | undefined;
}

/** Decimal places each feature is written with: money to the cent, the rest as counted. */
const DECIMALS: Record<FeatureName, number> = {
  Recency: 0,
  Frequency: 0,
  Monetary: 2,
  // Quantities can be weights or lengths (1.25 kg); three places keep those and drop float noise.
  TotalQuantity: 3,
  UniqueProducts: 0,
  Tenure: 0,
  AvgOrderValue: 2,
};
const EXPORTED_FEATURES = Object.keys(DECIMALS) as FeatureName[];

/**
 * A number rounded to `places` decimals, as the nearest double to the decimal a person would
 * write: 4309.999999999997 to the cent is 4310. Rounds half away from zero on the decimal text
 * (toFixed works on the binary value, so 1.005 would become 1.00).
 */
export function roundTo(value: number, places: number): number {
  if (!Number.isFinite(value)) return value;
  const scaled = Math.abs(value) * 10 ** places;
  // The tiny nudge undoes binary representation error (1.005 * 100 = 100.49999999999999).
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4)) / 10 ** places;
  const signed = value < 0 ? -rounded : rounded;
  // No -0: a spreadsheet would show it as -0.
  return signed === 0 ? 0 : signed;
}

/** A UTC timestamp as an ISO calendar date (spreadsheets read YYYY-MM-DD in every locale). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const hasAny = (values: readonly string[] | undefined): values is readonly string[] =>
  values !== undefined && values.some((v) => v !== '');

/**
 * The export's header: Email and Country only for a file that has them, the extra columns (lifetime
 * value) by name at the end. One definition for the writer and the end-to-end tests that read it.
 */
export function customerExportHeader(
  has: { email: boolean; country: boolean },
  extra: readonly string[] = [],
): string[] {
  return [
    'CustomerID',
    ...(has.email ? ['Email'] : []),
    ...(has.country ? ['Country'] : []),
    'FirstOrder',
    'LastOrder',
    ...EXPORTED_FEATURES,
    'SegmentNumber',
    'Segment',
    ...extra,
  ];
}

/** The header and rows of the export, cells typed (numbers stay numbers). */
export function customerExportTable(input: CustomerExportInput): {
  header: string[];
  rows: Cell[][];
} {
  const { table, labels, segments } = input;
  const email = hasAny(input.email) ? input.email : null;
  const country = hasAny(input.country) ? input.country : null;
  const header = customerExportHeader(
    { email: email !== null, country: country !== null },
    (input.extra ?? []).map((c) => c.name),
  );
  const only = input.only ?? Array.from(table.ids, (_, i) => i);
  const rows: Cell[][] = [];
  for (let t = 0; t < only.length; t++) {
    const i = only[t]!;
    const cluster = labels[i]!;
    rows.push([
      table.ids[i]!,
      ...(email ? [email[i] ?? ''] : []),
      ...(country ? [country[i] ?? ''] : []),
      isoDate(table.firstPurchase[i]!),
      isoDate(table.lastPurchase[i]!),
      ...EXPORTED_FEATURES.map((f) => roundTo(table.features[f][i]!, DECIMALS[f])),
      cluster + 1,
      segments[cluster]?.name ?? '',
      ...(input.extra ?? []).map((c) => roundTo(c.values[i]!, c.places)),
    ]);
  }
  return { header, rows };
}

export type TextLayout = 'comma' | 'semicolon';

const BOM = '\uFEFF';

/** The export as CSV text with a byte order mark; `semicolon` also writes decimal commas. */
export function customerExportCsv(input: CustomerExportInput, layout: TextLayout): string {
  const { header, rows } = customerExportTable(input);
  const options =
    layout === 'semicolon'
      ? ({ delimiter: ';', decimal: ',' } as const)
      : ({ delimiter: ',', decimal: '.' } as const);
  return BOM + delimitedText(header, rows, options);
}
