/**
 * A workbook written the way Excel writes one, by hand, compressed: rich-text and phonetic shared
 * strings, entities and `_x000D_`, an inline string, a formula's string, booleans and error cells,
 * the 1904 date system with built-in and custom date formats, gaps and a cell without a reference,
 * and the data on the second sheet (the first has only an error and a formatted empty cell).
 * Every value expected below is worked out by hand from the XML; SheetJS must read the same, and
 * the columns must be the same as from the CSV text.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { readTable, type ReadSettings } from './read.ts';
import { convertWorkbook, openAsText } from './workbook.ts';
import { firstSheetWithData, isSheetSource, openXlsx, sheetSource } from './xlsx.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, kind: string, target: string) =>
  `<Relationship Id="${id}" Type="${RELS}/${kind}" Target="${target}"/>`;

const SHARED = [
  '<si><t>Invoice</t></si>',
  '<si><r><rPr><b/><sz val="11"/></rPr><t>Cust</t></r><r><t>omer</t></r></si>',
  '<si><t>Date</t></si>',
  '<si><t>Qty</t></si>',
  '<si><t>Paid</t></si>',
  '<si><t>Note</t></si>',
  '<si><t>536365</t></si>',
  '<si><t>Bäcker &amp; Söhne</t></si>',
  '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
  '<si><t xml:space="preserve">   </t></si>',
  '<si><t>&#x20AC;5 line_x000D_\nbreak</t></si>',
];

const row = (r: number, cells: string) => `<row r="${r}" spans="1:6">${cells}</row>`;
const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${MAIN} xmlns:r="${RELS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

const NOTES = sheet(row(1, '<c r="A1" t="e"><v>#REF!</v></c><c r="B1" s="1"/>'));
const SALES = sheet(
  row(1, [0, 1, 2, 3, 4, 5].map((i) => `<c r="${'ABCDEF'[i]}1" t="s"><v>${i}</v></c>`).join('')) +
    row(
      2,
      '<c r="A2" t="s"><v>6</v></c><c r="B2" s="0" t="s"><v>7</v></c><c r="C2" s="1"><v>39051.5</v></c>' +
        '<c r="D2"><v>6</v></c><c r="E2" t="b"><v>1</v></c>' +
        '<c r="F2" t="inlineStr"><is><t>left &lt;here&gt;</t></is></c>',
    ) +
    row(
      3,
      '<c r="A3" t="s"><v>6</v></c><c r="C3" s="1"><v>39052</v></c><c r="D3" t="e"><v>#N/A</v></c>' +
        '<c r="F3" t="str"><f>A1&amp;"y"</f><v>x &amp; y</v></c>',
    ) +
    row(
      4,
      '<c r="A4" t="s"><v>6</v></c><c t="s"><v>8</v></c><c r="C4" s="2"><v>39051.25</v></c>' +
        '<c r="D4"><v>2.5</v></c><c r="F4" t="s"><v>10</v></c>',
    ) +
    '<row r="5"/>' +
    row(6, '<c r="A6" t="s"><v>9</v></c>'),
);

const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const CONTENT_TYPES =
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${TYPE}.worksheet+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${TYPE}.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="${TYPE}.styles+xml"/>` +
  `<Override PartName="/xl/sharedStrings.xml" ContentType="${TYPE}.sharedStrings+xml"/>` +
  '</Types>';

function excelWorkbook(): Uint8Array {
  const deflated = (text: string): [Uint8Array, { level: 6 }] => [encode(text), { level: 6 }];
  return zipSync({
    '[Content_Types].xml': deflated(CONTENT_TYPES),
    '_rels/.rels': deflated(
      `<Relationships>${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    ),
    'xl/workbook.xml': deflated(
      `<workbook ${MAIN} xmlns:r="${RELS}"><workbookPr date1904="1" defaultThemeVersion="124226"/><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Sales" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': deflated(
      `<Relationships>${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'worksheet', 'worksheets/sheet2.xml')}${rel('rId3', 'styles', 'styles.xml')}${rel('rId4', 'sharedStrings', 'sharedStrings.xml')}</Relationships>`,
    ),
    'xl/styles.xml': deflated(
      `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': deflated(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst ${MAIN} count="16" uniqueCount="11">${SHARED.join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': deflated(NOTES),
    'xl/worksheets/sheet2.xml': deflated(SALES),
  });
}

const CSV =
  'Invoice,Customer,Date,Qty,Paid,Note\n' +
  '536365,Bäcker & Söhne,2010-12-01 12:00:00,6,TRUE,left <here>\n' +
  '536365,,2010-12-02,,,x & y\n' +
  '536365,東京,2010-12-01 06:00:00,2.5,,"€5 line\nbreak"\n';

describe('a workbook as Excel writes it', () => {
  it('finds the sheet with data, reads the 1904 dates, strings and cells as worked out by hand', async () => {
    const bytes = excelWorkbook();
    const book = (await openXlsx(bytes))!;
    expect(book.sheets.map((s) => s.name)).toEqual(['Notes', 'Sales']);
    expect(book.date1904).toBe(true);
    expect([...book.dateStyles]).toEqual([0, 1, 1]);
    expect(book.shared).toEqual([
      'Invoice',
      'Customer',
      'Date',
      'Qty',
      'Paid',
      'Note',
      '536365',
      'Bäcker & Söhne',
      '東京',
      '   ',
      '€5 line\r\nbreak',
    ]);
    expect(await firstSheetWithData(book)).toBe(1);
    const reader = sheetSource(book, 1, 'x.xlsx').stream().getReader();
    let text = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += new TextDecoder().decode(next.value);
    expect(text).toBe(CSV);
    const bySheetJs = await convertWorkbook(bytes, 'zip');
    expect(bySheetJs.workbook.sheet).toBe('Sales');
    expect(bySheetJs.chunks.map((c) => new TextDecoder().decode(c)).join('')).toBe(CSV);
  });

  it('reads into the same columns straight from the sheet as from its CSV text', async () => {
    const { source } = await openAsText(memorySource(excelWorkbook(), 'excel.xlsx'));
    expect(isSheetSource(source)).toBe(true);
    const settings: ReadSettings = {
      encoding: 'utf-8',
      delimiter: ',',
      newline: '\n',
      headers: ['Invoice', 'Customer', 'Date', 'Qty', 'Paid', 'Note'],
      mapping: { invoice: 0, customer: 1, date: 2, quantity: 3, country: 5 },
      headerRow: 0,
    };
    const silent = () => undefined;
    const direct = await readTable(source, settings, silent);
    const asCsv = { name: 'x.csv', size: source.size, stream: () => source.stream() };
    const viaCsv = await readTable(asCsv, settings, silent);
    const values = (table: typeof direct) =>
      Object.fromEntries(
        Object.entries(table.columns).map(([role, column]) => [
          role,
          [...column.codes].map((code) => column.values[code]),
        ]),
      );
    expect(values(direct)).toEqual({
      invoice: ['536365', '536365', '536365'],
      customer: ['Bäcker & Söhne', '', '東京'],
      date: ['2010-12-01 12:00:00', '2010-12-02', '2010-12-01 06:00:00'],
      quantity: ['6', '', '2.5'],
      country: ['left <here>', 'x & y', '€5 line\nbreak'],
    });
    expect(values(direct)).toEqual(values(viaCsv));
    expect(direct.rowCount).toBe(3);
    expect(direct.malformedRows).toBe(0);
  });
});
