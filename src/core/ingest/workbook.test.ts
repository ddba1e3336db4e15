/**
 * Excel workbooks, built here with SheetJS itself: the first sheet with data is read as the CSV it
 * converts to (dates as ISO text, raw numbers, text ids verbatim), once per file; a zip that is not
 * a workbook, a damaged workbook and a password-protected one fail with their own clear error.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { customersCsv } from '../export/tables.ts';
import {
  analyzeText,
  customer,
  expectAnalysisError,
  fixtureSource,
  lines,
  prepareText,
  UCI_HEADER,
} from '../testing/fixtures.ts';
import { prepare } from '../pipeline.ts';
import { sniffFile } from './sniff.ts';
import type { ByteSource } from './source.ts';
import { openAsText, serialToIso, workbookKind } from './workbook.ts';

const HEADER = UCI_HEADER.split(',');
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min, s));

/** UCI-like rows: a real date column, a text id with leading zeros, decimal prices. */
const ROWS: (string | number | Date)[][] = [
  [
    '536365',
    '85123A',
    'WHITE HANGING HEART',
    6,
    at(2010, 12, 1, 8, 26),
    2.55,
    '00123',
    'United Kingdom',
  ],
  [
    '536365',
    '71053',
    'WHITE METAL LANTERN',
    6,
    at(2010, 12, 1, 8, 26),
    3.39,
    '00123',
    'United Kingdom',
  ],
  [
    '536366',
    '22633',
    'HAND WARMER, "UNION JACK"',
    6,
    at(2010, 12, 1, 8, 28),
    1.85,
    '17850',
    'United Kingdom',
  ],
  ['C536379', 'D', 'Discount', -1, at(2010, 12, 1, 9, 41), 27.5, '14527', 'United Kingdom'],
  [
    '536367',
    '84879',
    'ASSORTED BIRD\nORNAMENT',
    32,
    at(2011, 1, 9, 23, 59, 59),
    1.69,
    '13047',
    'France',
  ],
  ['536368', '22960', 'JAM MAKING SET', 6, at(2011, 2, 28), 4.25, '13047', 'France'],
];

/** The same rows as CSV, as the export of the same data would be. */
const iso = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
const AS_CSV = lines(
  UCI_HEADER,
  ...ROWS.map((r) =>
    r
      .map((v) => (v instanceof Date ? iso(v) : String(v)))
      .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
      .join(','),
  ),
);

function book(sheets: Record<string, unknown[][]>): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }),
      name,
    );
  return wb;
}

const write = (wb: XLSX.WorkBook, bookType: XLSX.BookType = 'xlsx') =>
  new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);

const salesBook = () => book({ Sales: [HEADER, ...ROWS] });

