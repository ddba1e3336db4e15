/**
 * A sheet read straight into columns (`SheetToColumns`, through `readTable`) gives the very table
 * the CSV reader makes of the sheet's CSV text (`SheetToCsv`): values, codes, row counts, totals
 * and malformed rows, NULs dropped. The CSV text itself is checked against SheetJS in
 * xlsx.test.ts, so this closes the chain.
 */
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';
import { type RawTable, readTable, type ReadSettings } from './read.ts';
import type { ByteSource } from './source.ts';
import { openAsText } from './workbook.ts';
import { isSheetSource } from './xlsx.ts';
import { isFiniteNumber } from './xlsx-values.ts';
import { zipSync } from 'fflate';

type Cell = string | number | boolean | Date | null;

const write = (rows: Cell[][], bookSST: boolean) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }),
    'S',
  );
  return new Uint8Array(
    XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer,
  );
};

/** Both ways: straight into columns, and as the CSV text the sheet converts to. */
async function bothWays(bytes: Uint8Array, settings: ReadSettings): Promise<[RawTable, RawTable]> {
  const { source } = await openAsText(memorySource(bytes, `t${Math.random()}.xlsx`));
  expect(isSheetSource(source)).toBe(true);
  const asCsv: ByteSource = { name: 'x.csv', size: source.size, stream: () => source.stream() };
  const silent = () => undefined;
  return [await readTable(source, settings, silent), await readTable(asCsv, settings, silent)];
}

const plain = (table: RawTable) => ({
  ...table,
  columns: Object.fromEntries(
    Object.entries(table.columns).map(([role, column]) => [
      role,
      { values: column.values, codes: [...column.codes] },
    ]),
  ),
});

const ROLES: ColumnRole[] = ['invoice', 'customer', 'date', 'quantity', 'unitPrice', 'country'];

function settingsFor(headerCount: number, fields: number[], headerRow: number): ReadSettings {
  const mapping: ColumnMapping = {};
  fields.forEach((field, i) => {
    mapping[ROLES[i] as ColumnRole] = field;
  });
  return {
    encoding: 'utf-8',
    delimiter: ',',
    newline: '\n',
    headers: Array.from({ length: headerCount }, (_, i) => `h${i}`),
    mapping,
    headerRow,
  };
}

