/**
 * Date formats of the date column (SPEC "Input": dates). The ingest layer hands us the column's
 * unique, trimmed strings; the format is decided once per column, then each unique is parsed once.
 *
 * Every timestamp is a naive wall-clock time turned into "UTC epoch ms of that wall clock" with
 * Date.UTC, so no time zone or daylight-saving rule can move a purchase. An explicit `Z`, UTC
 * offset or ` UTC` after an ISO time is accepted and dropped (not applied): the shop's local time is
 * what the owner means (Shopify stamps `2011-06-01 12:05:00 +0100`), mixing zones inside one file is
 * far rarer than a file stamped in local time with a misleading suffix, and applying it would make
 * recency depend on it.
 *
 * Parsing is hand-written over char codes with a module-level cursor: 300k uniques must be read
 * several times during detection in well under 100 ms, which rules out Date.parse, per-value
 * regex match arrays and closures.
 */
import type { DateFormat } from '../types';
import { parseYearMonth } from './year-month.ts';

/** Order in which formats are preferred when several read the values equally well. */
export const DATE_FORMATS: readonly DateFormat[] = [
  'iso',
  'mdy',
  'dmy',
  'ymd-compact',
  'excel-serial',
  'year-month',
];

const DAY_MS = 86_400_000;
/** Serial day number of 1970-01-01 in the Excel (1900, Lotus-compatible) date system. */
const EXCEL_EPOCH_SERIAL = 25_569;
/** Serials outside 1954..2119 are far likelier to be some other number than a date. */
const EXCEL_MIN = 20_000;
const EXCEL_MAX = 80_000;

const C_0 = 48;
const C_9 = 57;
const C_SPACE = 32;
const C_TAB = 9;
const C_COLON = 58;
const C_DOT = 46;
const C_DASH = 45;
const C_SLASH = 47;
const C_PLUS = 43;

// Cursor shared by the scanners below (single-threaded; never escapes a parse call).
let pos = 0;

/** Reads minDigits..maxDigits ASCII digits at `pos`; -1 (cursor unspecified) if fewer. */
function digits(s: string, minDigits: number, maxDigits: number): number {
  let value = 0;
  let n = 0;
  while (n < maxDigits && pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c < C_0 || c > C_9) break;
    value = value * 10 + (c - C_0);
    pos++;
    n++;
  }
  return n >= minDigits ? value : -1;
}

function isDateSeparator(c: number): boolean {
  return c === C_DASH || c === C_SLASH || c === C_DOT;
}

function skipSpaces(s: string): number {
  const start = pos;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c !== C_SPACE && c !== C_TAB) break;
    pos++;
  }
  return pos - start;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** As Python's strptime %y (POSIX): 69-99 are 19xx, 00-68 are 20xx. */
function expandYear(twoDigits: number): number {
  return twoDigits >= 69 ? 1900 + twoDigits : 2000 + twoDigits;
}

// Date.UTC costs about as much as the rest of a parse; uniques arrive in file order, which is
// nearly always chronological, so remembering the last month start saves most calls.
let cachedMonthKey = -1;
let cachedMonthStart = 0;

