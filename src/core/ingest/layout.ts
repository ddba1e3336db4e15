/**
 * Where the table starts and which rows are not sales: till and EPOS reports put a title block
 * (shop name, report period, blank lines) above the header row and a Totals row below the data,
 * in CSV exports and workbooks alike.
 */
import type { TextOf } from './bytes.ts';

/** Rows (blank ones not counted) in which the header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;
/** Rows after a candidate header whose widths decide the table's width. */
const FOLLOWING_ROWS = 20;

/**
 * A cell that is a value rather than a name: a number (with currency, thousands separators,
 * decimal commas, a sign, brackets or a percent sign), a date or a time.
 */
const VALUE = /^[-+(]?[£$€¥]?\s?\d[\d\s.,:/\-T]*\s?(am|pm)?[)%]?$/i;

const filled = (cell: string) => cell.trim() !== '';

/** Columns up to the last one with something in it. */
function width(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (filled(row[i] as string)) return i + 1;
  return 0;
}

/** The most common width of the rows (the larger on a tie), 0 for none. */
function modalWidth(rows: readonly (readonly string[])[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const w = width(row);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [w, count] of counts)
    if (count > bestCount || (count === bestCount && w > best)) [best, bestCount] = [w, count];
  return best;
}

/**
 * A header row: at least two names, three quarters of its cells text (not numbers or dates), and
 * a name over every column the rows below it fill (their modal width), with at least one row below.
 * The first row needs names over three quarters of those columns only: a header with an unnamed
 * last column must not lose its place to a data row of text further down.
 */
function looksLikeHeader(rows: readonly (readonly string[])[], at: number): boolean {
  const row = rows[at] as readonly string[];
  const cells = row.filter(filled);
  if (cells.length < 2) return false;
  const names = cells.filter((cell) => !VALUE.test(cell.trim())).length;
  if (names < Math.ceil(cells.length * 0.75)) return false;
  const below = rows.slice(at + 1, at + 1 + FOLLOWING_ROWS);
  if (below.length === 0) return false;
  return width(row) >= (at === 0 ? 0.75 : 1) * modalWidth(below);
}

/**
 * The index of the header row among the first rows of a file (blank rows left out): the first of
 * the first `HEADER_SEARCH_ROWS` that looks like a header; the first row when none does, so a
 * file without a title block reads as it always has.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < last; i++) if (looksLikeHeader(rows, i)) return i;
  return 0;
}

/** What a totals or subtotals row starts with, in the languages the column names come in. */
const TOTALS = new Set([
  'total',
  'totals',
  'grand total',
  'grand totals',
  'subtotal',
  'sub total',
  'sum',
  'summe',
  'gesamt',
  'gesamtsumme',
  'zwischensumme',
  'total général',
  'total general',
  'sous-total',
  'totaal',
  'subtotaal',
  'totale',
  'suma',
  'suma total',
  'total geral',
]);

/**
 * Lengths (in UTF-8 bytes, with room for a colon and spaces) and first letters of the labels
 * above, so the reader rules most cells out by two checks without decoding them.
 */
export const TOTALS_MIN_BYTES = 3;
export const TOTALS_MAX_BYTES =
  Math.max(...[...TOTALS].map((label) => new TextEncoder().encode(label).byteLength)) + 4;
/** Lower-cased first bytes of the labels (a byte | 0x20 indexes it). */
export const TOTALS_FIRST_BYTE = new Uint8Array(256);
for (const label of TOTALS) TOTALS_FIRST_BYTE[label.charCodeAt(0)] = 1;

/** A totals label, whatever its case, spaces and a trailing colon. */
export function isTotalsLabel(cell: string): boolean {
  const text = cell.trim();
  if (text.length < TOTALS_MIN_BYTES || text.length > TOTALS_MAX_BYTES) return false;
  return TOTALS.has(text.replace(/:$/, '').trim().replace(/\s+/g, ' ').toLowerCase());
}

/**
 * A totals row, not a sale: its first filled cell is a totals label, and it has no customer (or
 * the label is in the customer column). A row of another column that says "Total" but has a
 * customer is a sale.
 */
export function isTotalsRow(row: readonly string[], customerField: number): boolean {
  const first = row.findIndex(filled);
  if (first === -1 || !isTotalsLabel(row[first] as string)) return false;
  return customerField < 0 || customerField === first || !filled(row[customerField] ?? '');
}

/**
 * `isTotalsRow` for a line read in place (`RowSink`): its fields are `bytes[starts[f], ends[f])`.
 * Decided on the bytes of its first filled cell: a length and a first letter rule out nearly every
 * line before anything is decoded.
 */
export function isScannedTotalsRow(
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  fieldCount: number,
  customerField: number,
  textOf: TextOf,
): boolean {
  let f = 0;
  while (f < fieldCount && ends[f] === starts[f]) f++;
  if (f === fieldCount) return false;
  const start = starts[f] as number;
  const end = ends[f] as number;
  const first = bytes[start] as number;
  // A cell that starts with a space is trimmed first: decide on its text.
  if (first > 32) {
    if (end - start < TOTALS_MIN_BYTES || end - start > TOTALS_MAX_BYTES) return false;
    if (TOTALS_FIRST_BYTE[first | 0x20] !== 1) return false;
  }
  if (!isTotalsLabel(textOf(bytes, start, end))) return false;
  if (customerField < 0 || customerField === f || customerField >= fieldCount) return true;
  return (
    textOf(bytes, starts[customerField] as number, ends[customerField] as number).trim() === ''
  );
}
