import { AnalysisError } from '../errors.ts';
import type { DateFormat, DecimalSeparator, Delimiter } from '../types.ts';
import { type DateDetection, detectAndReadDates } from './date-detection.ts';
import { DATE_FORMATS, parseDate, parseTimeOfDay } from './dates.ts';
import { isYear, monthNumber } from './year-month.ts';
import { detectDecimalSeparator, parseNumber } from './numbers.ts';
import type { Codes } from './intern.ts';
import type { InternedColumn, RawTable } from './read.ts';

/** A numeric column: per-row codes into the parsed distinct values (NaN where not a number). */
export interface NumericColumn {
  codes: Codes;
  values: Float64Array;
  decimal: DecimalSeparator;
}

/** The file's rows, typed: what the cleaning rules and the features read. */
export interface Transactions {
  rowCount: number;
  customer: InternedColumn;
  invoice: InternedColumn | null;
  product: InternedColumn | null;
  description: InternedColumn | null;
  country: InternedColumn | null;
  email: InternedColumn | null;
  /** Order or payment status (Shopify `Financial Status`, Stripe `Status`, Square `Event Type`). */
  status: InternedColumn | null;
  /** Amount refunded of the order or line (Stripe `Amount Refunded`, Shopify `Refunded Amount`). */
  refund: NumericColumn | null;
  /**
   * Per-row codes into `date.values` (the text) and `timestamps` (UTC ms, NaN if unreadable).
   * With a separate time column, each value is a date and a time (`2011-06-01 14:05:33`).
   */
  date: InternedColumn;
  timestamps: Float64Array;
  dateFormat: DateFormat;
  /** Both day-first and month-first read every date: the user may want to switch. */
  dateAmbiguous: boolean;
  dateCandidates: DateFormat[];
  quantity: NumericColumn | null;
  unitPrice: NumericColumn | null;
  amount: NumericColumn | null;
  money: 'quantityTimesPrice' | 'amount';
}

export interface DecodeOptions {
  delimiter: Delimiter;
  /** Overrides the detected date format (the user switched it). */
  dateFormat?: DateFormat | undefined;
}

function numeric(column: InternedColumn | undefined, delimiter: Delimiter): NumericColumn | null {
  if (!column) return null;
  const { decimal } = detectDecimalSeparator(column.values, delimiter);
  const values = new Float64Array(column.values.length);
  for (let i = 0; i < values.length; i++)
    values[i] = parseNumber(column.values[i] as string, decimal);
  return { codes: column.codes, values, decimal };
}

/**
 * The format that reads the most of the values, when none reads all but 1% (so detection gave up):
 * a small file with one unreadable date must lose that row as a counted bad date (SPEC rule 5),
 * not fail as a whole. Null unless the format reads at least half of the values, so a column that
 * is not dates at all still fails with a clear message.
 */
function mostReadDateFormat(values: readonly string[]): DateDetection | null {
  const read = (format: DateFormat) =>
    values.filter((v) => !Number.isNaN(parseDate(v, format))).length;
  const counts = DATE_FORMATS.map(read);
  const best = counts.indexOf(Math.max(...counts));
  const format = DATE_FORMATS[best];
  if (format === undefined || (counts[best] as number) * 2 < values.length) return null;
  const mdy = counts[DATE_FORMATS.indexOf('mdy')];
  const ambiguous =
    (format === 'mdy' || format === 'dmy') && mdy === counts[DATE_FORMATS.indexOf('dmy')];
  return { format, ambiguous, candidates: [format] };
}

/** Decides the date format and number style from each column's distinct values, then parses them. */
export function decodeTable(raw: RawTable, options: DecodeOptions): Transactions {
  const { columns } = raw;
  const customer = columns.customer;
  const date = columns.date;
  const money =
    columns.quantity && columns.unitPrice ? 'quantityTimesPrice' : columns.amount ? 'amount' : null;
  if (!customer || !date || money === null)
    throw new AnalysisError('bad-mapping', 'Choose the customer, date and money columns first.');

  const nonEmptyDates = date.values.filter((v) => v !== '');
  if (columns.month && nonEmptyDates.length > 0 && nonEmptyDates.every(isYear))
    return {
      ...decodeOther(raw, options, money),
      ...withMonth(date, columns.month),
      dateFormat: 'year-month',
      dateAmbiguous: false,
      dateCandidates: ['year-month'],
    };
  const { detection, read } = detectAndReadDates(date.values);
  const detected = detection ?? mostReadDateFormat(nonEmptyDates);
  const dateFormat = options.dateFormat ?? detected?.format;
  if (!dateFormat)
    throw new AnalysisError(
      'no-dates',
      `The column chosen as the order date does not contain dates we can read (for example "${
        date.values.find((v) => v !== '') ?? ''
      }"). Choose another date column, or export dates as 2011-12-09 or 12/9/2011.`,
    );
  let dayTimes = read !== null && dateFormat === detection?.format ? read : null;
  if (!dayTimes) {
    dayTimes = new Float64Array(date.values.length);
    for (let i = 0; i < dayTimes.length; i++)
      dayTimes[i] = parseDate(date.values[i] as string, dateFormat);
  }
  const { column: dateColumn, timestamps } = columns.time
    ? withTimeOfDay(date, dayTimes, columns.time)
    : { column: date, timestamps: dayTimes };

  return {
    ...decodeOther(raw, options, money),
    date: dateColumn,
    timestamps,
    dateFormat,
    dateAmbiguous: detected?.ambiguous ?? false,
    dateCandidates: detected?.candidates ?? [dateFormat],
  };
}

