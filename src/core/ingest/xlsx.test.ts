/**
 * The streaming .xlsx reader against SheetJS reading the same workbook: workbooks generated here
 * (shared and inline strings, dates with built-in and custom formats, both date systems, gaps,
 * booleans, errors, awkward text, several sheets, a title block and a totals row) must give the
 * same CSV text, byte for byte, as the SheetJS conversion the app used before.
 */
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customer, prepareText } from '../testing/fixtures.ts';
import { convertWorkbook } from './workbook.ts';
import { textDecoder, textEncoder } from './bytes.ts';
import { ColumnBuilder } from './intern.ts';
import { firstSheetWithData, openXlsx, readSheetColumns, sheetSource } from './xlsx.ts';
import { roundTrips } from './xlsx-values.ts';
import { isDateFormatCode } from './xml.ts';

type Cell = string | number | boolean | Date | null | undefined | XLSX.CellObject;

function book(sheets: Record<string, Cell[][]>, date1904 = false): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }),
      name,
    );
  if (date1904) wb.Workbook = { ...wb.Workbook, WBProps: { date1904: true } };
  return wb;
}

const write = (wb: XLSX.WorkBook, bookSST: boolean) =>
  new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer);

async function streamed(bytes: Uint8Array, chunks?: number[]): Promise<string> {
  const xlsx = await openXlsx(bytes);
  if (!xlsx) throw new Error('not streamed');
  const index = await firstSheetWithData(xlsx);
  const reader = sheetSource(xlsx, index, 'x.xlsx').stream().getReader();
  let text = '';
  const decoder = new TextDecoder();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks?.push(next.value.byteLength);
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

async function bySheetJs(bytes: Uint8Array): Promise<string> {
  const { chunks } = await convertWorkbook(bytes, 'zip');
  return chunks.map((c) => new TextDecoder().decode(c)).join('');
}

async function expectSame(wb: XLSX.WorkBook) {
  for (const sst of [true, false]) {
    const bytes = write(wb, sst);
    const expected = await bySheetJs(bytes);
    expect(expected.length).toBeGreaterThan(0);
    expect(await streamed(bytes)).toBe(expected);
  }
}

const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min, s));
const HEADER = ['InvoiceNo', 'Customer ID', 'InvoiceDate', 'Description', 'Quantity', 'Price'];

