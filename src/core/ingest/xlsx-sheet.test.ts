import { describe, expect, it } from 'vitest';
import { SheetToCsv } from './xlsx-sheet.ts';

const SHEET =
  '<worksheet><dimension ref="A1:C3"/><sheetData>' +
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
  '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>40513.5</v></c><c r="C2"><v>2.5</v></c></row>' +
  '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3"><v>7</v></c></row>' +
  '</sheetData></worksheet>';
const SHARED = ['Name', 'When', 'Amount', 'a, "b"'];
const CSV = 'Name,When,Amount\n"a, ""b""",2010-12-01 12:00:00,2.5\n"a, ""b""",,7\n';

/** The sheet fed in two parts split at `split`, taking the CSV after each feed. */
function convert(split: number): string {
  const bytes = new TextEncoder().encode(SHEET);
  const sheet = new SheetToCsv(SHARED, new Uint8Array([0, 1]), false);
  const out: string[] = [];
  const take = () => {
    const csv = sheet.take();
    if (csv) out.push(new TextDecoder().decode(csv));
  };
  sheet.feed([bytes.subarray(0, split)], false);
  take();
  sheet.feed([bytes.subarray(split)], true);
  take();
  return out.join('');
}

describe('SheetToCsv fed in chunks', () => {
  it('writes the same CSV wherever a chunk ends, even inside `</row>`', () => {
    const inside = SHEET.indexOf('</row>') + '</row'.length;
    expect(convert(inside)).toBe(CSV);
    for (let split = 0; split <= SHEET.length; split++) expect(convert(split)).toBe(CSV);
  });
});

describe('SheetToCsv shared strings of spaces only', () => {
  it('keeps the spaces in a row with a value, and a row of nothing else is no line', () => {
    const xml =
      '<worksheet><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>0</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>1</v></c></row>' +
      '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4"><v>5</v></c></row>' +
      '</sheetData></worksheet>';
    const sheet = new SheetToCsv(['h', ' '], new Uint8Array(1), false);
    sheet.feed([new TextEncoder().encode(xml)], true);
    expect(new TextDecoder().decode(sheet.take() ?? new Uint8Array(0))).toBe('h,h\n ,0\n ,5\n');
  });
});
