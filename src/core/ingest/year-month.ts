/**
 * Months and sales periods in the date column (SPEC "Dates"): a month's number from its name, a
 * year alone, and the `year-month` format's periods (`2011-01`, `201101`, `2011-Jan`) that some
 * till and marketplace reports give instead of a day.
 */
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A month number (1..12), or an English month name or its first three letters or more; else -1. */
export function monthNumber(text: string): number {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : -1;
  }
  if (t.length < 3) return -1;
  return MONTH_NAMES.findIndex((name) => name.startsWith(t)) + 1 || -1;
}

/** A year alone (`2011`): what the date column holds when the month has a column of its own. */
export const isYear = (value: string): boolean => /^\s*\d{4}\s*$/.test(value);

/**
 * A sales period: `2011-01`, `2011/1`, `2011.01`, `201101`, or a year alone (`2011`, when the
 * month is in a column of its own and joined to it first: `2011-Jan`). The first of that month (of
 * January for a year alone). Years 1900..2199 only, so a code or a count is not read as a year.
 */
export function parseYearMonth(value: string): number {
  const s = value.trim();
  const match = /^(\d{4})(?:[-/.]?(\d{2})|[-/.](\d{1,2}|[A-Za-z]{3,9}\.?))?$/.exec(s);
  if (!match) return NaN;
  const year = Number(match[1]);
  if (year < 1900 || year > 2199) return NaN;
  const monthText = match[2] ?? match[3];
  const month = monthText === undefined ? 1 : monthNumber(monthText);
  return month < 1 ? NaN : Date.UTC(year, month - 1, 1);
}
