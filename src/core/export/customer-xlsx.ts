/**
 * The customer export as an Excel workbook (.xlsx), written by SheetJS, which is loaded only when
 * this is asked for. Text cells are stored as text (shared strings), never as formulas, so a
 * customer id like `=1+1` is shown as written and cannot run: the apostrophe the CSV needs
 * (csv.ts) would only be noise here. Dates are real Excel dates (serial numbers formatted
 * yyyy-mm-dd), computed from UTC so no time zone shifts a day.
 */
import { type CustomerExportInput, customerExportTable } from './customer-export.ts';

const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const DATE_COLUMNS = new Set(['FirstOrder', 'LastOrder']);

export async function customerExportXlsx(input: CustomerExportInput): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const { header, rows } = customerExportTable(input);
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows]);
  header.forEach((name, c) => {
    if (!DATE_COLUMNS.has(name)) return;
    rows.forEach((row, r) => {
      const ms = Date.parse(`${row[c] as string}T00:00:00Z`);
      sheet[XLSX.utils.encode_cell({ r: r + 1, c })] = {
        t: 'n',
        v: ms / DAY_MS + EXCEL_EPOCH_DAYS,
        z: 'yyyy-mm-dd',
      };
    });
  });
  sheet['!cols'] = header.map((name) => ({ wch: Math.max(10, name.length + 2) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Customers');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