describe('reading a workbook', () => {
  it.each([
    ['xlsx', 'sales.xlsx'],
    ['xlsm', 'sales.xlsm'],
    ['biff8', 'sales.xls'],
    ['ods', 'sales.ods'],
  ] as const)(
    '%s: the same customers and features as the same rows in a CSV',
    async (type, name) => {
      const fromBook = await prepareText(write(salesBook(), type), { name });
      const fromCsv = await prepareText(AS_CSV);
      expect(fromBook.sniff.container).toBe('workbook');
      expect(fromBook.sniff.workbook).toEqual({ sheet: 'Sales', sheets: ['Sales'] });
      expect(fromBook.groups.table.ids).toEqual(['00123', '13047', '17850']);
      expect(fromBook.groups.table).toEqual(fromCsv.groups.table);
      expect(fromBook.cleaned.report).toEqual(fromCsv.cleaned.report);
      expect(fromBook.cohort).toEqual(fromCsv.cohort);
    },
  );

  it('dates are ISO wall-clock times to the second; numbers and ids are raw', async () => {
    const data = await prepareText(write(salesBook()), { name: 'sales.xlsx' });
    expect(data.sniff.headers).toEqual(HEADER);
    expect(data.tx.dateFormat).toBe('iso');
    expect(data.sniff.sampleRows[0]).toEqual([
      '536365',
      '85123A',
      'WHITE HANGING HEART',
      '6',
      '2010-12-01 08:26:00',
      '2.55',
      '00123',
      'United Kingdom',
    ]);
    // Midnight is a date alone; the last second of a day stays in that day.
    expect(data.tx.date.values).toEqual(
      expect.arrayContaining(['2011-02-28', '2011-01-09 23:59:59']),
    );
    expect(data.tx.product?.values).toContain('85123A');
    expect(customer(data, '00123')).toMatchObject({ Monetary: 6 * 2.55 + 6 * 3.39, Frequency: 1 });
    expect(customer(data, '13047')).toMatchObject({ Monetary: 32 * 1.69 + 6 * 4.25, Recency: 1 });
    expect(data.cleaned.report.cancelled).toBe(1);
  });

  it('a date column of plain serial numbers (no date format) is read as Excel serials', async () => {
    const rows = [
      ['Customer', 'Date', 'Amount'],
      ['a', 40513.35138888889, 10.5],
      ['b', 40514.5, 3],
      ['a', 40600, 1.25],
    ];
    const data = await prepareText(write(book({ S: rows })), { name: 'serials.xlsx' });
    expect(data.tx.dateFormat).toBe('excel-serial');
    expect(data.groups.table.snapshot).toBe(Date.UTC(2011, 1, 27)); // 40600 = 2011-02-26, + 1 day
    expect(customer(data, 'a')).toMatchObject({ Monetary: 11.75, Recency: 1, Tenure: 87 });
  });

  it('skips empty sheets and leading blank rows; more sheets give a warning naming the one read', async () => {
    const wb = book({ Notes: [], Orders: [[], HEADER, ...ROWS], Returns: [HEADER, ROWS[3]!] });
    const data = await prepareText(write(wb), { name: 'book.xlsx' });
    expect(data.sniff.workbook).toEqual({
      sheet: 'Orders',
      sheets: ['Notes', 'Orders', 'Returns'],
    });
    expect(data.raw.rowCount).toBe(ROWS.length);
    expect(data.warnings.find((w) => w.code === 'workbook-sheet')?.message).toBe(
      'This workbook has 3 sheets; we read "Orders" (the first with data) and left out "Notes", "Returns". To analyse another sheet, move it first or save it as CSV.',
    );
  });

  it('a header wrapped in its cell is one name; text with commas, quotes and line breaks survives', async () => {
    const wb = book({
      S: [
        ['Customer\nID', 'Invoice\r\nDate', 'Amount'],
        ['x, "y"', at(2011, 3, 1, 10), 5],
        ['multi\nline', at(2011, 3, 2, 10), 7],
      ],
    });
    const data = await prepareText(write(wb), { name: 'wrapped.xlsx' });
    expect(data.sniff.headers).toEqual(['Customer ID', 'Invoice Date', 'Amount']);
    expect(data.mapping).toMatchObject({ customer: 0, date: 1, amount: 2 });
    expect(data.groups.table.ids).toEqual(['multi\nline', 'x, "y"']);
  });

  it('the analysis of a workbook exports exactly what the same CSV exports', async () => {
    const a = await analyzeText(write(salesBook()), { name: 'sales.xlsx', k: 2 });
    const b = await analyzeText(AS_CSV, { k: 2 });
    const csv = (r: typeof a) =>
      customersCsv(r.data.groups.table, r.segmentation.labels, r.segmentation.segments);
    expect(csv(a)).toBe(csv(b));
  });

  it('is converted once per file, even when the worker receives the File again as a new object', async () => {
    const bytes = write(salesBook());
    let streams = 0;
    const counted = (): ByteSource & { lastModified: number } => {
      const inner = fixtureSource(bytes, { name: 'once.xlsx' });
      return {
        name: inner.name,
        size: inner.size,
        lastModified: 1_700_000_000_000,
        stream: () => {
          streams++;
          return inner.stream();
        },
      };
    };
    const sniff = await sniffFile(counted());
    const afterSniff = streams;
    expect(afterSniff).toBe(2); // the head, then the whole workbook
    const data = await prepare(counted(), {}, () => undefined, undefined, sniff);
    expect(streams).toBe(afterSniff);
    expect(data.groups.table.ids).toHaveLength(3);
  });

  it('serialToIso: both date systems, rounding to the second', () => {
    expect(serialToIso(40513.35138888889, false)).toBe('2010-12-01 08:26:00');
    expect(serialToIso(40513, false)).toBe('2010-12-01');
    expect(serialToIso(40513 - 1462, true)).toBe('2010-12-01');
    expect(serialToIso(40513 + 86_399 / 86_400, false)).toBe('2010-12-01 23:59:59');
    expect(serialToIso(40513.999999, false)).toBe('2010-12-02'); // 86,399.9 s rounds up
    expect(serialToIso(60, false)).toBe('1900-02-28');
  });

  it('a CSV is not taken for a workbook, not even one named .xls that is text', async () => {
    const text = new TextEncoder().encode(lines('Customer,Date,Amount', 'a,2011-01-01,1'));
    expect(workbookKind(text, 'export.csv')).toBeNull();
    expect(workbookKind(text, 'export.xls')).toBeNull();
    const source = fixtureSource(text);
    expect((await openAsText(source)).source).toBe(source);
  });

  it('an HTML table saved as .xls (as some shop systems export) is read as a workbook', async () => {
    const html = XLSX.utils.sheet_to_html(
      XLSX.utils.aoa_to_sheet([
        ['Customer', 'Date', 'Amount'],
        ['a', '2011-01-01', 2],
        ['b', '2011-01-03', 3],
      ]),
    );
    const data = await prepareText(html, { name: 'export.xls' });
    expect(data.sniff.container).toBe('workbook');
    expect(customer(data, 'b').Monetary).toBe(3);
  });
});

