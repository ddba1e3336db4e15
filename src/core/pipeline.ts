/**
 * The stages composed: read, decode and clean the file, group rows by customer and compute the
 * cohort matrix (here); scale, sweep k and profile segments (clustering.ts, re-exported). The
 * analysis session (session/) runs them and keeps what later questions need.
 */
import { cleanTransactions, type CleanedRows } from './clean/clean.ts';
import { resolveOrders } from './clean/orders.ts';
import { cohortRetention, type CohortRetention } from './cohort/cohort.ts';
import { AnalysisError, throwIfAborted } from './errors.ts';
import { type CustomerGroups, type CustomerTable, groupByCustomer } from './features/customers.ts';
import { checkMapping, ROLE_LABELS, type RoleReport } from './ingest/columns.ts';
import { decodeTable, type Transactions } from './ingest/decode.ts';
import { readTable, type RawTable } from './ingest/read.ts';
import { type FileSniff, sniffFile } from './ingest/sniff.ts';
import type { ByteSource } from './ingest/source.ts';
import type { RestReader } from './ingest/split.ts';
import { openAsText, type WorkbookInfo } from './ingest/workbook.ts';
import { cutAtDate } from './model/periods.ts';
import type { Reporter } from './progress.ts';
import type { ColumnMapping, ColumnRole, DateFormat } from './types.ts';

export {
  ALL_CUSTOMERS,
  cluster,
  type ClusterOptions,
  type Clustering,
  DEFAULT_CLUSTER_OPTIONS,
  NO_CLEAR_SEGMENT,
  noSegmentsMessage,
  OUTLIER_HANDLINGS,
  type OutlierHandling,
  segmentsFor,
} from './clustering.ts';

export interface LoadOptions {
  /** Overrides the guessed column mapping (the user re-mapped columns). */
  mapping?: ColumnMapping | undefined;
  /** Overrides the detected date format (the user switched day/month order). */
  dateFormat?: DateFormat | undefined;
  nonProductCodes?: readonly string[] | undefined;
  /** Only the lines dated up to the end of this day (YYYY-MM-DD): the file as exported then. */
  until?: string | undefined;
}

export interface AnalysisWarning {
  code:
    | 'malformed-rows'
    | 'bad-dates'
    | 'encoding-fallback'
    | 'ambiguous-dates'
    | 'few-customers'
    | 'feature-fallback'
    | 'workbook-sheet'
    | 'order-fields-filled'
    | 'refunds-netted'
    | 'totals-row'
    | 'nul-bytes'
    | 'until'
    | 'monthly-dates';
  message: string;
}

/** Everything read and derived from the file, before clustering. Kept by the worker for re-runs. */
export interface PreparedData {
  sniff: FileSniff;
  mapping: ColumnMapping;
  raw: RawTable;
  tx: Transactions;
  cleaned: CleanedRows;
  groups: CustomerGroups;
  cohort: CohortRetention;
  warnings: AnalysisWarning[];
  timings: Partial<Record<string, number>>;
}

/**
 * PreparedData without its rows: every per-file and per-customer result, none of the arrays with
 * an entry per line of the file (the columns' codes, the kept lines, the lines by customer).
 */
export type PreparedSummary = Omit<PreparedData, 'raw' | 'tx' | 'cleaned' | 'groups'> & {
  raw: Omit<RawTable, 'columns'>;
  tx: Pick<Transactions, 'dateFormat' | 'money'>;
  cleaned: Omit<CleanedRows, 'kept'>;
  groups: Pick<CustomerGroups, 'table'>;
};

/**
 * `data` as a summary that does not hold its rows, so they can be collected once let go, with
 * `table` for its customers (one that holds no rows either: `tableWithoutRows`).
 */
export function withoutRows(data: PreparedData, table: CustomerTable): PreparedSummary {
  const { columns: _columns, ...raw } = data.raw;
  const { kept: _kept, ...cleaned } = data.cleaned;
  const { dateFormat, money } = data.tx;
  return { ...data, raw, tx: { dateFormat, money }, cleaned, groups: { table } };
}

const clock = () => performance.now();

function timed<T>(timings: PreparedData['timings'], stage: string, work: () => T): T {
  const start = clock();
  const result = work();
  timings[stage] = (timings[stage] ?? 0) + clock() - start;
  return result;
}

