/**
 * The example on the Columns screen's date card: one date from the file and what the analysis
 * will take it to mean. Monthly sales files (a distributor's view: `year` + `month` columns, or
 * one period column such as `2011-01` or `201101`) have no day, so their example says the month
 * and that each sale is dated the first day of it, not a weekday and a day the file never gave.
 */
import { formatDateExample, isYear, parseDate } from '../../core/index.ts';
import type { DateFormat } from '../../core/types.ts';

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthAndYear = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export const FIRST_OF_MONTH = 'dates are the first day of the month';

/** One date of the first rows: the value the engine parses, and how the file writes it. */
export interface DateSample {
  value: string;
  shown: string;
}

/** What one example reads as: the date in words, and a detail beneath it. */
export interface DateReading {
  reads: string;
  detail: string;
}

/**
 * How `value` reads in `format`; null when it cannot be read that way. Periods (`year-month`)
 * read as a month ("December 2010"), every other format as a day ("Friday, 1 January 2010").
 */
export function readDateExample(value: string, format: DateFormat): DateReading | null {
  const ms = parseDate(value, format);
  if (!Number.isFinite(ms)) return null;
  return format === 'year-month'
    ? { reads: monthAndYear.format(ms), detail: FIRST_OF_MONTH }
    : { reads: longDate.format(ms), detail: formatDateExample(ms) };
}

/**
 * The distinct dates of the first rows. With a month column beside a column of years (the only
 * case in which the analysis joins them), each row's year and month make one period, parsed as
 * `2010-12` and shown as "2010 + 12" (`yearAndMonth`); otherwise the date column's own values.
 */
export function dateSamples(
  rows: readonly (readonly string[])[],
  dateColumn: number | undefined,
  monthColumn?: number,
): { samples: DateSample[]; yearAndMonth: boolean } {
  if (dateColumn === undefined) return { samples: [], yearAndMonth: false };
  const years = rows.map((row) => row[dateColumn] ?? '').filter((v) => v !== '');
  const joined = monthColumn !== undefined && years.length > 0 && years.every(isYear);
  const seen = new Map<string, DateSample>();
  for (const row of rows) {
    const date = (row[dateColumn] ?? '').trim();
    if (date === '') continue;
    const month = joined ? (row[monthColumn] ?? '').trim() : '';
    const sample = joined
      ? { value: `${date}-${month}`, shown: `${date} + ${month}` }
      : { value: row[dateColumn] as string, shown: row[dateColumn] as string };
    if (!seen.has(sample.value)) seen.set(sample.value, sample);
  }
  return { samples: [...seen.values()], yearAndMonth: joined };
}