function isValidDate(year: number, month: number, day: number): boolean {
  // Date.UTC maps years 0..99 to 19xx; four-digit years below 1000 are not transaction dates.
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch ms of midnight of a valid calendar date, or NaN; never rolls 31/04 over into May. */
function dayStart(year: number, month: number, day: number): number {
  if (!isValidDate(year, month, day)) return NaN;
  const key = year * 16 + month;
  if (key !== cachedMonthKey) {
    cachedMonthStart = Date.UTC(year, month - 1, 1);
    cachedMonthKey = key;
  }
  return cachedMonthStart + (day - 1) * DAY_MS;
}

/**
 * Time of day at `pos` running to the end of the value (after an optional ISO zone when `iso`):
 * `H:MM`, `H:MM:SS`, `H:MM:SS.fff`, optionally followed by AM/PM; with `compact`, also `HHMM` and
 * `HHMMSS`. Returns ms since midnight or -1.
 */
function timeOfDay(s: string, compact: boolean, iso: boolean): number {
  const hourStart = pos;
  let hour = digits(s, 1, 2);
  if (hour < 0) return -1;
  let minute: number;
  let second = 0;
  let ms = 0;
  if (pos < s.length && s.charCodeAt(pos) === C_COLON) {
    pos++;
    minute = digits(s, 2, 2);
    if (minute < 0) return -1;
    if (pos < s.length && s.charCodeAt(pos) === C_COLON) {
      pos++;
      second = digits(s, 2, 2);
      if (second < 0) return -1;
      if (pos < s.length && (s.charCodeAt(pos) === C_DOT || s.charCodeAt(pos) === 44)) {
        pos++;
        // Sub-millisecond digits are truncated rather than rounded so 59.9999 stays in its second.
        const fracStart = pos;
        let scale = 100;
        while (pos < s.length) {
          const c = s.charCodeAt(pos);
          if (c < C_0 || c > C_9) break;
          ms += (c - C_0) * scale;
          scale /= 10;
          pos++;
        }
        if (pos === fracStart) return -1;
        ms = Math.floor(ms);
      }
    }
  } else if (compact && pos - hourStart === 2) {
    minute = digits(s, 2, 2);
    if (minute < 0) return -1;
    const afterMinute = pos;
    second = digits(s, 2, 2);
    if (second < 0) {
      pos = afterMinute;
      second = 0;
    }
  } else {
    return -1;
  }

  const spaces = skipSpaces(s);
  if (pos + 1 < s.length) {
    const a = s.charCodeAt(pos) | 0x20;
    const m = s.charCodeAt(pos + 1) | 0x20;
    if ((a === 97 || a === 112) && m === 109) {
      if (hour < 1 || hour > 12) return -1;
      hour = (hour % 12) + (a === 112 ? 12 : 0);
      pos += 2;
    } else if (spaces > 0 && !iso) {
      return -1;
    }
  }
  if (iso && !skipZone(s)) return -1;
  if (pos !== s.length || hour > 23 || minute > 59 || second > 59) return -1;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/**
 * Consumes an optional `Z`, `+HH`, `+HHMM` or `+HH:MM`, or `UTC` / `GMT` optionally followed by
 * such an offset (Shopify writes ` +0100`, other exports `Z`, `-05:00` or ` UTC`): all ignored, see
 * the module comment.
 */
function skipZone(s: string): boolean {
  skipSpaces(s);
  if (pos >= s.length) return true;
  const name = s.slice(pos, pos + 3).toUpperCase();
  if (name === 'UTC' || name === 'GMT') {
    pos += 3;
    if (pos >= s.length) return true;
  }
  const c = s.charCodeAt(pos);
  if (c === 90 || c === 122) {
    pos++;
    return true;
  }
  if (c !== C_PLUS && c !== C_DASH) return false;
  pos++;
  if (digits(s, 2, 2) < 0) return false;
  if (pos < s.length && s.charCodeAt(pos) === C_COLON) pos++;
  if (pos < s.length && digits(s, 2, 2) < 0) return false;
  return true;
}

/** The optional time part that follows a date ending at `pos`: ms since midnight, or -1. */
function timePart(s: string, timeSeparatorT: boolean, compact: boolean): number {
  if (pos === s.length) return 0;
  const c = s.charCodeAt(pos);
  if (timeSeparatorT && (c === 84 || c === 116)) pos++;
  else if (skipSpaces(s) === 0) return -1;
  return timeOfDay(s, compact, timeSeparatorT);
}

/**
 * A time of day on its own (`14:05:33`, `2:05 PM`, `14:05:33 +01:00`), as a separate time column
 * holds it: ms since midnight, or NaN.
 */
export function parseTimeOfDay(value: string): number {
  pos = 0;
  const ms = timeOfDay(value, false, true);
  return ms < 0 ? NaN : ms;
}

function parseIso(s: string): number {
  pos = 0;
  const year = digits(s, 4, 4);
  if (year < 0 || pos >= s.length) return NaN;
  const sep = s.charCodeAt(pos);
  if (!isDateSeparator(sep)) return NaN;
  pos++;
  const month = digits(s, 1, 2);
  if (month < 0 || pos >= s.length || s.charCodeAt(pos) !== sep) return NaN;
  pos++;
  const day = digits(s, 1, 2);
  if (day < 0) return NaN;
  const time = timePart(s, true, false);
  return time < 0 ? NaN : dayStart(year, month, day) + time;
}

// Fields of the last scanDayMonth, so detection can judge both readings from one scan.
let scannedFirst = 0;
let scannedSecond = 0;
let scannedYear = 0;
let scannedTime = 0;

/** Reads `A/B/YY[YY][ time]` (`/`, `-` or `.`, the same twice) without deciding which is the day. */
function scanDayMonth(s: string): boolean {
  pos = 0;
  const first = digits(s, 1, 2);
  if (first < 0 || pos >= s.length) return false;
  const sep = s.charCodeAt(pos);
  if (!isDateSeparator(sep)) return false;
  pos++;
  const second = digits(s, 1, 2);
  if (second < 0 || pos >= s.length || s.charCodeAt(pos) !== sep) return false;
  pos++;
  const yearStart = pos;
  const year = digits(s, 2, 4);
  const yearDigits = pos - yearStart;
  if (year < 0 || yearDigits === 3) return false;
  const time = timePart(s, false, false);
  if (time < 0) return false;
  scannedFirst = first;
  scannedSecond = second;
  scannedYear = yearDigits === 2 ? expandYear(year) : year;
  scannedTime = time;
  return true;
}

function parseDayMonth(s: string, monthFirst: boolean): number {
  if (!scanDayMonth(s)) return NaN;
  const day = monthFirst
    ? dayStart(scannedYear, scannedFirst, scannedSecond)
    : dayStart(scannedYear, scannedSecond, scannedFirst);
  return day + scannedTime;
}

function parseCompact(s: string): number {
  pos = 0;
  const year = digits(s, 4, 4);
  const month = digits(s, 2, 2);
  const day = digits(s, 2, 2);
  if (year < 0 || month < 0 || day < 0) return NaN;
  // Basic ISO 8601 (20101201T0826, 20101201 082600): `T` and a zone are accepted as for iso.
  const time = timePart(s, true, true);
  return time < 0 ? NaN : dayStart(year, month, day) + time;
}

function parseExcel(s: string): number {
  // Plain digits with an optional fraction only: Number() alone would accept '1e4', ' 4', '0x..'.
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === C_DOT) dots++;
    else if (c < C_0 || c > C_9) return NaN;
  }
  if (dots > 1 || s.length === 0 || s.charCodeAt(0) === C_DOT) return NaN;
  const serial = Number(s);
  if (!(serial >= EXCEL_MIN && serial <= EXCEL_MAX)) return NaN;
  return Math.round((serial - EXCEL_EPOCH_SERIAL) * 86_400) * 1000;
}