describe('workbooks that cannot be read', () => {
  it('a zip that is not a workbook says so', async () => {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, 'orders/2011.csv', new TextEncoder().encode('a,b\n1,2\n'));
    const bytes = new Uint8Array(
      XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as number[],
    );
    const error = await expectAnalysisError(
      prepareText(bytes, { name: 'orders.zip' }),
      'zip-archive',
    );
    expect(error.message).toMatch(/zip archive.*Unzip it/);
    await expectAnalysisError(prepareText(bytes, { name: 'orders.csv' }), 'zip-archive');
  });

  it('a damaged (cut) workbook is a clear error, not a crash', async () => {
    const bytes = write(salesBook());
    const error = await expectAnalysisError(
      prepareText(bytes.slice(0, Math.floor(bytes.length / 2)), { name: 'cut.xlsx' }),
      'workbook-unreadable',
    );
    expect(error.message).toMatch(/could not be read.*save it as CSV/);
    await expectAnalysisError(
      prepareText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { name: 'junk.xlsx' }),
      'workbook-unreadable',
    );
  });

  it('a password-protected workbook (an OLE file with an EncryptedPackage) says so', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    // The header of an agile EncryptionInfo stream (version 4.4), then some of its XML.
    const info = new Uint8Array([
      4,
      0,
      4,
      0,
      0x40,
      0,
      0,
      0,
      ...new TextEncoder().encode('<?xml version="1.0"?><encryption/>'),
    ]);
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(4096).fill(7));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
    const error = await expectAnalysisError(
      prepareText(bytes, { name: 'locked.xlsx' }),
      'workbook-password',
    );
    expect(error.message).toMatch(/password/);
  });

  it('a workbook with no data in any sheet, or a header and no rows', async () => {
    await expectAnalysisError(
      prepareText(write(book({ A: [], B: [[]] })), { name: 'e.xlsx' }),
      'empty-file',
    );
    await expectAnalysisError(
      prepareText(write(book({ A: [HEADER] })), { name: 'h.xlsx' }),
      'no-rows',
    );
  });
});
