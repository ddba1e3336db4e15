/**
 * Small workbooks written with SheetJS for the streaming .xlsx reader's tests, and the readings
 * they are compared by: the streamed CSV text against the SheetJS conversion the app used before,
 * and the table read straight into columns against the CSV reader's table of that text.
 */
import * as XLSX from '@e965/xlsx';
import { expect } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { type RawTable, readTable, type ReadSettings } from '../ingest/read.ts';
import type { ByteSource } from '../ingest/source.ts';
import { convertWorkbook, openAsText } from '../ingest/workbook.ts';
import { firstSheetWithData, isSheetSource, openXlsx, sheetSource } from '../ingest/xlsx.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';

export type Cell = string | number | boolean | Date | null | undefined | XLSX.CellObject;

export function book(sheets: Record<string, Cell[][]>, date1904 = false): XLSX.WorkBook {
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

export const write = (wb: XLSX.WorkBook, bookSST: boolean) =>
  new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer);

export async function streamed(bytes: Uint8Array, chunks?: number[]): Promise<string> {
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

export async function bySheetJs(bytes: Uint8Array): Promise<string> {
  const { chunks } = await convertWorkbook(bytes, 'zip');
  return chunks.map((c) => new TextDecoder().decode(c)).join('');
}

export async function expectSame(wb: XLSX.WorkBook) {
  for (const sst of [true, false]) {
    const bytes = write(wb, sst);
    const expected = await bySheetJs(bytes);
    expect(expected.length).toBeGreaterThan(0);
    expect(await streamed(bytes)).toBe(expected);
  }
}

export const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min, s));
export const HEADER = [
  'InvoiceNo',
  'Customer ID',
  'InvoiceDate',
  'Description',
  'Quantity',
  'Price',
];

/** One sheet "S" of these rows, with shared strings or inline ones. */
export const writeRows = (rows: Cell[][], bookSST: boolean) => {
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
export async function bothWays(
  bytes: Uint8Array,
  settings: ReadSettings,
): Promise<[RawTable, RawTable]> {
  const { source } = await openAsText(memorySource(bytes, `t${Math.random()}.xlsx`));
  expect(isSheetSource(source)).toBe(true);
  const asCsv: ByteSource = { name: 'x.csv', size: source.size, stream: () => source.stream() };
  const silent = () => undefined;
  return [await readTable(source, settings, silent), await readTable(asCsv, settings, silent)];
}

export const plain = (table: RawTable) => ({
  ...table,
  columns: Object.fromEntries(
    Object.entries(table.columns).map(([role, column]) => [
      role,
      { values: column.values, codes: [...column.codes] },
    ]),
  ),
});

const ROLES: ColumnRole[] = ['invoice', 'customer', 'date', 'quantity', 'unitPrice', 'country'];

export function settingsFor(
  headerCount: number,
  fields: number[],
  headerRow: number,
): ReadSettings {
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
