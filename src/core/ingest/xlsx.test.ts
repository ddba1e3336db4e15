/**
 * The streaming .xlsx reader against SheetJS reading the same workbook: workbooks generated here
 * (shared and inline strings, dates with built-in and custom formats, both date systems, gaps,
 * booleans, errors, awkward text, several sheets, a title block and a totals row) must give the
 * same CSV text, byte for byte, as the SheetJS conversion the app used before.
 */
import { describe, expect, it } from 'vitest';
import { customer, prepareText } from '../testing/fixtures.ts';
import {
  at,
  book,
  bySheetJs,
  expectSame,
  HEADER,
  streamed,
  write,
  type Cell,
} from '../testing/xlsx-books.ts';
import { convertWorkbook } from './workbook.ts';
import { firstSheetWithData, openXlsx } from './xlsx.ts';
import { roundTrips } from './xlsx-values.ts';
import { isDateFormatCode } from './xml.ts';

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