/** dayMonthReadings' bits: the value is A/B/Y[ time], and it reads as month-first, as day-first. */
export const SCANNED = 1;
export const MONTH_FIRST = 2;
export const DAY_FIRST = 4;

/**
 * For date detection, which of month-first and day-first read `s` (`SCANNED`, `MONTH_FIRST`,
 * `DAY_FIRST` bits; 0 when it is not A/B/Y[ time] at all): both readings from one scan, so an
 * ambiguous column is not read twice in full.
 */
export function dayMonthReadings(s: string): number {
  if (!scanDayMonth(s)) return 0;
  return (
    SCANNED |
    (isValidDate(scannedYear, scannedFirst, scannedSecond) ? MONTH_FIRST : 0) |
    (isValidDate(scannedYear, scannedSecond, scannedFirst) ? DAY_FIRST : 0)
  );
}

/** UTC epoch ms of the naive wall-clock time `value` written in `format`; NaN if it does not parse. */
export function parseDate(value: string, format: DateFormat): number {
  switch (format) {
    case 'iso':
      return parseIso(value);
    case 'mdy':
      return parseDayMonth(value, true);
    case 'dmy':
      return parseDayMonth(value, false);
    case 'ymd-compact':
      return parseCompact(value);
    case 'excel-serial':
      return parseExcel(value);
    case 'year-month':
      return parseYearMonth(value);
  }
}
