/**
 * The owner's customer export, on three hand-made customers: money rounded to the cent
 * (4309.999999999997 is 4310), segments numbered 1..k, a byte order mark, the semicolon layout
 * with decimal commas, one segment or a filtered view only, email, country and order dates, and
 * the formula safety of the CSV kept. The xlsx reads back with SheetJS to the same cells.
 */
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { SegmentProfile } from '../cluster/segments.ts';
import { customerTableOf } from '../testing/customer-table.ts';
import { customerExportCsv, customerExportTable, isoDate, roundTo } from './customer-export.ts';
import { customerExportXlsx } from './customer-xlsx.ts';

const DAY = 86_400_000;
const column = (...values: number[]) => Float64Array.from(values);
const table = {
  ...customerTableOf(
    {
      Recency: column(3, 40, 200),
      Frequency: column(5, 2, 1),
      // 0.1 + 0.2 style float noise, as sums of line totals carry.
      Monetary: column(4309.999999999997, 0.1 + 0.2, 12.345),
      TotalQuantity: column(10, 1.25 + 0.1, 3),
      UniqueProducts: column(4, 2, 1),
      Tenure: column(300, 41, 200),
      AvgOrderValue: column(4309.999999999997 / 5, 0.15000000000000002, 12.345),
    },
    ['Bäckerei Müller', '=cmd|calc', '00042'],
  ),
  firstPurchase: column(Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2011, 0, 9, 23, 59), 0),
  lastPurchase: column(Date.UTC(2011, 11, 9, 12, 50), Date.UTC(2011, 1, 1), 0),
};
const labels = Int32Array.from([1, 0, 1]);
const segments = [{ name: 'Champions' }, { name: 'Café fans' }].map(
  (s, cluster) => ({ ...s, cluster }) as unknown as SegmentProfile,
);
const input = {
  table,
  labels,
  segments,
  country: ['Germany', 'EIRE', ''],
  email: ['info@baeckerei.de', '', 'x@y.fr'],
};
const parse = (text: string, delimiter: string) =>
  Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: true }).data;

describe('roundTo', () => {
  it.each([
    [4309.999999999997, 2, 4310],
    [0.30000000000000004, 2, 0.3],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [1.35, 3, 1.35],
    [861.9999999999994, 2, 862],
    [-0.001, 2, 0],
    [12.5, 0, 13],
  ])('%d to %d places is %d', (value, places, expected) => {
    expect(roundTo(value, places)).toBe(expected);
    expect(Object.is(roundTo(value, places), -0)).toBe(false);
  });
  it('leaves non-finite values alone', () => {
    expect(roundTo(Number.NaN, 2)).toBeNaN();
  });
});

describe('customer export', () => {
  it('has email, country, order dates, rounded features, segments 1..k', () => {
    const { header, rows } = customerExportTable(input);
    expect(header).toEqual([
      'CustomerID',
      'Email',
      'Country',
      'FirstOrder',
      'LastOrder',
      'Recency',
      'Frequency',
      'Monetary',
      'TotalQuantity',
      'UniqueProducts',
      'Tenure',
      'AvgOrderValue',
      'SegmentNumber',
      'Segment',
    ]);
    expect(rows[0]).toEqual([
      'Bäckerei Müller',
      'info@baeckerei.de',
      'Germany',
      '2010-12-01',
      '2011-12-09',
      3,
      5,
      4310,
      10,
      4,
      300,
      862,
      2,
      'Café fans',
    ]);
    expect(rows[1]!.slice(7, 14)).toEqual([0.3, 1.35, 2, 41, 0.15, 1, 'Champions']);
    expect(rows[2]!.slice(0, 5)).toEqual(['00042', 'x@y.fr', '', '1970-01-01', '1970-01-01']);
  });

  it('leaves out the email and country columns when the file has none', () => {
    const { header } = customerExportTable({ table, labels, segments, country: ['', '', ''] });
    expect(header.slice(0, 3)).toEqual(['CustomerID', 'FirstOrder', 'LastOrder']);
  });

  it('exports only the customers of a view, in its order', () => {
    const { rows } = customerExportTable({ ...input, only: Int32Array.from([2, 0]) });
    expect(rows.map((r) => r[0])).toEqual(['00042', 'Bäckerei Müller']);
  });

  it('CSV: byte order mark, commas, formula-safe text, numbers as numbers', () => {
    const text = customerExportCsv(input, 'comma');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const bytes = new TextEncoder().encode(text);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      'Bäckerei Müller,info@baeckerei.de,Germany,2010-12-01,2011-12-09,3,5,4310,10,4,300,862,2,Café fans',
    );
    const rows = parse(text.slice(1), ',');
    expect(rows[2]![0]).toBe("'=cmd|calc");
    expect(rows[2]![7]).toBe('0.3');
    expect(text).not.toMatch(/\d\.\d{4,}/);
  });

  it('semicolon layout: ; between cells and decimal commas', () => {
    const text = customerExportCsv(input, 'semicolon');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]!.split(';')).toHaveLength(14);
    expect(lines[2]).toBe(
      "'=cmd|calc;;EIRE;2011-01-09;2011-02-01;40;2;0,3;1,35;2;41;0,15;1;Champions",
    );
    const rows = parse(text.slice(1), ';');
    expect(rows[1]![7]).toBe('4310');
  });

  it('xlsx: one sheet, the same cells, text never a formula, dates as Excel dates', async () => {
    const bytes = await customerExportXlsx(input);
    const book = XLSX.read(bytes, { type: 'array', cellNF: true });
    expect(book.SheetNames).toEqual(['Customers']);
    const sheet = book.Sheets.Customers!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
    expect(rows[0]).toEqual(customerExportTable(input).header);
    expect(rows[1]!.slice(0, 3)).toEqual(['Bäckerei Müller', 'info@baeckerei.de', 'Germany']);
    expect(rows[1]!.slice(5, 14)).toEqual([3, 5, 4310, 10, 4, 300, 862, 2, 'Café fans']);
    const injected = sheet.A3!;
    expect(injected.t).toBe('s');
    expect(injected.v).toBe('=cmd|calc');
    expect(injected.f).toBeUndefined();
    // 2010-12-01 is Excel day 40513 (the UCI file's first date as its serial number).
    expect(sheet.D2!.v).toBe(40513);
    expect(sheet.D2!.z).toBe('yyyy-mm-dd');
    expect(isoDate(Date.UTC(2011, 1, 1) + DAY - 1)).toBe('2011-02-01');
  });
});