/** Reads, decodes and cleans the file, groups rows by customer and computes the cohort matrix. */
export async function prepare(
  source: ByteSource,
  options: LoadOptions,
  report: Reporter,
  signal?: AbortSignal,
  knownSniff?: FileSniff,
  /** Another thread, to read half of a large file (ingest/split.ts). */
  reader?: RestReader,
): Promise<PreparedData> {
  const timings: PreparedData['timings'] = {};
  const t0 = clock();
  const sniff = knownSniff ?? (await sniffFile(source));
  const mapping = options.mapping ?? sniff.mapping;
  const problem = checkMapping(mapping, sniff.headers.length);
  if (problem.missing.length > 0 || problem.duplicates.length > 0)
    throw new AnalysisError(
      'missing-columns',
      describeMappingProblem(problem, sniff.mappingReport),
      JSON.stringify(problem),
    );

  // Descriptions are shown on the mapping screen but no number depends on them: skip reading them.
  const { description: _description, ...analysedColumns } = mapping;
  // A workbook is read as the CSV it converts to (converted once, when it was sniffed).
  const text = await openAsText(source);
  const settings = { ...sniff, mapping: analysedColumns };
  const raw = await readTable(text.source, settings, report, signal, reader);
  timings.read = clock() - t0;
  if (raw.rowCount === 0)
    throw new AnalysisError(
      'no-rows',
      'This file has a header but no rows of sales. Check that you exported the right period.',
    );
  throwIfAborted(signal);

  report('clean', 0, raw.rowCount, true);
  const decoded = timed(timings, 'decode', () =>
    decodeTable(raw, { delimiter: sniff.delimiter, dateFormat: options.dateFormat }),
  );
  const orders = timed(timings, 'clean', () => resolveOrders(decoded));
  const { tx } = orders;
  const allCleaned = timed(timings, 'clean', () =>
    cleanTransactions(tx, { nonProductCodes: options.nonProductCodes, orders }),
  );
  const { cleaned, untilWarning } = upTo(tx, allCleaned, options.until);
  report('clean', 1, cleaned.report.rows_kept, true);
  throwIfAborted(signal);

  report('features', 0, cleaned.report.rows_kept, true);
  const groups = timed(timings, 'features', () => groupByCustomer(tx, cleaned.kept));
  report('features', 1, groups.table.ids.length, true);
  const cohort = timed(timings, 'cohort', () => cohortRetention(tx, groups));
  report('cohort', 1, groups.table.ids.length, true);

  return {
    sniff,
    mapping,
    raw,
    tx,
    cleaned,
    groups,
    cohort,
    warnings: [
      ...workbookWarnings(text.workbook),
      ...collectWarnings(raw, tx, cleaned, groups),
      ...untilWarning,
    ],
    timings,
  };
}

/** The cleaned lines up to the end of `until` (cut after cleaning: model/periods.ts says why). */
function upTo(
  tx: Transactions,
  cleaned: CleanedRows,
  until: string | undefined,
): { cleaned: CleanedRows; untilWarning: AnalysisWarning[] } {
  if (until === undefined) return { cleaned, untilWarning: [] };
  const cut = cutAtDate(tx, cleaned.kept, until);
  if (cut.earlier.length === 0)
    throw new AnalysisError(
      'compare-periods',
      `This file has no sales on or before ${until}: choose a later date.`,
      until,
    );
  const message = `Only the sales up to ${until} are used: ${cut.after.length.toLocaleString('en')} later lines are left out.`;
  return { cleaned: { ...cleaned, kept: cut.earlier }, untilWarning: [{ code: 'until', message }] };
}

export function describeMappingProblem(
  problem: ReturnType<typeof checkMapping>,
  report: readonly RoleReport[] = [],
): string {
  const names = {
    customer: 'customer ID',
    date: 'order date',
    money: 'money (quantity and unit price, or a line amount)',
  };
  if (problem.missing.length > 0)
    return `We could not find the ${problem.missing.map((m) => names[m]).join(', the ')} column${
      problem.missing.length > 1 ? 's' : ''
    }. Choose ${problem.missing.length > 1 ? 'them' : 'it'} in the column mapping.${consideredColumns(problem.missing, report)}`;
  return 'The same column is chosen for two different meanings. Choose a different column for each.';
}