describe('streaming .xlsx reading gives what SheetJS gives', () => {
  it('sales rows: shared strings, dates, numbers, text ids', async () => {
    await expectSame(
      book({
        Sales: [
          HEADER,
          ['536365', '00123', at(2010, 12, 1, 8, 26), 'WHITE HANGING HEART', 6, 2.55],
          ['536366', '17850', at(2010, 12, 1, 23, 59, 59), 'HAND WARMER, "UNION JACK"', 6, 1.85],
          ['C536379', '14527', at(2011, 2, 28), 'Discount', -1, 27.5],
          [
            536380,
            12583,
            at(2011, 3, 1, 12),
            'multi\nline & <b>bold</b> ünïcødé 🎉',
            1e21,
            0.1 + 0.2,
          ],
        ],
      }),
    );
  });

  it('gaps: missing cells, sparse and blank rows, a table that starts at column B', async () => {
    const rows: Cell[][] = [
      [null, 'Customer', 'Date', 'Amount'],
      [null, 'a', at(2011, 1, 1), 5],
      [],
      [null, 'b', null, 7],
      [null, null, null, null],
      [null, 'c', at(2011, 1, 3)],
      [null, '  ', '', ''],
      [null, 'd', at(2011, 1, 4), 1, 'extra'],
    ];
    await expectSame(book({ S: rows }));
  });

  it('booleans, errors, custom date and money formats, the 1904 date system', async () => {
    const sheet: Cell[][] = [
      ['Customer', 'When', 'Paid', 'Amount', 'Check', 'Elapsed'],
      [
        'a',
        { t: 'n', v: 40513.35138888889, z: 'dd/mm/yyyy hh:mm' },
        true,
        { t: 'n', v: 1234.5, z: '"£"#,##0.00' },
        { t: 'e', v: 0x2a },
        { t: 'n', v: 1.5, z: '[h]:mm:ss' },
      ],
      [
        'b',
        { t: 'n', v: 40514, z: 'yyyy-mm-dd' },
        false,
        { t: 'n', v: 0.5, z: '0.00%' },
        { t: 'n', v: 12, z: '0.00E+00' },
        { t: 'n', v: 2, z: 'General' },
      ],
    ];
    await expectSame(book({ S: sheet }));
    await expectSame(book({ S: sheet }, true));
  });

  it('several sheets: the first with data is read, as SheetJS picks it', async () => {
    const wb = book({
      Notes: [],
      Blank: [[null, '']],
      Orders: [HEADER, ['1', 'a', at(2011, 1, 1), 'x', 1, 2]],
    });
    const bytes = write(wb, true);
    const xlsx = (await openXlsx(bytes))!;
    expect(xlsx.sheets.map((s) => s.name)).toEqual(['Notes', 'Blank', 'Orders']);
    expect(await firstSheetWithData(xlsx)).toBe(2);
    expect((await convertWorkbook(bytes, 'zip')).workbook.sheet).toBe('Orders');
    await expectSame(wb);
  });

  it('random sheets of numbers, text and dates, with gaps', async () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.string({ maxLength: 12 }),
      fc.date({
        min: new Date(Date.UTC(1950, 0, 1)),
        max: new Date(Date.UTC(2040, 0, 1)),
        noInvalidDate: true,
      }),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { maxLength: 7 }), { minLength: 1, maxLength: 25 }),
        async (rows) => {
          const wb = book({ R: [['a', 'b', 'c'], ...rows] });
          for (const sst of [true, false]) {
            const bytes = write(wb, sst);
            expect(await streamed(bytes)).toBe(await bySheetJs(bytes));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('where the platform has no deflate-raw inflater, fflate inflates: the same text', async () => {
    const bytes = write(book({ S: [HEADER, ['1', 'a', at(2011, 1, 1), 'x', 1, 2.5]] }), true);
    const expected = await bySheetJs(bytes);
    const native = globalThis.DecompressionStream;
    class GzipOnly extends native {
      constructor(format: CompressionFormat) {
        if (format === 'deflate-raw') throw new TypeError('unsupported');
        super(format);
      }
    }
    globalThis.DecompressionStream = GzipOnly;
    try {
      expect(await streamed(bytes)).toBe(expected);
    } finally {
      globalThis.DecompressionStream = native;
    }
  });

  it('comes out in chunks as it is pulled, not all at once', async () => {
    const rows: Cell[][] = [HEADER];
    for (let n = 0; n < 25_000; n++)
      rows.push([
        String(500000 + n),
        `C${n % 997}`,
        at(2011, 1, 1 + (n % 28), n % 24),
        `Item ${n % 301}`,
        n % 13,
        (n % 50) / 4,
      ]);
    const bytes = write(book({ S: rows }), true);
    const sizes: number[] = [];
    const text = await streamed(bytes, sizes);
    expect(sizes.length).toBeGreaterThan(1);
    expect(text).toBe(await bySheetJs(bytes));

    // Progress: the share of the sheet inflated, rising chunk by chunk to 1.
    const xlsx = (await openXlsx(bytes))!;
    const source = sheetSource(xlsx, 0, 'p.xlsx');
    const reader = source.stream().getReader();
    const fractions: number[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read())
      fractions.push(source.progress!());
    expect(fractions.length).toBe(sizes.length);
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[0]).toBeLessThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(source.progress!()).toBe(1);

    // Read straight into columns from a compressed workbook (SheetJS stores entries as they are
    // unless asked): the share of the XML inflated, reported about once a megabyte. Node's
    // inflater takes all of the stored bytes at once, so counting those said 1 from the start.
    const packed = new Uint8Array(
      XLSX.write(book({ S: rows }), {
        type: 'array',
        bookType: 'xlsx',
        bookSST: true,
        compression: true,
      }) as ArrayBuffer,
    );
    const packedSource = sheetSource((await openXlsx(packed))!, 0, 'packed.xlsx');
    const shares: number[] = [];
    const layout = { indices: [0, 1], headerCount: 6, headerRow: 0, customerField: 1 };
    const newBuilder = () => new ColumnBuilder(textDecoder('utf-8'), textEncoder('utf-8'));
    const sheet = await readSheetColumns(packedSource, layout, newBuilder, (_, share) => {
      shares.push(share);
    });
    expect(sheet.rowCount).toBe(25_000);
    expect(shares.length).toBeGreaterThan(2);
    expect(shares[0]).toBeLessThan(0.5);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });
});

