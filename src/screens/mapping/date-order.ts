/**
 * Day-first or month-first, in words a shop owner checks at a glance: one date from the file and
 * what it means each way. Shared by the Columns screen (before the analysis, from the first rows)
 * and the overview (after it, when every date in the file still reads both ways).
 */
import { parseDate } from '../../core/index.ts';
import type { DateFormat } from '../../core/types.ts';

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'Year first (2011-12-31)',
  mdy: 'Month first (12/31/2011)',
  dmy: 'Day first (31/12/2011)',
  'ymd-compact': 'Compact (20111231)',
  'excel-serial': 'Excel day number (40908)',
  'year-month': 'Months (2011-12): each sale dated the 1st of its month',
};

const dayAndMonth = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

export interface TwoReadings {
  /** The date as written in the file. */
  raw: string;
  /** What it means read day-first, and month-first: "1 December", "12 January". */
  dayFirst: string;
  monthFirst: string;
}

/**
 * The first of `dates` that day-first and month-first read as two different days, with both
 * readings; null when there is none (every date reads one way only, or as the same day both ways).
 */
export function twoReadings(dates: readonly string[]): TwoReadings | null {
  for (const raw of dates) {
    const dayFirst = parseDate(raw, 'dmy');
    const monthFirst = parseDate(raw, 'mdy');
    if (Number.isFinite(dayFirst) && Number.isFinite(monthFirst) && dayFirst !== monthFirst)
      return {
        raw,
        dayFirst: dayAndMonth.format(dayFirst),
        monthFirst: dayAndMonth.format(monthFirst),
      };
  }
  return null;
}

/** The date part of a value (`01.12.2010` of `01.12.2010 08:26`), short enough for a sentence. */
export function datePart(raw: string): string {
  return raw.trim().split(/[\sT]/)[0] ?? raw;
}

/** Day-first for month-first and back; null for formats that have no other order. */
export function otherOrder(format: DateFormat): 'dmy' | 'mdy' | null {
  return format === 'dmy' ? 'mdy' : format === 'mdy' ? 'dmy' : null;
}
