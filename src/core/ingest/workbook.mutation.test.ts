/**
 * The workbook front door without the pipeline around it: which heads `workbookKind` takes for a
 * workbook (a zip by its name or its first entries, an OLE file, markup named .xls), the
 * SheetJS conversion's CSV text for every kind of cell, worked out by hand, the 1904 date system,
 * the password check on UTF-16 stream names, and the in-memory source.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { isAnalysisError } from '../errors.ts';
import { bytesSource, convertWorkbook, workbookKind } from './workbook.ts';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const head = (prefix: number[], text = '') =>
  Uint8Array.from([...prefix, ...new TextEncoder().encode(text)]);

/** The code of the AnalysisError `run` throws. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAnalysisError(error)) return error.code;
    throw error;
  }
  return 'none';
}

describe('workbookKind', () => {
  it('a zip is a workbook by its name or by its first entries, else a zip archive', () => {
    expect(workbookKind(head(ZIP, 'data'), 'Sales.XLSM')).toBe('zip');
    expect(workbookKind(head(ZIP, 'data'), 'sales.ods')).toBe('zip');
    expect(workbookKind(head(ZIP, '..xl/workbook.xml'), 'download')).toBe('zip');
    expect(workbookKind(head(ZIP, '..[Content_Types].xml..'), 'download')).toBe('zip');
    expect(
      workbookKind(head(ZIP, 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'x'),
    ).toBe('zip');
    expect(codeOf(() => workbookKind(head(ZIP, 'orders/2011.csv'), 'orders.zip'))).toBe(
      'zip-archive',
    );
    // A name that only ends in a workbook's letters, and an entry name cut off at the head's end.
    expect(codeOf(() => workbookKind(head(ZIP, 'a'), 'sales.xlsx.zip'))).toBe('zip-archive');
    expect(codeOf(() => workbookKind(head(ZIP, 'docs/x'), 'a.zip'))).toBe('zip-archive');
  });

  it('an OLE file always might be one; markup only when named .xls', () => {
    expect(workbookKind(head(CFB), 'anything.bin')).toBe('cfb');
    expect(workbookKind(head(CFB.slice(0, 7)), 'old.xls')).toBeNull();
    const html = head([], '\uFEFF  \n<table><tr><td>a</td></tr></table>');
    expect(workbookKind(html, 'EXPORT.XLS')).toBe('markup');
    expect(workbookKind(html, 'export.xlsx')).toBeNull();
    expect(workbookKind(html, 'export.html')).toBeNull();
    expect(workbookKind(head([], 'x <table>'), 'export.xls')).toBeNull();
  });
});

describe('convertWorkbook (SheetJS)', () => {
  it('writes each kind of cell as the streamed reader does', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['  Customer\n ID ', 'Paid', 'When', 'Amount', 'Note'],
      ['c1', true, 0, 2.5, 'a\r\nb'],
      [],
      ['c2', false, 0, 3, 'x,"y"'],
      ['c3', null, 0, 1e21, 'cr\ronly'],
    ]);
    sheet.C2 = { t: 'n', v: 40513.5, z: 'yyyy-mm-dd hh:mm' };
    sheet.C4 = { t: 'e', v: 0x2a };
    sheet.C5 = { t: 'n', v: 40514, z: 'General' };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Empty');
    XLSX.utils.book_append_sheet(book, sheet, 'Orders');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
    const { chunks, workbook } = await convertWorkbook(bytes, 'zip');
    expect(workbook).toEqual({ sheet: 'Orders', sheets: ['Empty', 'Orders'] });
    expect(chunks).toHaveLength(1);
    expect(new TextDecoder().decode(chunks[0])).toBe(
      'Customer ID,Paid,When,Amount,Note\n' +
        'c1,TRUE,2010-12-01 12:00:00,2.5,"a\nb"\n' +
        'c2,FALSE,,3,"x,""y"""\n' +
        'c3,,40514,1e+21,"cr\nonly"\n',
    );
  });

  it('reads serials in the 1904 date system when the workbook says so', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([['Date'], [0]]);
    sheet.A2 = { t: 'n', v: 1.25, z: 'yyyy-mm-dd hh:mm' };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'S');
    book.Workbook = { WBProps: { date1904: true } };
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }));
    const { chunks } = await convertWorkbook(bytes, 'zip');
    expect(new TextDecoder().decode(chunks[0])).toBe('Date\n1904-01-02 06:00:00\n');
  });

  it('a password is found by the stream name in UTF-16, as OLE files write names', async () => {
    const utf16 = Uint8Array.from([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]));
    const ole = Uint8Array.from([...CFB, 0, 0, ...utf16, 0, 0]);
    await expect(convertWorkbook(ole, 'cfb')).rejects.toMatchObject({
      code: 'workbook-password',
    });
    // The name as plain bytes is not the sign of a password: SheetJS says what is wrong.
    const plain = Uint8Array.from([...CFB, ...new TextEncoder().encode('EncryptedPackage')]);
    await expect(convertWorkbook(plain, 'cfb')).rejects.toMatchObject({
      code: 'workbook-unreadable',
    });
  });
});

describe('bytesSource', () => {
  it('has the chunks size and hands out copies, chunk by chunk, again on each stream', async () => {
    const chunks = [Uint8Array.from([1, 2]), Uint8Array.from([3])];
    const source = bytesSource('a.xlsx', chunks);
    expect([source.name, source.size]).toEqual(['a.xlsx', 3]);
    for (let pass = 0; pass < 2; pass++) {
      const reader = source.stream().getReader();
      const first = await reader.read();
      expect([...first.value!]).toEqual([1, 2]);
      first.value![0] = 9;
      expect([...(await reader.read()).value!]).toEqual([3]);
      expect((await reader.read()).done).toBe(true);
    }
    expect(chunks[0]![0]).toBe(1);
  });
});
