/**
 * The customer export's edges the main test does not reach, each worked out by hand: the lifetime
 * value columns after the segment (rounded to their own places), an email column that is all
 * blank left out, a customer whose email list is short, a cluster without a profile, and in the
 * workbook the last-order dates as Excel days and the column widths.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { SegmentProfile } from '../cluster/segments.ts';
import { customerTableOf } from '../testing/customer-table.ts';
import {
  customerExportCsv,
  customerExportHeader,
  customerExportTable,
  type CustomerExportInput,
} from './customer-export.ts';
import { customerExportXlsx } from './customer-xlsx.ts';

const column = (...values: number[]) => Float64Array.from(values);
const table = {
  ...customerTableOf(
    {
      Recency: column(1, 2),
      Frequency: column(3, 4),
      Monetary: column(10.004, 20.5),
      TotalQuantity: column(1.0004, 2),
      UniqueProducts: column(1, 2),
      Tenure: column(5, 6),
      AvgOrderValue: column(3.3349, 10.25),
    },
    ['c1', 'c2'],
  ),
  firstPurchase: column(Date.UTC(2011, 0, 31), Date.UTC(2011, 1, 28, 23, 59)),
  lastPurchase: column(Date.UTC(2011, 11, 9, 12), Date.UTC(2012, 1, 29)),
};
// Cluster 1 has no profile (a segment the caller left out): its name is empty, its number is 2.
const segments = [{ name: 'Loyal', cluster: 0 } as unknown as SegmentProfile];
const input: CustomerExportInput = {
  table,
  labels: Int32Array.from([0, 1]),
  segments,
  extra: [
    { name: 'ExpectedValue', values: column(1234.5678, -2.345), places: 2 },
    { name: 'ExpectedOrders', values: column(0.44449, 7), places: 1 },
  ],
};

describe('customer export: lifetime value columns and missing pieces', () => {
  it('puts the extra columns after the segment, each rounded to its own places', () => {
    const { header, rows } = customerExportTable(input);
    expect(header).toHaveLength(14);
    expect(header.slice(0, 3)).toEqual(['CustomerID', 'FirstOrder', 'LastOrder']);
    expect(header.slice(-4)).toEqual([
      'SegmentNumber',
      'Segment',
      'ExpectedValue',
      'ExpectedOrders',
    ]);
    // Monetary to the cent (10.004 -> 10), quantities to 3 places (1.0004 -> 1), the extra
    // columns to 2 and 1 places (1234.5678 -> 1234.57, 0.44449 -> 0.4, -2.345 -> -2.35).
    expect(rows).toEqual([
      ['c1', '2011-01-31', '2011-12-09', 1, 3, 10, 1, 1, 5, 3.33, 1, 'Loyal', 1234.57, 0.4],
      ['c2', '2011-02-28', '2012-02-29', 2, 4, 20.5, 2, 2, 6, 10.25, 2, '', -2.35, 7],
    ]);
  });

  it('writes the extra columns in the CSV too', () => {
    const lines = customerExportCsv(input, 'semicolon').slice(1).split('\r\n');
    expect(lines[0]!.endsWith(';Segment;ExpectedValue;ExpectedOrders')).toBe(true);
    expect(lines[2]).toBe('c2;2011-02-28;2012-02-29;2;4;20,5;2;2;6;10,25;2;;-2,35;7');
  });

  it('leaves out an email column that is blank for everyone, keeps one with any email', () => {
    const blank = customerExportTable({ ...input, email: ['', ''], extra: undefined });
    expect(blank.header.slice(0, 2)).toEqual(['CustomerID', 'FirstOrder']);
    expect(blank.rows[0]).toHaveLength(12);
    // A list shorter than the customers: the missing one's email is blank, not "undefined".
    const short = customerExportTable({ ...input, email: ['a@b.c'], country: ['', 'FR'] });
    expect(short.header.slice(0, 4)).toEqual(['CustomerID', 'Email', 'Country', 'FirstOrder']);
    expect(short.rows.map((row) => row.slice(0, 3))).toEqual([
      ['c1', 'a@b.c', ''],
      ['c2', '', 'FR'],
    ]);
  });

  it('names the header alone: no extra columns unless given', () => {
    const header = customerExportHeader({ email: true, country: false });
    expect(header).toHaveLength(13);
    expect(header.slice(0, 3)).toEqual(['CustomerID', 'Email', 'FirstOrder']);
    expect(header.at(-1)).toBe('Segment');
  });

  it('xlsx: both date columns are Excel days, other numbers stay, columns are wide enough', async () => {
    const bytes = await customerExportXlsx(input);
    const book = XLSX.read(bytes, { type: 'array', cellNF: true, cellStyles: true });
    const sheet = book.Sheets.Customers!;
    // 2011-01-31 is day 40574 (40513 for 2010-12-01, plus 61 days); 2011-12-09 is 40886;
    // 2012-02-29 is 40968. The order's time of day is dropped.
    expect([sheet.B2!.v, sheet.C2!.v, sheet.C3!.v]).toEqual([40574, 40886, 40968]);
    expect(sheet.C3!.z).toBe('yyyy-mm-dd');
    // Recency is a plain number, not a date.
    expect(sheet.D2!.v).toBe(1);
    expect(sheet.D2!.z).not.toBe('yyyy-mm-dd');
    expect(sheet.M3!.v).toBe(-2.35);
    // Widths: the name and two characters, at least 10 ('CustomerID' 12, 'Tenure' 10).
    const widths = sheet['!cols']!.map((col) => col.wch);
    expect(widths[0]).toBe(12);
    expect(widths[8]).toBe(10);
    expect(widths[12]).toBe(15);
  });
});
