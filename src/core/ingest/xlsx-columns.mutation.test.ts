/**
 * `SheetToColumns` fed hand-written sheet XML directly (no zip, no reader around it): which rows
 * are title, header, data, totals or malformed, the line numbers it reports, what each mapped
 * cell becomes (shared strings, numbers printed as the CSV reader would read them, date serials,
 * inline strings, empty cells), NULs counted per cell, rows wider than its first notes, and cells
 * too long for a column's memory of the last row. Every expected value is worked out by hand from
 * the XML.
 */
import { describe, expect, it } from 'vitest';
import { textDecoder, textEncoder } from './bytes.ts';
import { ColumnBuilder } from './intern.ts';
import { TOTALS_MAX_BYTES } from './layout.ts';
import { book, bothWays, plain, settingsFor, write } from '../testing/xlsx-books.ts';
import { type SheetLayout, SheetToColumns } from './xlsx-columns.ts';

/** Style 1 shows a date. */
const STYLES = new Uint8Array([0, 1]);

const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
const s = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
const n = (ref: string, value: string, style = 0) =>
  `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;

/** The sheet read into columns, in `chunks` feeds; each mapped column's values, row by row. */
function read(
  shared: string[],
  rows: string,
  layout: SheetLayout,
  options: { dimension?: string; chunks?: number } = {},
) {
  const head = options.dimension ? `<dimension ref="${options.dimension}"/>` : '';
  const xml = `<worksheet>${head}<sheetData>${rows}</sheetData></worksheet>`;
  const sheet = new SheetToColumns(shared, STYLES, false, layout, () => {
    return new ColumnBuilder(textDecoder('utf-8'), textEncoder('utf-8'));
  });
  const bytes = new TextEncoder().encode(xml);
  const size = Math.ceil(bytes.length / (options.chunks ?? 1));
  for (let at = 0; at < bytes.length; at += size)
    sheet.feed([bytes.subarray(at, at + size)], at + size >= bytes.length);
  const columns = sheet.finish();
  const values = columns.map((column) => [...column.codes].map((c) => column.values[c]));
  return { sheet, values, dictionaries: columns.map((column) => column.values) };
}

const LAYOUT: SheetLayout = { indices: [0, 1, 2], headerCount: 3, headerRow: 0, customerField: 0 };
const HEADER = row(1, s('A1', 0) + s('B1', 1) + s('C1', 2));
const SHARED = ['Customer', 'Date', 'Amount', 'C1', 'C2', 'Total', '  ', 'a\0b', 'Grand total:'];

describe('SheetToColumns: the cells of the data rows', () => {
  it('shared strings, numbers as the CSV reader reads them, dates, empty cells', () => {
    const rows =
      HEADER +
      row(2, s('A2', 3) + n('B2', '40513.5', 1) + n('C2', '2.5')) +
      row(3, s('A3', 3) + n('B3', '40513.5', 1) + n('C3', '1E-3')) +
      row(4, s('A4', 4) + n('B4', '40514.5', 1) + n('C4', '2E-3')) +
      row(5, s('A5', 4) + n('C5', '007')) +
      row(6, inline('A6', 'C3') + n('B6', '40514', 1) + n('C6', '2.5'));
    const { sheet, values } = read(SHARED, rows, LAYOUT);
    expect(sheet.rowCount).toBe(5);
    expect(sheet.line).toBe(6);
    expect(values).toEqual([
      ['C1', 'C1', 'C2', 'C2', 'C3'],
      ['2010-12-01 12:00:00', '2010-12-01 12:00:00', '2010-12-02 12:00:00', '', '2010-12-02'],
      ['2.5', '0.001', '0.002', '7', '2.5'],
    ]);
    expect(sheet.malformedRows).toBe(0);
    expect(sheet.totalsRows).toBe(0);
  });

  it('a title block above the header is skipped, blank rows are not lines', () => {
    const rows =
      row(1, inline('A1', 'Corner Shop')) +
      row(2, s('A2', 6)) + // spaces only: no value, not a line
      row(3, '') +
      row(4, inline('A4', 'December')) +
      row(5, s('A5', 0) + s('B5', 1) + s('C5', 2)) +
      row(6, s('A6', 3) + n('C6', '1'));
    const { sheet, values } = read(SHARED, rows, { ...LAYOUT, headerRow: 2 });
    expect(sheet.line).toBe(4);
    expect(sheet.rowCount).toBe(1);
    expect(values).toEqual([['C1'], [''], ['1']]);
  });

  it('counts NULs per cell, and malformed rows by line with at most five examples', () => {
    const short = (r: number) => row(r, s(`A${r}`, 3));
    const rows =
      HEADER +
      row(2, s('A2', 7) + s('B2', 7) + n('C2', '1')) + // two NULs, dropped
      row(3, s('A3', 3) + n('D3', '4')) + // a fourth column: this row and all after are malformed
      row(4, '') +
      short(5) +
      short(6) +
      short(7) +
      short(8) +
      short(9);
    const { sheet, values } = read(SHARED, rows, LAYOUT);
    expect(sheet.nulBytes).toBe(2);
    expect(sheet.malformedRows).toBe(6);
    // Lines as the CSV reader numbers them: the blank row 4 is not one.
    expect(sheet.malformedExamples).toEqual([3, 4, 5, 6, 7]);
    expect(values[0]).toEqual(['ab', 'C1', 'C1', 'C1', 'C1', 'C1', 'C1']);
    expect(values[1]!.slice(0, 2)).toEqual(['ab', '']);
  });

  it('a dimension wider than the header makes every row malformed', () => {
    const rows = HEADER + row(2, s('A2', 3) + n('C2', '1'));
    const { sheet } = read(SHARED, rows, LAYOUT, { dimension: 'A1:D2' });
    expect(sheet.malformedRows).toBe(1);
    expect(sheet.malformedExamples).toEqual([2]);
    // A dimension starting at column B: cell B is the first field.
    const shifted = read(
      SHARED,
      row(1, s('B1', 0) + s('C1', 1) + s('D1', 2)) + row(2, s('B2', 3)),
      LAYOUT,
      {
        dimension: 'B1:D2',
      },
    );
    expect(shifted.sheet.malformedRows).toBe(0);
    expect(shifted.values).toEqual([['C1'], [''], ['']]);
  });
});

describe('SheetToColumns: totals rows', () => {
  it('a totals label with no customer is not a sale; with a customer it is', () => {
    const rows =
      HEADER +
      row(2, s('A2', 3) + n('C2', '5')) +
      row(3, s('B3', 5) + n('C3', '5')) + // "Total" in the date column, customer empty
      row(4, s('A4', 3) + s('B4', 5) + n('C4', '6')) + // has a customer: a sale
      row(5, s('A5', 8) + n('C5', '11')) + // the label in the customer column itself
      row(6, inline('A6', 'TOTAL') + n('C6', '11'));
    const { sheet, values } = read(SHARED, rows, LAYOUT);
    expect(sheet.totalsRows).toBe(3);
    expect(sheet.rowCount).toBe(2);
    expect(values).toEqual([
      ['C1', 'C1'],
      ['', 'Total'],
      ['5', '6'],
    ]);
  });

  it('decides on rows the reader splits into strings (a quote) as on rows read in place', () => {
    const shared = ['Customer', 'Date', 'Amount', 'C1', 'Sub total', 'say "hi"'];
    const rows =
      HEADER +
      row(2, s('A2', 4)) + // in place: the label in the customer column
      row(3, s('A3', 4) + s('B3', 5) + n('C3', '1')) + // a quote in the row: as strings
      row(4, s('A4', 3) + s('B4', 5)) + // as strings, a customer first: a sale
      row(5, n('A5', '12') + inline('B5', 'Total')); // a number first: never a label
    const { sheet, values } = read(shared, rows, LAYOUT);
    expect(sheet.totalsRows).toBe(2);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.malformedRows).toBe(0);
    expect(values).toEqual([
      ['C1', '12'],
      ['say "hi"', 'Total'],
      ['', ''],
    ]);
  });

  it('with the customer in another column, a labelled row with a customer is a sale', () => {
    // Customer in column B; shared 5 is only spaces, 9 holds a quote (read as strings).
    const shared = [...SHARED, 'x "y"'];
    const layout = { ...LAYOUT, customerField: 1 };
    const rows =
      HEADER +
      row(2, s('A2', 5) + s('B2', 3) + n('C2', '1')) + // in place, customer C1: a sale
      row(3, s('A3', 5) + n('C3', '2')) + // in place, no customer: totals
      row(4, s('A4', 5) + s('B4', 6) + n('C4', '3')) + // customer only spaces: totals
      row(5, s('A5', 5) + s('B5', 4) + s('C5', 9)) + // as strings, customer C2: a sale
      row(6, s('A6', 5) + s('C6', 9)) + // as strings, no customer: totals
      row(7, inline('A7', 'Totals') + s('B7', 3)); // an inline label, customer C1: a sale
    const { sheet, values } = read(shared, rows, layout);
    expect(sheet.totalsRows).toBe(3);
    expect(values).toEqual([
      ['Total', 'Total', 'Totals'],
      ['C1', 'C2', 'C1'],
      ['1', 'x "y"', ''],
    ]);
  });

  it('a customer column past the row width: a label first is a totals row', () => {
    const layout = { indices: [0, 1], headerCount: 2, headerRow: 0, customerField: 4 };
    const rows =
      row(1, s('A1', 0) + s('B1', 2)) +
      row(2, s('A2', 5) + n('B2', '9')) +
      row(3, s('A3', 3) + n('B3', '8'));
    const { sheet, values } = read(SHARED, rows, layout);
    expect(sheet.totalsRows).toBe(1);
    expect(values).toEqual([['C1'], ['8']]);
  });
});

describe('SheetToColumns: wide rows and long cells', () => {
  it('reads rows of more than the 64 cells noted at first', () => {
    const cells = (r: number) =>
      Array.from({ length: 70 }, (_, c) => n(`${columnName(c)}${r}`, String(c + r * 100))).join('');
    const indices = Array.from({ length: 70 }, (_, c) => c);
    const layout = { indices, headerCount: 70, headerRow: 0, customerField: 0 };
    const { sheet, values } = read(
      [],
      row(1, cells(1)) + row(2, cells(2)) + row(3, cells(3)),
      layout,
    );
    expect(sheet.rowCount).toBe(2);
    expect(values[0]).toEqual(['200', '300']);
    expect(values[64]).toEqual(['264', '364']);
    expect(values[69]).toEqual(['269', '369']);
  });

  it('cells longer than a column remembers of the last row still give their own value', () => {
    // 40 digits: past the 32 bytes kept of the last row, alike but for the first digit.
    const long = (first: string) => `${first}${'0'.repeat(39)}`;
    const rows =
      HEADER +
      row(2, s('A2', 3) + n('C2', long('1'))) +
      row(3, s('A3', 3) + n('C3', long('2'))) +
      row(4, s('A4', 3) + n('C4', long('2')));
    const { values } = read(SHARED, rows, LAYOUT);
    expect(values[2]).toEqual(['1e+39', '2e+39', '2e+39']);
  });

  it('reads the same however the XML is cut into feeds', () => {
    const rows =
      HEADER +
      row(2, s('A2', 3) + n('B2', '40513.5', 1) + n('C2', '2.5')) +
      row(3, s('A3', 5) + n('C3', '3')) +
      row(4, inline('A4', 'C2') + n('C4', '1E-3'));
    const whole = read(SHARED, rows, LAYOUT);
    const cut = read(SHARED, rows, LAYOUT, { chunks: 7 });
    expect(cut.values).toEqual(whole.values);
    expect(whole.values).toEqual([
      ['C1', 'C2'],
      ['2010-12-01 12:00:00', ''],
      ['2.5', '0.001'],
    ]);
    expect([cut.sheet.totalsRows, cut.sheet.rowCount]).toEqual([1, 2]);
  });
});

describe('SheetToColumns: one dictionary entry per value', () => {
  it('text beyond ASCII, line breaks, and a value met as a number and as a string', () => {
    const shared = ['Customer', 'Date', 'Amount', 'Müller', 'a\r\nb', 'c\rd', '5', '0.001'];
    const rows =
      HEADER +
      row(2, s('A2', 3) + s('B2', 4) + n('C2', '5')) +
      row(3, inline('A3', 'Zoë') + s('B3', 5) + s('C3', 6)) +
      row(4, s('A4', 3) + n('B4', '40514') + n('C4', '1E-3')) +
      row(5, s('A5', 3) + n('B5', '40514', 1) + s('C5', 7)) +
      row(6, inline('A6', 'Müller') + n('B6', '40514') + n('C6', '5'));
    const { values, dictionaries } = read(shared, rows, LAYOUT);
    expect(values).toEqual([
      ['Müller', 'Zoë', 'Müller', 'Müller', 'Müller'],
      // The same bytes as a plain number and then with a date style: not the last row's value.
      ['a\nb', 'c\nd', '40514', '2010-12-02', '40514'],
      ['5', '5', '0.001', '0.001', '5'],
    ]);
    // A shared string and a number cell with the same text are one value, found by its bytes.
    expect(dictionaries).toEqual([
      ['Müller', 'Zoë'],
      ['a\nb', 'c\nd', '40514', '2010-12-02'],
      ['5', '0.001'],
    ]);
  });

  it('a row holding only NULs is a line to the reader but blank, so not a header or a sale', () => {
    const shared = ['Customer', 'Date', 'Amount', 'C1', '\0\0'];
    const rows =
      row(1, s('A1', 4)) + // a line (it has a value) that is blank once NULs are dropped
      HEADER +
      row(3, s('A3', 3) + n('C3', '1') + n('D3', '2')) +
      row(4, inline('A4', '\0') + s('B4', 4));
    const { sheet, values } = read(shared, rows, LAYOUT);
    expect(sheet.nulBytes).toBe(5);
    expect(sheet.line).toBe(4);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.malformedExamples).toEqual([3]);
    expect(values).toEqual([['C1'], [''], ['1']]);
  });
});

describe('SheetToColumns: totals labels read in place', () => {
  it('by their length in bytes and first letter, as the CSV reader reads a line in place', () => {
    const longest = 'Total' + ' '.repeat(TOTALS_MAX_BYTES - 5);
    const shared = ['Customer', 'Date', 'Amount', longest, longest + ' ', 'Sum', ' total', 'Tot'];
    const rows =
      HEADER +
      row(2, s('A2', 3) + n('C2', '1')) + // as long as the longest label allows: totals
      row(3, s('A3', 4) + n('C3', '2')) + // a byte longer: a customer named "Total"
      row(4, s('A4', 5) + n('C4', '3')) + // the shortest label: totals
      row(5, s('A5', 6) + n('C5', '4')) + // a space first: decided on the text, totals
      row(6, s('A6', 7) + n('C6', '5')) + // not a label
      row(7, inline('A7', 'Subtotal') + n('C7', '6')) + // an inline label: totals
      row(8, inline('A8', 'Note') + n('C8', '7'));
    const { sheet, values } = read(shared, rows, LAYOUT);
    expect(sheet.totalsRows).toBe(4);
    expect(values[0]).toEqual(['Total', 'Tot', 'Note']);
    expect(values[2]).toEqual(['2', '5', '7']);
  });
});

describe('SheetToColumns: cells that are no value, and inline strings', () => {
  it('skips a shared index past the table and numbers that are not; keeps lone numbers and dates', () => {
    const rows =
      HEADER +
      row(2, s('A2', SHARED.length) + n('C2', '1')) +
      row(3, s('A3', 3) + n('B3', 'x1', 1) + n('C3', 'y')) +
      row(4, n('C4', '7')) +
      row(5, n('B5', '40514', 1));
    const { sheet, values } = read(SHARED, rows, LAYOUT);
    expect([sheet.line, sheet.rowCount, sheet.totalsRows, sheet.malformedRows]).toEqual([
      5, 4, 0, 0,
    ]);
    expect(values).toEqual([
      ['', 'C1', '', ''],
      ['', '', '', '2010-12-02'],
      ['1', '', '7', ''],
    ]);
  });

  it('inline strings as labels, customers and quotes', () => {
    const rows =
      HEADER +
      row(2, s('A2', 6) + s('B2', 5) + inline('C2', 'a "q"')) + // as strings: customer blank, totals
      row(3, inline('B3', 'Total') + n('C3', '5')) + // first cell empty: as strings, totals
      row(4, inline('A4', 'C9') + s('B4', 5) + inline('C4', '"')); // a customer: a sale
    const { sheet, values } = read(SHARED, rows, LAYOUT);
    expect([sheet.totalsRows, sheet.rowCount]).toEqual([2, 1]);
    expect(values).toEqual([['C9'], ['Total'], ['"']]);
  });

  it('a shared string met again after others keeps its own value', () => {
    const shared = ['Customer', 'Date', 'Amount', 'a', 'b', 'c'];
    const rows =
      HEADER + [3, 4, 5, 3, 5, 4].map((index, r) => row(r + 2, s(`A${r + 2}`, index))).join('');
    const { values, dictionaries } = read(shared, rows, LAYOUT);
    expect(values[0]).toEqual(['a', 'b', 'c', 'a', 'c', 'b']);
    expect(dictionaries[0]).toEqual(['a', 'b', 'c']);
  });
});

describe('SheetToColumns agrees with the CSV reader where its two totals rules differ', () => {
  // Rows the CSV reader reads in place and rows it splits into strings decide on a totals row
  // differently (first cell with bytes, or first with more than spaces); the columns must match
  // the CSV reader's table of the sheet's CSV text row for row.
  const rows = [
    ['Customer', 'Date', 'Amount'],
    ['C1', '2026-01-01', '1'],
    ['', 'Total', '5'],
    ['  ', 'Total', '5'],
    ['Total', '', 'a "q"'],
    ['  ', 'Total', 'a "q"'],
    [' Total ', 'x', '5'],
    ['Sum', 'C2', '6'],
    ['Totalx', '', ''],
    ['C3', 'Total', '7'],
    ['\0', 'Total', '8'],
    [null, null, 'Grand total'],
    ['Total', 'x', 'y', 'extra'],
    ['', 'Total', '9'],
    ['Total', 'C4', '1'],
    ['C5', '', 3],
  ];
  it.each([
    // Worked out by hand with isTotalsRow's rule (first filled cell a label, customer empty or
    // the label's own column): all but C1, Totalx, C3 and C5 are totals.
    ['customer first', [2, 0, 1], 11, 4],
    // Customer in column B: the rows with x, C2, C4 in it and the other three are sales.
    ['customer second', [2, 1, 0], 7, 8],
  ])('%s', async (_, fields, totals, count) => {
    const bytes = write(book({ S: rows }), true);
    const [direct, viaCsv] = await bothWays(bytes, settingsFor(3, fields, 0));
    expect(plain(direct)).toEqual(plain(viaCsv));
    expect([direct.totalsRows, direct.rowCount]).toEqual([totals, count]);
  });
});

function columnName(index: number): string {
  return index < 26
    ? String.fromCharCode(65 + index)
    : String.fromCharCode(64 + Math.floor(index / 26)) + String.fromCharCode(65 + (index % 26));
}
