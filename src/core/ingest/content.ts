/**
 * Checks a candidate column's sample values before it is given a role. A name alone misleads:
 * Shopify's `Receipt Number` is empty, Stripe's `Invoice ID` is empty for plain charges, Square's
 * `Price Point Name` holds words like `Regular`. Mapping such a column silently gives every
 * customer one order or drops every row, so a column that cannot serve a role is passed over, and
 * the reason is kept (in words a shop owner understands) for the mapping screen and for the error
 * when nothing usable is left.
 */
import type { ColumnRole, Delimiter } from '../types.ts';
import { DATE_FORMATS, parseDate } from './dates.ts';
import { monthNumber } from './year-month.ts';
import { detectDecimalSeparator, parseNumber } from './numbers.ts';

/** The first rows of the file, trimmed, as the sniff read them. */
export interface MappingSample {
  rows: readonly (readonly string[])[];
  delimiter: Delimiter;
}

type Check = 'mostlyFilled' | 'varies' | 'numbers' | 'dates' | 'times' | 'months';

/**
 * What each role needs from its column, beyond not being empty throughout (no role is served by
 * an always-empty column). The order id must tell orders apart (an empty or constant one makes
 * every customer a one-time buyer); money and quantities must be numbers; a date column must hold
 * at least one date. Customer, status, product, description and country are text of any kind.
 */
const ROLE_CHECKS: Record<ColumnRole, readonly Check[]> = {
  customer: [],
  invoice: ['mostlyFilled', 'varies'],
  date: ['dates'],
  time: ['times'],
  month: ['months'],
  quantity: ['numbers'],
  unitPrice: ['numbers'],
  amount: ['numbers'],
  refund: ['numbers'],
  status: [],
  product: [],
  description: [],
  country: [],
  email: [],
};

/** Share of a numeric column's filled cells that may fail to read (stray `n/a`) before it is refused. */
const NON_NUMBER_TOLERANCE = 0.1;

const TIME_OF_DAY = /^\d{1,2}[:.]\d{2}([:.]\d{2}([.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?$/;

/** The cells of one column in the sample ('' where a row is short). */
export function sampleColumn(sample: MappingSample, column: number): string[] {
  return sample.rows.map((row) => row[column] ?? '');
}

/** A value as quoted in a reason: short, so a long description does not swamp the message. */
export function quoteValue(value: string): string {
  return `'${value.length > 30 ? `${value.slice(0, 27)}...` : value}'`;
}

export interface CheckOptions {
  /**
   * An empty column is accepted. For a platform's own status or refund column: a sample of paid
   * orders leaves them blank, and later rows may not.
   */
  allowEmpty?: boolean;
}

/** Why `column` cannot serve `role`, or null when it can (or when there are no rows to judge). */
export function contentProblem(
  role: ColumnRole,
  column: number,
  sample: MappingSample,
  options: CheckOptions = {},
): string | null {
  if (sample.rows.length === 0) return null;
  const cells = sampleColumn(sample, column);
  const filled = cells.filter((c) => c !== '');
  if (filled.length === 0) return options.allowEmpty ? null : 'always empty';
  for (const check of ROLE_CHECKS[role]) {
    const problem = runCheck(check, cells, filled, sample.delimiter);
    if (problem) return problem;
  }
  return null;
}

function runCheck(
  check: Check,
  cells: readonly string[],
  filled: readonly string[],
  delimiter: Delimiter,
): string | null {
  switch (check) {
    case 'mostlyFilled':
      // Rows without an order id cannot be told apart from each other's orders.
      return filled.length * 2 < cells.length
        ? `empty on ${cells.length - filled.length} of ${cells.length} rows`
        : null;
    case 'varies': {
      const first = filled[0] as string;
      return filled.length >= 2 && filled.every((v) => v === first)
        ? `the same value on every row (${quoteValue(first)})`
        : null;
    }
    case 'numbers': {
      const unique = [...new Set(filled)];
      const { decimal } = detectDecimalSeparator(unique, delimiter);
      const bad = new Set(unique.filter((v) => Number.isNaN(parseNumber(v, decimal))));
      if (bad.size === 0) return null;
      const badCells = filled.filter((v) => bad.has(v)).length;
      return badCells > filled.length * NON_NUMBER_TOLERANCE
        ? `not numbers (e.g. ${quoteValue(filled.find((v) => bad.has(v)) as string)})`
        : null;
    }
    case 'dates': {
      const unique = [...new Set(filled)];
      const anyDate = unique.some((v) => DATE_FORMATS.some((f) => !Number.isNaN(parseDate(v, f))));
      return anyDate ? null : `no dates (e.g. ${quoteValue(unique[0] as string)})`;
    }
    case 'months': {
      // A stray bad month is a counted bad date later; a column of mostly other things is no month.
      const bad = filled.filter((v) => monthNumber(v) < 1);
      return bad.length * 2 <= filled.length ? null : `not months (e.g. ${quoteValue(bad[0]!)})`;
    }
    case 'times':
      return filled.some((v) => TIME_OF_DAY.test(v))
        ? null
        : `no times of day (e.g. ${quoteValue(filled[0] as string)})`;
  }
}

/**
 * True when some column holds written dates (ISO, day/month or compact). Excel day numbers are
 * left out: totals and postcodes (36500) read as day numbers, and this asks whether the file has
 * any order date at all.
 */
export function hasWrittenDates(sample: MappingSample, columns: number): boolean {
  const formats = DATE_FORMATS.filter((f) => f !== 'excel-serial');
  for (let c = 0; c < columns; c++) {
    for (const cell of sampleColumn(sample, c)) {
      if (cell !== '' && formats.some((f) => !Number.isNaN(parseDate(cell, f)))) return true;
    }
  }
  return false;
}