/** Every column but the date, typed. */
function decodeOther(
  raw: RawTable,
  options: DecodeOptions,
  money: Transactions['money'],
): Omit<Transactions, 'date' | 'timestamps' | 'dateFormat' | 'dateAmbiguous' | 'dateCandidates'> {
  const { columns } = raw;
  return {
    rowCount: raw.rowCount,
    customer: columns.customer!,
    invoice: columns.invoice ?? null,
    product: columns.product ?? null,
    description: columns.description ?? null,
    country: columns.country ?? null,
    email: columns.email ?? null,
    status: columns.status ?? null,
    refund: numeric(columns.refund, options.delimiter),
    quantity: numeric(columns.quantity, options.delimiter),
    unitPrice:
      money === 'quantityTimesPrice' ? numeric(columns.unitPrice, options.delimiter) : null,
    amount: money === 'amount' ? numeric(columns.amount, options.delimiter) : null,
    money,
  };
}

/**
 * Sales aggregated by month: the year column and the month column make the date, the first of
 * that month (`2011` and `3` or `Mar` -> 2011-03-01), one code per distinct (year, month) pair. A
 * month that is not one (`13`, `x`) or an empty year makes the row's date unreadable: a counted
 * bad date.
 */
function withMonth(
  year: InternedColumn,
  month: InternedColumn,
): { date: InternedColumn; timestamps: Float64Array } {
  const monthCount = month.values.length;
  const monthOf = month.values.map(monthNumber);
  const pairs = new Map<number, number>();
  const codes = new Int32Array(year.codes.length);
  const values: string[] = [];
  const stamps: number[] = [];
  for (let row = 0; row < codes.length; row++) {
    const y = year.codes[row] as number;
    const m = month.codes[row] as number;
    const key = y * monthCount + m;
    let code = pairs.get(key);
    if (code === undefined) {
      code = values.length;
      pairs.set(key, code);
      const yearText = (year.values[y] as string).trim();
      const monthNo = monthOf[m] as number;
      const text =
        monthNo > 0
          ? `${yearText}-${String(monthNo).padStart(2, '0')}`
          : `${yearText}-${month.values[m] as string}`;
      values.push(text);
      stamps.push(monthNo > 0 && isYear(yearText) ? parseDate(text, 'year-month') : NaN);
    }
    codes[row] = code;
  }
  return { date: { codes, values }, timestamps: Float64Array.from(stamps) };
}

const DAY_MS = 86_400_000;

/**
 * Folds a separate time-of-day column (Square's `Date` + `Time`) into the date: one code per
 * distinct (date, time) pair. The format was decided on the dates alone. A date that carries its
 * own time of day keeps it; an empty time leaves the date at midnight; a time that cannot be read
 * makes the row's date unreadable (a counted bad date, never a silent midnight).
 */
function withTimeOfDay(
  date: InternedColumn,
  dayTimes: Float64Array,
  time: InternedColumn,
): { column: InternedColumn; timestamps: Float64Array } {
  const timeCount = time.values.length;
  const timeMs = time.values.map((v) => (v === '' ? 0 : parseTimeOfDay(v)));
  const pairs = new Map<number, number>();
  const codes = new Int32Array(date.codes.length);
  const values: string[] = [];
  const stamps: number[] = [];
  for (let row = 0; row < codes.length; row++) {
    const d = date.codes[row] as number;
    const t = time.codes[row] as number;
    const key = d * timeCount + t;
    let code = pairs.get(key);
    if (code === undefined) {
      code = values.length;
      pairs.set(key, code);
      const dateText = date.values[d] as string;
      const timeText = time.values[t] as string;
      values.push(timeText === '' || dateText === '' ? dateText : `${dateText} ${timeText}`);
      const day = dayTimes[d] as number;
      stamps.push(day % DAY_MS !== 0 ? day : day + (timeMs[t] as number));
    }
    codes[row] = code;
  }
  return { column: { codes, values }, timestamps: Float64Array.from(stamps) };
}
