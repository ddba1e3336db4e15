/**
 * The sheet scanner (`SheetScanner`, through `SheetToCsv`) on hand-written sheet XML: every kind of
 * cell, attributes written the long way, styles past 9, the `<dimension>`'s first column and
 * width, cells without a reference or out of order, rows with nothing, and the sheets it refuses.
 * Each CSV text below is worked out by hand from the XML.
 */
import { describe, expect, it } from 'vitest';
import { SheetToCsv } from './xlsx-sheet.ts';
import { UnsupportedZip } from './zip.ts';

const SHARED = ['Name', 'Amount', 'a, "b"', 'C1', '   '];

/** The CSV text of `<sheetData>` holding `rows`, after a `<dimension>` when given. */
function csv(
  rows: string,
  options: { dimension?: string; dateStyles?: number[]; chunks?: number } = {},
) {
  const head = options.dimension ? `<dimension ref="${options.dimension}"/>` : '';
  const xml = `<worksheet>${head}<sheetData>${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
  const styles = new Uint8Array(options.dateStyles ?? [0, 1]);
  const sheet = new SheetToCsv(SHARED, styles, false);
  const bytes = new TextEncoder().encode(xml);
  const parts = options.chunks ?? 1;
  const size = Math.ceil(bytes.length / parts);
  let text = '';
  for (let at = 0; at < bytes.length; at += size) {
    sheet.feed([bytes.subarray(at, at + size)], at + size >= bytes.length);
    const out = sheet.take();
    if (out) text += new TextDecoder().decode(out);
  }
  return { text, sawData: sheet.sawData };
}

const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';

describe('cells of every kind', () => {
  it('shared strings, numbers, dates, booleans, errors, ISO dates, formulas, inline strings', () => {
    const rows =
      header +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>2.5</v></c></row>' +
      '<row r="3"><c r="A3" t="n"><v>7</v></c><c r="B3" s="1"><v>40513.25</v></c></row>' +
      '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c></row>' +
      '<row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" t="e"><v>#N/A</v></c></row>' +
      '<row r="6"><c r="A6" t="d"><v>2010-12-01T08:26:00</v></c><c r="B6" t="d"><v>soon</v></c></row>' +
      '<row r="7"><c r="A7" t="str"><f>A5&amp;"x"</f><v>C1 &amp; x</v></c><c r="B7"><f t="shared" si="0"/><v>0.1</v></c></row>' +
      '<row r="8"><c r="A8" t="inlineStr"><is><t>in &lt;line&gt;</t></is></c><c r="B8"><v>1E-3</v></c></row>' +
      '<row r="9"><c r="A9" t="s"><v>99</v></c><c r="B9"><v>007</v></c></row>';
    expect(csv(rows).text).toBe(
      'Name,Amount\n' +
        '"a, ""b""",2.5\n' +
        '7,2010-12-01 06:00:00\n' +
        'TRUE,FALSE\n' +
        'C1,\n' +
        '2010-12-01 08:26:00,\n' +
        'C1 & x,0.1\n' +
        'in <line>,0.001\n' +
        ',7\n',
    );
  });

  it('attributes written the long way: spaces around "=", single quotes, other attributes', () => {
    const rows =
      header +
      `<row r="2" spans="1:2"><c  r = "A2"  t = 's' ><v>3</v></c><c cm="1" r='B2' s='1' ><v>40514</v></c></row>` +
      `<row r="3"><c r="A3" ph="1" t="s"><v>3</v></c><c vm="2" r="B3"><v>5</v></c></row>`;
    expect(csv(rows).text).toBe('Name,Amount\nC1,2010-12-02\nC1,5\n');
  });

  it('reads a style index of several digits, either way it is written', () => {
    const styles = new Array<number>(13).fill(0);
    styles[12] = 1;
    const rows =
      header +
      '<row r="2"><c r="A2" s="12"><v>40513.5</v></c><c r="B2" s="2"><v>40513.5</v></c></row>' +
      `<row r="3"><c r = "A3" s = '12'><v>40514</v></c><c r = "B3" s = '1'><v>40514</v></c></row>`;
    expect(csv(rows, { dateStyles: styles }).text).toBe(
      'Name,Amount\n2010-12-01 12:00:00,40513.5\n2010-12-02,40514\n',
    );
  });
});

describe('where cells go', () => {
  it('a cell without a reference follows the last one; gaps are empty fields', () => {
    // No <dimension>: a row is padded to the widest row so far.
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>' +
      '<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row>' +
      '<row r="3"><c r="AA3"><v>9</v></c></row>';
    expect(csv(rows).text).toBe(`Name,Amount,,C1\n,1,2,\n${','.repeat(26)}9\n`);
  });

  it('reads references in lower case', () => {
    expect(csv('<row r="1"><c r="b1" t="s"><v>0</v></c><c r="ab1"><v>3</v></c></row>').text).toBe(
      `,Name${','.repeat(26)}3\n`,
    );
  });

  it('a cell before one already read in its row is left out', () => {
    const rows = '<row r="1"><c r="B1" t="s"><v>0</v></c><c r="A1" t="s"><v>1</v></c></row>';
    expect(csv(rows).text).toBe(',Name\n');
  });

  it('the <dimension> sets the first column and the width of every row', () => {
    const rows =
      '<row r="2"><c r="C2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>' +
      '<row r="3"><c r="C3"><v>1</v></c></row>' +
      '<row r="4"><c r="E4"><v>5</v></c></row>';
    expect(csv(rows, { dimension: 'C2:E4' }).text).toBe('Name,Amount,\n1,,\n,,5\n');
    expect(csv(rows, { dimension: 'c2:e4' }).text).toBe('Name,Amount,\n1,,\n,,5\n');
    // One cell: the width is one column, widened by the rows.
    expect(
      csv('<row r="2"><c r="B2"><v>4</v></c><c r="C2"><v>5</v></c></row>', { dimension: 'B2' })
        .text,
    ).toBe('4,5\n');
  });

  it('rows without a value, or of spaces, or empty tags, are no lines', () => {
    const rows =
      header +
      '<row r="2"/>' +
      '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="e"><v>#REF!</v></c></row>' +
      '<row r="4"><c r="A4" s="1"/><c r="B4"><v></v></c></row>' +
      '<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5"><v>3</v></c></row>' +
      '<row><c t="s"><v>3</v></c></row>';
    const { text, sawData } = csv(rows);
    expect(text).toBe('Name,Amount\n   ,3\nC1,\n');
    expect(sawData).toBe(true);
  });
});

describe('sheets as a whole', () => {
  it('the same text however the XML is cut into chunks', () => {
    const rows =
      header +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>40513.25</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="B3"><v>12</v></c></row>';
    const whole = csv(rows).text;
    expect(whole).toBe('Name,Amount\n"a, ""b""",2010-12-01 06:00:00\nx,12\n');
    for (const chunks of [2, 3, 5, 8, 13]) expect(csv(rows, { chunks }).text).toBe(whole);
  });

  it('an empty sheet, and a sheet without <sheetData>, have no data', () => {
    const empty = new SheetToCsv(SHARED, new Uint8Array(0), false);
    empty.feed([new TextEncoder().encode('<worksheet><sheetData/></worksheet>')], true);
    expect(empty.take()).toBeNull();
    expect(empty.sawData).toBe(false);
    const none = new SheetToCsv(SHARED, new Uint8Array(0), false);
    none.feed([new TextEncoder().encode('<worksheet><cols/>')], false);
    none.feed([new TextEncoder().encode('</worksheet>')], true);
    expect(none.take()).toBeNull();
    expect(csv('').sawData).toBe(false);
  });

  it('reads nothing after </sheetData>', () => {
    const sheet = new SheetToCsv(SHARED, new Uint8Array(0), false);
    const encode = (text: string) => new TextEncoder().encode(text);
    sheet.feed([encode(`<worksheet><sheetData>${header}</sheetData>`)], false);
    sheet.feed([encode('<sheetData><row r="9"><c r="A9"><v>1</v></c></row></sheetData>')], true);
    expect(new TextDecoder().decode(sheet.take()!)).toBe('Name,Amount\n');
  });

  it.each([
    [
      'a namespace-prefixed sheet',
      '<x:worksheet><x:sheetData><x:row/></x:sheetData></x:worksheet>',
    ],
    ['a cell tag without its end', '<worksheet><sheetData><row r="1"><c r="A1" t="s"'],
    ['a cell without its end', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>'],
  ])('refuses %s', (_, xml) => {
    const sheet = new SheetToCsv(SHARED, new Uint8Array(0), false);
    expect(() => sheet.feed([new TextEncoder().encode(xml)], true)).toThrow(UnsupportedZip);
  });
});