describe('a sheet read straight into columns', () => {
  it('gives the table the CSV reader makes of its text, for random sheets', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('Total', ' total: ', 'Subtotal', 'Grand Total', 'TOTALS', ' ', '  x '),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'nul\u0000here', '\u0000'),
      fc.constantFrom('C1', 'C2', 'C3', '536365', 'é ü', '00123'),
    );
    const cell = fc.oneof(
      fc.constant(null),
      text,
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.constantFrom(0.1 + 0.2, 1e-7, 123456789012345680000, 2.5499999999999998),
      fc.date({
        min: new Date(Date.UTC(1950, 0, 1)),
        max: new Date(Date.UTC(2040, 0, 1)),
        noInvalidDate: true,
      }),
      fc.boolean(),
    );
    // Rows where the CSV reader's two ways of spotting a totals row (on strings, or in place on
    // the bytes) part, and rows that are blank only once NULs are dropped.
    const awkwardRow = fc.constantFrom<Cell[]>(
      [' ', 'Total', 5],
      ['Total                 ', null, 5],
      [null, 'Total', 'C1'],
      ['\u0000', ' '],
      ['\u0000', 'x', 1],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.array(cell, { maxLength: 7 }), awkwardRow), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 7 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        async (rows, headerCount, fields, headerRow, sst) => {
          const settings = settingsFor(headerCount, fields, headerRow);
          const bytes = write([['Shop'], ['a', 'b', 'c'], ...rows], sst);
          const [direct, viaCsv] = await bothWays(bytes, settings);
          expect(plain(direct)).toEqual(plain(viaCsv));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the same table when a column repeats its last value, or changes kind, from row to row', async () => {
    // A small pool per cell, so consecutive rows often repeat a value (each column remembers its
    // last cell) or put a number, a date, text of the same digits or nothing where it was.
    const day = new Date(Date.UTC(2010, 11, 1, 8, 30));
    const cell = fc.constantFrom<Cell>(null, '123', 123, 123.5, 0.1 + 0.2, day, 'x', ' ', true);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (rows, fields, sst) => {
          const settings = settingsFor(9, fields, 0);
          const bytes = write([['h', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'h'], ...rows], sst);
          const [direct, viaCsv] = await bothWays(bytes, settings);
          expect(plain(direct)).toEqual(plain(viaCsv));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a till sheet: title block, totals, numbers written oddly, inline and formula strings', async () => {
    const cells = (r: number, inner: string) => `<row r="${r}">${inner}</row>`;
    const sheet =
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<dimension ref="A1:D9"/><sheetData>' +
      cells(1, '<c r="A1" t="inlineStr"><is><t>Corner Shop</t></is></c>') +
      cells(2, '<c r="A2" t="s"><v>5</v></c>') + // spaces only: not a line
      cells(
        3,
        '<c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c>',
      ) +
      cells(
        4,
        '<c r="A4" t="s"><v>4</v></c><c r="B4" s="1"><v>40513.354166666664</v></c><c r="C4"><v>2.5499999999999998</v></c><c r="D4"><v>1E-3</v></c>',
      ) +
      cells(
        5,
        '<c r="A5" t="str"><v>C&amp;2</v></c><c r="B5" s="1"><v>40513.354166666664</v></c><c r="C5"><v>007</v></c><c r="D5" t="b"><v>1</v></c>',
      ) +
      cells(6, '<c r="B6" s="1"><v>40514</v></c><c r="C6"><v>3</v></c>') +
      cells(
        7,
        '<c r="A7" t="s"><v>4</v></c><c r="B7" t="e"><v>#N/A</v></c><c r="C7" t="s"><v>6</v></c><c r="E7"><v>9</v></c>',
      ) +
      cells(
        8,
        '<c r="A8" t="inlineStr"><is><t xml:space="preserve"> C_x0000_3 </t></is></c><c r="C8"><v>1</v></c>',
      ) +
      cells(9, '<c r="A9" t="s"><v>7</v></c><c r="C9"><v>99.5</v></c>') +
      '</sheetData></worksheet>';
    const shared = [
      'Customer',
      'Date',
      'Amount',
      'Note',
      'C1',
      '   ',
      'a "quoted"\r\nline',
      'Total:',
    ];
    const sst = `<sst>${shared.map((s) => `<si><t xml:space="preserve">${s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\r/g, '_x000D_')}</t></si>`).join('')}</sst>`;
    const styles =
      '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>';
    const rels = (items: string) => `<Relationships>${items}</Relationships>`;
    const rel = (id: string, kind: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="${target}"/>`;
    const encode = (text: string) => new TextEncoder().encode(text);
    const bytes = zipSync({
      '[Content_Types].xml': encode('<Types/>'),
      '_rels/.rels': encode(rels(rel('r1', 'officeDocument', 'xl/workbook.xml'))),
      'xl/workbook.xml': encode(
        '<workbook><sheets><sheet name="Till" sheetId="1" r:id="r1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': encode(
        rels(
          rel('r1', 'worksheet', 'worksheets/sheet1.xml') +
            rel('r2', 'styles', 'styles.xml') +
            rel('r3', 'sharedStrings', 'sharedStrings.xml'),
        ),
      ),
      'xl/styles.xml': encode(styles),
      'xl/sharedStrings.xml': encode(sst),
      'xl/worksheets/sheet1.xml': encode(sheet),
    });
    const settings = settingsFor(4, [3, 0, 1, 2], 1);
    const [direct, viaCsv] = await bothWays(bytes, settings);
    expect(plain(direct)).toEqual(plain(viaCsv));
    // Worked out by hand from the sheet: the rows below the header, without the Total: row.
    expect(direct.rowCount).toBe(5);
    expect(direct.totalsRows).toBe(1);
    expect(direct.nulBytes).toBe(1);
    expect(direct.malformedRows).toBe(2); // row 7 reaches column E, and so row 8 is short
    const customers = direct.columns.customer!;
    expect([...customers.codes].map((c) => customers.values[c])).toEqual([
      'C1',
      'C&2',
      '',
      'C1',
      'C3',
    ]);
    const dates = direct.columns.date!;
    expect([...dates.codes].map((c) => dates.values[c])).toEqual([
      '2010-12-01 08:30:00',
      '2010-12-01 08:30:00',
      '2010-12-02',
      '',
      '',
    ]);
    const amounts = direct.columns.quantity!;
    expect([...amounts.codes].map((c) => amounts.values[c])).toEqual([
      '2.55',
      '7',
      '3',
      'a "quoted"\nline',
      '1',
    ]);
    const notes = direct.columns.invoice!;
    expect([...notes.codes].map((c) => notes.values[c])).toEqual(['0.001', 'TRUE', '', '', '']);
  });
});

describe('isFiniteNumber', () => {
  it('agrees with Number.isFinite(Number(text))', () => {
    const numeric = fc.oneof(
      fc.double().map(String),
      fc.stringMatching(/^-?\d{0,320}(\.\d{0,5})?([eE][-+]?\d{0,4})?$/),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(numeric, (text) => {
        fc.pre(text !== '');
        const bytes = new TextEncoder().encode(text);
        expect(isFiniteNumber(bytes, 0, bytes.length)).toBe(Number.isFinite(Number(text)));
      }),
      { numRuns: 2000 },
    );
  });
});
