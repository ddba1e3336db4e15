/**
 * The streaming .xlsx reader on a 25,000-row sheet: the CSV text comes out in several chunks, the
 * progress share rises chunk by chunk to 1, and reading straight into columns reports progress as
 * the compressed XML is inflated. Seconds long, so it is kept apart from the quick tests in
 * xlsx.test.ts (and left out of mutation runs).
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { at, book, bySheetJs, HEADER, streamed, write, type Cell } from '../testing/xlsx-books.ts';
import { textDecoder, textEncoder } from './bytes.ts';
import { ColumnBuilder } from './intern.ts';
import { openXlsx, readSheetColumns, sheetSource } from './xlsx.ts';

describe('a large sheet read by the streaming .xlsx reader', () => {
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