/** The columns that were candidates for the missing roles and why each was passed over. */
function consideredColumns(
  missing: ReturnType<typeof checkMapping>['missing'],
  report: readonly RoleReport[],
): string {
  const roles = new Set<ColumnRole>(
    missing.flatMap((m): ColumnRole[] =>
      m === 'money' ? ['quantity', 'unitPrice', 'amount'] : [m],
    ),
  );
  const reasons = report
    .filter((r) => roles.has(r.role))
    .flatMap((r) => r.rejected.map((x) => `"${x.header}" as ${ROLE_LABELS[r.role]}: ${x.reason}`));
  return reasons.length > 0 ? ` Columns considered and not used: ${reasons.join('; ')}.` : '';
}

function workbookWarnings(workbook: WorkbookInfo | null): AnalysisWarning[] {
  if (!workbook || workbook.sheets.length < 2) return [];
  const others = workbook.sheets.filter((s) => s !== workbook.sheet);
  return [
    {
      code: 'workbook-sheet',
      message: `This workbook has ${workbook.sheets.length} sheets; we read "${workbook.sheet}" (the first with data) and left out ${others.map((s) => `"${s}"`).join(', ')}. To analyse another sheet, move it first or save it as CSV.`,
    },
  ];
}

function collectWarnings(
  raw: RawTable,
  tx: Transactions,
  cleaned: CleanedRows,
  groups: CustomerGroups,
): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const fmt = (n: number) => n.toLocaleString('en');
  if (raw.malformedRows > 0)
    warnings.push({
      code: 'malformed-rows',
      message: `${fmt(raw.malformedRows)} rows had more or fewer fields than the header (for example line ${raw.malformedExamples.join(', ')}); missing fields were read as empty.`,
    });
  if (cleaned.report.bad_date > 0)
    warnings.push({
      code: 'bad-dates',
      message: `${fmt(cleaned.report.bad_date)} rows had dates we could not read (for example ${cleaned.badDateExamples
        .map((d) => `"${d}"`)
        .join(', ')}); they were left out.`,
    });
  if (raw.totalsRows > 0)
    warnings.push({
      code: 'totals-row',
      message: `${raw.totalsRows === 1 ? 'A totals row' : `${fmt(raw.totalsRows)} totals rows`} (starting "Total" or similar, with no customer) ${raw.totalsRows === 1 ? 'was' : 'were'} left out: ${raw.totalsRows === 1 ? 'it is' : 'they are'} not sales.`,
    });
  if (raw.nulBytes > 0)
    warnings.push({
      code: 'nul-bytes',
      message: `The file had ${fmt(raw.nulBytes)} stray NUL ${raw.nulBytes === 1 ? 'character' : 'characters'} (invisible, usually from a broken export); ${raw.nulBytes === 1 ? 'it was' : 'they were'} removed.`,
    });
  if (raw.encodingFallback)
    warnings.push({
      code: 'encoding-fallback',
      message: 'The file is not UTF-8; it was read as Windows-1252 (Western European).',
    });
  const { lines_filled_from_order: filled, lines_net_of_refunds: netted } = cleaned.report;
  if (filled > 0)
    warnings.push({
      code: 'order-fields-filled',
      message: `${fmt(filled)} lines had no customer, status, country or date of their own; they took them from another line of the same order (exports such as Shopify's write these once per order).`,
    });
  if (netted > 0)
    warnings.push({
      code: 'refunds-netted',
      message: `${fmt(netted)} lines of partly refunded orders count net of the refund (the refunded amount is shared over the order's lines by their value).`,
    });
  if (tx.dateAmbiguous)
    warnings.push({
      code: 'ambiguous-dates',
      message: `Every date reads both month-first and day-first; we used ${tx.dateFormat === 'dmy' ? 'day-first' : 'month-first'}. Switch it in the column settings if that is wrong.`,
    });
  if (tx.dateFormat === 'year-month')
    warnings.push({
      code: 'monthly-dates',
      message: `The file gives months, not days: each sale is dated the 1st of its month, so recency is accurate to a month${
        tx.invoice ? '' : ' and, with no order number, frequency counts the months with a purchase'
      }.`,
    });
  // The notes are sentences for the owner; the feature's internal name stays out of them.
  for (const note of Object.values(groups.table.fallbacks))
    warnings.push({ code: 'feature-fallback', message: note });
  return warnings;
}
