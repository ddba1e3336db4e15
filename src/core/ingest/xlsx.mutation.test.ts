/**
 * How an .xlsx archive's parts are found (xlsx.ts), on small workbooks zipped here by hand: the
 * package's relationships wherever they point (absolute, `..`, `./`, external ones ignored), which
 * archives are not .xlsx at all (null: SheetJS reads them) and which it cannot stream (throws),
 * chart sheets and sheets without a relationship, both ways of saying 1904, date styles from
 * custom and built-in formats, shared strings across the inflater's slices, and the sheet source.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { textDecoder, textEncoder } from './bytes.ts';
import { ColumnBuilder } from './intern.ts';
import { firstSheetWithData, openXlsx, readSheetColumns, sheetSource } from './xlsx.ts';
import { UnsupportedZip } from './zip.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, kind: string, target: string, extra = '') =>
  `<Relationship Id="${id}" Type="${RELS}/${kind}" Target="${target}"${extra}/>`;
const rels = (...items: string[]) => encode(`<Relationships>${items.join('')}</Relationships>`);
const sheetXml = (rows: string) => encode(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
const DATA = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c></row>');

/** A workbook at `book/wb.xml` whose parts are named every way a relationship may name them. */
function oddlyNamed(): Uint8Array {
  return zipSync({
    '_rels/.rels': rels(rel('r0', 'officeDocument', '/book/wb.xml')),
    'book/wb.xml': encode(
      '<workbook><workbookPr date1904="true"/><sheets>' +
        '<sheet name="Chart" r:id="c1"/><sheet name="Loose"/><sheet name="Gone" r:id="missing"/>' +
        '<sheet name="Data" x:id="s1"/><sheet name="Up" r:id="s2"/></sheets></workbook>',
    ),
    'book/_rels/wb.xml.rels': rels(
      rel('c1', 'chartsheet', 'charts/chart1.xml'),
      rel('s1', 'worksheet', './sheets/One.xml'),
      rel('s2', 'worksheet', '../other/two.xml'),
      rel('x1', 'styles', 'http://example.com/styles.xml', ' TargetMode="External"'),
      rel('st', 'styles', '/book/st.xml'),
      rel('ss', 'sharedStrings', 'strings.xml'),
    ),
    'book/charts/chart1.xml': encode('<chartsheet/>'),
    'book/sheets/one.xml': DATA,
    'other/two.xml': sheetXml(''),
    'book/st.xml': encode(
      '<styleSheet><numFmts><numFmt numFmtId="14" formatCode="0.00"/>' +
        '<numFmt numFmtId="170" formatCode="yyyy-mm-dd"/><numFmt numFmtId="171" formatCode="#,##0"/></numFmts>' +
        '<cellStyleXfs><xf numFmtId="22"/></cellStyleXfs>' +
        '<x:cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/>' +
        '<xf numFmtId="171"/><xf numFmtId="22"/><xf/></x:cellXfs></styleSheet>',
    ),
    'book/strings.xml': encode('<sst><si><t>a</t></si><si/><si><t>c</t></si></sst>'),
  });
}

