/**
 * A sheet read straight into columns (`SheetToColumns`, through `readTable`) gives the very table
 * the CSV reader makes of the sheet's CSV text (`SheetToCsv`): values, codes, row counts, totals
 * and malformed rows, NULs dropped, on a till sheet written by hand (random sheets:
 * xlsx.property.test.ts). The CSV text itself is checked against SheetJS in xlsx.test.ts, so this
 * closes the chain.
 */
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { bothWays, plain, settingsFor } from '../testing/xlsx-books.ts';

describe('a sheet read straight into columns', () => {
  it('a till sheet: title block, totals, numbers written oddly, inline and formula strings', async () => {
    const cells = (r: number, inner: string) => `<row r="${r}">${inner}</row>`;
    const sheet =
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<dimension ref="A1:D9"/><sheetData>' +
      cells(1, '<c r="A1" t="inlineStr"><is><t>Corner Shop</t></is></c>') +
      cells(2, '<c r="A2" t="s"><v>5</v></c>') + // spaces only: not a line
      cells(
        3,
        '<c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c>',
      ) +
      cells(
        4,
        '<c r="A4" t="s"><v>4</v></c><c r="B4" s="1"><v>40513.354166666664</v></c><c r="C4"><v>2.5499999999999998</v></c><c r="D4"><v>1E-3</v></c>',
      ) +
      cells(
        5,
        '<c r="A5" t="str"><v>C&amp;2</v></c><c r="B5" s="1"><v>40513.354166666664</v></c><c r="C5"><v>007</v></c><c r="D5" t="b"><v>1</v></c>',
      ) +
      cells(6, '<c r="B6" s="1"><v>40514</v></c><c r="C6"><v>3</v></c>') +
      cells(
        7,
        '<c r="A7" t="s"><v>4</v></c><c r="B7" t="e"><v>#N/A</v></c><c r="C7" t="s"><v>6</v></c><c r="E7"><v>9</v></c>',
      ) +
      cells(
        8,
        '<c r="A8" t="inlineStr"><is><t xml:space="preserve"> C_x0000_3 </t></is></c><c r="C8"><v>1</v></c>',
      ) +
      cells(9, '<c r="A9" t="s"><v>7</v></c><c r="C9"><v>99.5</v></c>') +
      '</sheetData></worksheet>';
    const shared = [
      'Customer',
      'Date',
      'Amount',
      'Note',
      'C1',
      '   ',
      'a "quoted"\r\nline',
      'Total:',
    ];
    const sst = `<sst>${shared.map((s) => `<si><t xml:space="preserve">${s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\r/g, '_x000D_')}</t></si>`).join('')}</sst>`;
    const styles =
      '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>';
    const rels = (items: string) => `<Relationships>${items}</Relationships>`;
    const rel = (id: string, kind: string, target: string) =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="${target}"/>`;
    const encode = (text: string) => new TextEncoder().encode(text);
    const bytes = zipSync({
      '[Content_Types].xml': encode('<Types/>'),
      '_rels/.rels': encode(rels(rel('r1', 'officeDocument', 'xl/workbook.xml'))),
      'xl/workbook.xml': encode(
        '<workbook><sheets><sheet name="Till" sheetId="1" r:id="r1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': encode(
        rels(
          rel('r1', 'worksheet', 'worksheets/sheet1.xml') +
            rel('r2', 'styles', 'styles.xml') +
            rel('r3', 'sharedStrings', 'sharedStrings.xml'),
        ),
      ),
      'xl/styles.xml': encode(styles),
      'xl/sharedStrings.xml': encode(sst),
      'xl/worksheets/sheet1.xml': encode(sheet),
    });
    const settings = settingsFor(4, [3, 0, 1, 2], 1);
    const [direct, viaCsv] = await bothWays(bytes, settings);
    expect(plain(direct)).toEqual(plain(viaCsv));
    // Worked out by hand from the sheet: the rows below the header, without the Total: row.
    expect(direct.rowCount).toBe(5);
    expect(direct.totalsRows).toBe(1);
    expect(direct.nulBytes).toBe(1);
    expect(direct.malformedRows).toBe(2); // row 7 reaches column E, and so row 8 is short
    const customers = direct.columns.customer!;
    expect([...customers.codes].map((c) => customers.values[c])).toEqual([
      'C1',
      'C&2',
      '',
      'C1',
      'C3',
    ]);
    const dates = direct.columns.date!;
    expect([...dates.codes].map((c) => dates.values[c])).toEqual([
      '2010-12-01 08:30:00',
      '2010-12-01 08:30:00',
      '2010-12-02',
      '',
      '',
    ]);
    const amounts = direct.columns.quantity!;
    expect([...amounts.codes].map((c) => amounts.values[c])).toEqual([
      '2.55',
      '7',
      '3',
      'a "quoted"\nline',
      '1',
    ]);
    const notes = direct.columns.invoice!;
    expect([...notes.codes].map((c) => notes.values[c])).toEqual(['0.001', 'TRUE', '', '', '']);
  });
});