describe('a till workbook: title block above, totals below', () => {
  it('reads as the same rows without them; the totals are not revenue', async () => {
    const data: Cell[][] = [
      ['C1', at(2011, 3, 1, 10), 10.5],
      ['C2', at(2011, 3, 2, 11), 5.25],
      ['C1', at(2011, 3, 3, 12), 1],
    ];
    const report = book({
      Report: [
        ['Corner Shop Ltd'],
        ['Sales report', null, null],
        ['Period', at(2011, 3, 1), at(2011, 3, 31)],
        [],
        ['Customer', 'Date', 'Amount'],
        ...data,
        [],
        ['Total', null, 16.75],
      ],
    });
    const plain = book({ Sales: [['Customer', 'Date', 'Amount'], ...data] });
    const fromReport = await prepareText(write(report, true), { name: 'till.xlsx' });
    const fromPlain = await prepareText(write(plain, true), { name: 'plain.xlsx' });
    expect(fromReport.sniff.headerRow).toBe(3);
    expect(fromReport.sniff.headers).toEqual(['Customer', 'Date', 'Amount']);
    expect(fromReport.raw.totalsRows).toBe(1);
    expect(fromReport.raw.columns).toEqual(fromPlain.raw.columns);
    expect(fromReport.groups.table).toEqual(fromPlain.groups.table);
    expect(customer(fromReport, 'C1').Monetary).toBeCloseTo(11.5, 10);
    expect(fromReport.warnings.map((w) => w.code)).toContain('totals-row');
  });
});

describe('isDateFormatCode', () => {
  it.each([
    ['m/d/yy', true],
    ['dd/mm/yyyy hh:mm', true],
    ['[h]:mm:ss', true],
    ['h:mm AM/PM', true],
    ['[$-409]mmmm d, yyyy', true],
    ['"£"#,##0.00', false],
    ['0.00E+00', false],
    ['General', false],
    ['#,##0.00;[Red]-#,##0.00', false],
    ['"days"0', false],
    ['0\\d', false],
  ])('%s: %s', (code, date) => expect(isDateFormatCode(code)).toBe(date));
});

describe('roundTrips: numbers copied as they are print as String(Number()) would', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('agrees with String(Number(text)) wherever it says yes', () => {
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.stringMatching(/^-?[0-9]{1,17}(\.[0-9]{0,9})?$/),
    );
    fc.assert(
      fc.property(number, (text) => {
        if (roundTrips(bytes(text), 0, text.length)) expect(String(Number(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
  it.each(['6', '-1', '2.55', '0.5', '-0.25', '123456789012345', '0.000001'])('%s: yes', (text) =>
    expect(roundTrips(bytes(text), 0, text.length)).toBe(true),
  );
  it.each([
    '-0',
    '007',
    '1.50',
    '1.',
    '1e3',
    '0.0000001',
    '1234567890123456',
    '2.5499999999999998',
  ])('%s: no', (text) => expect(roundTrips(bytes(text), 0, text.length)).toBe(false));
});