describe('openXlsx', () => {
  it('follows the relationships, absolute, relative, up a folder; ignores external ones', async () => {
    const book = (await openXlsx(oddlyNamed()))!;
    expect(book.sheets).toEqual([
      { name: 'Chart', path: null },
      { name: 'Loose', path: null },
      { name: 'Gone', path: null },
      { name: 'Data', path: 'book/sheets/One.xml' },
      { name: 'Up', path: 'other/two.xml' },
    ]);
    expect(book.date1904).toBe(true);
    // A custom format replaces the built-in one of its id (14 is "0.00" here); a style without a
    // format is General; the cell styles are the cellXfs, not the cellStyleXfs.
    expect([...book.dateStyles]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(book.shared).toEqual(['a', '', 'c']);
    expect(await firstSheetWithData(book)).toBe(3);
  });

  it('finds xl/workbook.xml without a package relationship; reads date1904="1" and "false"', async () => {
    const zip = (pr: string) =>
      zipSync({
        'xl/workbook.xml': encode(
          `<workbook>${pr}<sheets><sheet name="S" r:id="a"/></sheets></workbook>`,
        ),
        'xl/_rels/workbook.xml.rels': rels(rel('a', 'worksheet', 'worksheets/s.xml')),
        'xl/worksheets/s.xml': DATA,
      });
    const one = (await openXlsx(zip('<workbookPr date1904="1"/>')))!;
    expect(one.sheets).toEqual([{ name: 'S', path: 'xl/worksheets/s.xml' }]);
    expect(one.date1904).toBe(true);
    expect((await openXlsx(zip('<workbookPr date1904="false"/>')))!.date1904).toBe(false);
    const plain = (await openXlsx(zip('')))!;
    expect(plain.date1904).toBe(false);
    expect([...plain.dateStyles]).toEqual([]);
    expect(plain.shared).toEqual([]);
  });

  it('is null for archives that are no .xlsx: .xlsb, .ods, a zip without a workbook', async () => {
    const xlsb = zipSync({
      '_rels/.rels': rels(rel('r', 'officeDocument', 'xl/workbook.bin')),
      'xl/workbook.bin': new Uint8Array([1, 2, 3]),
    });
    const ods = zipSync({
      mimetype: encode('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': encode('<office:document-content/>'),
    });
    const noSheets = zipSync({ 'xl/workbook.xml': encode('<workbook><bookViews/></workbook>') });
    expect(await openXlsx(xlsb)).toBeNull();
    expect(await openXlsx(ods)).toBeNull();
    expect(await openXlsx(noSheets)).toBeNull();
  });

  it('refuses a namespace-prefixed workbook (SheetJS reads it)', async () => {
    const prefixed = zipSync({
      'xl/workbook.xml': encode(
        '<x:workbook><x:sheets><x:sheet name="S"/></x:sheets></x:workbook>',
      ),
    });
    await expect(openXlsx(prefixed)).rejects.toThrow(UnsupportedZip);
  });

  it('reads shared strings split across the inflater slices, empty items included', async () => {
    const items: string[] = [];
    for (let n = 0; n < 40_000; n++) items.push(n % 3 === 0 ? '<si/>' : `<si><t>v${n}</t></si>`);
    const zip = zipSync({
      'xl/workbook.xml': encode('<workbook><sheets/></workbook>'),
      'xl/_rels/workbook.xml.rels': rels(rel('s', 'sharedStrings', 'sharedStrings.xml')),
      'xl/sharedStrings.xml': [encode(`<sst>${items.join('')}</sst>`), { level: 0 }],
    });
    const book = (await openXlsx(zip))!;
    expect(book.shared.length).toBe(40_000);
    expect(book.shared.slice(0, 4)).toEqual(['', 'v1', 'v2', '']);
    expect(book.shared[39_999]).toBe('');
    expect(book.shared[39_998]).toBe('v39998');
    expect(book.sheets).toEqual([]);
    expect(await firstSheetWithData(book)).toBe(-1);
  });
});

describe('sheetSource and readSheetColumns', () => {
  it('a sheet source has the sheet XML size, and progress from 0 to 1 as it is read', async () => {
    const book = (await openXlsx(oddlyNamed()))!;
    expect(() => sheetSource(book, 0, 'chart.xlsx')).toThrow(UnsupportedZip);
    expect(() => sheetSource(book, 9, 'none.xlsx')).toThrow(UnsupportedZip);
    const source = sheetSource(book, 3, 'data.xlsx');
    expect(source.name).toBe('data.xlsx');
    expect(source.size).toBe(DATA.length);
    expect(source.progress!()).toBe(0);
    const reader = source.stream().getReader();
    let text = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += new TextDecoder().decode(next.value);
    expect(text).toBe('Customer\n');
    expect(source.progress!()).toBe(1);
  });

  it('reads into columns, reporting the whole sheet read at the end; a throw stops it', async () => {
    const book = (await openXlsx(oddlyNamed()))!;
    const source = sheetSource(book, 3, 'data.xlsx');
    const layout = { indices: [0], headerCount: 1, headerRow: 0, customerField: 0 };
    const newBuilder = () => new ColumnBuilder(textDecoder('utf-8'), textEncoder('utf-8'));
    const shares: number[] = [];
    const sheet = await readSheetColumns(source, layout, newBuilder, (_, share) => {
      shares.push(share);
    });
    expect(shares).toEqual([1]);
    expect(sheet.rowCount).toBe(0);
    const stop = new Error('cancelled');
    await expect(
      readSheetColumns(source, layout, newBuilder, () => {
        throw stop;
      }),
    ).rejects.toBe(stop);
  });
});
