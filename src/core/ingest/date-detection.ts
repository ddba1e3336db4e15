/**
 * Which format a date column is written in (SPEC "Dates"), decided from its distinct values; the
 * formats themselves are read by dates.ts.
 */
import type { DateFormat } from '../types';
import {
  DATE_FORMATS,
  DAY_FIRST,
  dayMonthReadings,
  MONTH_FIRST,
  parseDate,
  SCANNED,
} from './dates.ts';

export interface DateDetection {
  format: DateFormat;
  /** Both day-first and month-first read the values equally well: the user may switch. */
  ambiguous: boolean;
  /**
   * Formats that read every non-empty value, or all but at most 1% of them, in preference order.
   * `format` is the one among them with the fewest failures (ties go to preference order), so it
   * is not necessarily the first.
   */
  candidates: DateFormat[];
}

/** Share of values a format may fail on and still be chosen; the failures become bad dates. */
const TOLERANCE = 0.01;

const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;

/**
 * Decides the column's format from its unique values (SPEC "Dates"): the format that reads the
 * most values wins, ties going to preference order (iso, mdy, dmy, ymd-compact, excel-serial). A
 * format failing on more than 1% of the non-empty values is out. Hence a column where some first
 * field exceeds 12 is day-first (month-first fails there). Where both readings fit equally,
 * `ambiguous` is set and month-first is chosen (SPEC), except for dates written with dots
 * (`01.12.2010`): no month-first locale writes dots, and the German, Austrian, Swiss, Nordic,
 * Polish and Russian exports that do are day-first. Null when no format reads 99% of the values.
 */
export function detectDateFormat(uniqueValues: readonly string[]): DateDetection | null {
  return detect(uniqueValues, null);
}

/** What detectDateFormat found, and the values read in that format when finding it read them all. */
export interface DatesRead {
  detection: DateDetection | null;
  /** parseDate(value, detection.format) of every value; null if detection did not read them. */
  read: Float64Array | null;
}

/**
 * detectDateFormat on a column's distinct values (empty ones allowed), keeping what it read: an
 * ISO, compact, serial or year-month column is read in full to count its failures, and reading it
 * again to decode it took 13 ms of the UCI file's analysis (40 to 55 ms the first time).
 */
export function detectAndReadDates(values: readonly string[]): DatesRead {
  const reads: Partial<Record<DateFormat, Float64Array>> = {};
  const detection = detect(values, reads);
  return { detection, read: (detection && reads[detection.format]) ?? null };
}

/**
 * detectDateFormat; with `reads`, each format whose failures are counted over every value leaves
 * its reading there (a format given up on part-way leaves none).
 */
function detect(
  uniqueValues: readonly string[],
  reads: Partial<Record<DateFormat, Float64Array>> | null,
): DateDetection | null {
  let nonEmpty = 0;
  for (const v of uniqueValues) if (v !== '') nonEmpty++;
  if (nonEmpty === 0) return null;
  const maxFailures = Math.floor(nonEmpty * TOLERANCE);
  const counted = (format: DateFormat) => {
    const read = reads ? new Float64Array(uniqueValues.length) : null;
    const failed = countFailures(uniqueValues, format, maxFailures, read);
    if (reads && read && failed <= maxFailures) reads[format] = read;
    return failed;
  };

  const failures: Record<DateFormat, number> = {
    iso: counted('iso'),
    mdy: 0,
    dmy: 0,
    'ymd-compact': counted('ymd-compact'),
    'excel-serial': counted('excel-serial'),
    'year-month': counted('year-month'),
  };
  let scannedCount = 0;
  let dotted = 0;
  for (let i = 0; i < uniqueValues.length; i++) {
    if (failures.mdy > maxFailures && failures.dmy > maxFailures) break;
    const v = uniqueValues[i] as string;
    if (v === '') continue;
    const readings = dayMonthReadings(v);
    if (readings & SCANNED) {
      scannedCount++;
      if (firstSeparator(v) === C_DOT) dotted++;
    }
    if (!(readings & MONTH_FIRST)) failures.mdy++;
    if (!(readings & DAY_FIRST)) failures.dmy++;
  }

  const candidates = DATE_FORMATS.filter((f) => failures[f] <= maxFailures);
  let best: DateFormat | undefined;
  for (const format of candidates) {
    if (best === undefined || failures[format] < failures[best]) best = format;
  }
  if (best === undefined) return null;
  const ambiguous = (best === 'mdy' || best === 'dmy') && failures.mdy === failures.dmy;
  if (ambiguous && scannedCount > 0 && dotted === scannedCount) best = 'dmy';
  return { format: best, ambiguous, candidates };
}

/** The character after the leading digits of `value` (its date separator), or NaN. */
function firstSeparator(value: string): number {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) >= C_0 && value.charCodeAt(i) <= C_9) i++;
  return value.charCodeAt(i);
}

/**
 * Non-empty values `format` cannot read, counting until there are more than `maxFailures`; with
 * `read`, each value's reading (empty ones too) is kept there.
 */
function countFailures(
  values: readonly string[],
  format: DateFormat,
  maxFailures: number,
  read: Float64Array | null,
): number {
  let failed = 0;
  for (let i = 0; i < values.length && failed <= maxFailures; i++) {
    const v = values[i] as string;
    const time = parseDate(v, format);
    if (read) read[i] = time;
    if (v !== '' && Number.isNaN(time)) failed++;
  }
  return failed;
}
