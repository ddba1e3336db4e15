/**
 * The little XML reader of workbooks on hand-written cases: entities and character references
 * (case, hexadecimal, out of range, unknown), Excel's `_xHHHH_` escapes, attributes in either
 * quote, tags with and without a namespace prefix, string items with rich-text runs and phonetic
 * hints, and the number formats that show a date (ECMA-376 Part 1, §18.8.30), at each range's ends.
 */
import { describe, expect, it } from 'vitest';
import {
  attributes,
  isBuiltInDateFormat,
  isDateFormatCode,
  itemText,
  tags,
  unescapeXml,
} from './xml.ts';

describe('unescapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['Fish &amp; Chips', 'Fish & Chips'],
    ['&lt;b&gt; &quot;q&quot; &apos;s&apos;', '<b> "q" \'s\''],
    ['&AMP; &Lt;', '& <'],
    ['&#8364;5 &#x20AC;6 &#X20ac;7', '€5 €6 €7'],
    ['&#x1F389;', '🎉'],
    ['&#x10FFFF;', '\u{10FFFF}'],
    ['&#x110000; &#1114112;', '&#x110000; &#1114112;'],
    ['&nbsp; &amp &;', '&nbsp; &amp &;'],
    ['a&amp;b&amp;c', 'a&b&c'],
    ['line_x000D_\nbreak', 'line\r\nbreak'],
    ['tab_x0009_ and _X000a_', 'tab\t and \n'],
    ['_x_ _x00zz_ _x12345_', '_x_ _x00zz_ _x12345_'],
    ['&amp;_x0041_', '&A'],
  ])('%j reads %j', (xml, text) => expect(unescapeXml(xml)).toBe(text));
});

describe('attributes', () => {
  it('reads names with prefixes, dots and dashes, either quote, spaces around "="', () => {
    expect(
      attributes(` r="A1" t = 's' x:id="rId1" a.b-c="v" empty="" say="&quot;hi&quot;"`),
    ).toEqual({
      r: 'A1',
      t: 's',
      'x:id': 'rId1',
      'a.b-c': 'v',
      empty: '',
      say: '"hi"',
    });
    expect(attributes(`r='A12' t='str'`)).toEqual({ r: 'A12', t: 'str' });
    expect(attributes('')).toEqual({});
  });
});

describe('tags', () => {
  it('finds every tag of the name, with or without a prefix, and not longer names', () => {
    const xml =
      '<workbook><sheets><sheet name="A" r:id="r1"/><x:sheet name="B"/>' +
      '<sheetView name="no"/></sheets></workbook>';
    expect(tags(xml, 'sheet')).toEqual([{ name: 'A', 'r:id': 'r1' }, { name: 'B' }]);
    expect(tags(xml, 'sheets')).toEqual([{}]);
    expect(tags(xml, 'cols')).toEqual([]);
  });
});

describe('itemText', () => {
  it('joins the runs, drops phonetic hints, reads prefixes and entities', () => {
    expect(itemText('<t>plain</t>')).toBe('plain');
    expect(
      itemText('<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> &amp; more</t></r>'),
    ).toBe('Bold & more');
    expect(itemText('<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><t>都</t>')).toBe(
      '東京都',
    );
    expect(itemText('<x:t>a</x:t><x:rPh><x:t>hint</x:t></x:rPh>')).toBe('a');
    expect(itemText('<ss:t>b</ss:t><ss:rPh sb="0"><ss:t>hint</ss:t></ss:rPh><ss:t>c</ss:t>')).toBe(
      'bc',
    );
    expect(itemText('<t/>')).toBe('');
    expect(itemText('<tx>no</tx><t>yes</t>')).toBe('yes');
  });
});

describe('isBuiltInDateFormat', () => {
  const dates = [14, 15, 18, 22, 27, 30, 36, 45, 46, 47, 50, 54, 58, 71, 76, 81];
  const others = [0, 1, 2, 9, 10, 11, 12, 13, 23, 26, 37, 44, 48, 49, 59, 70, 82, 164];
  it.each(dates)('%i shows a date', (id) => expect(isBuiltInDateFormat(id)).toBe(true));
  it.each(others)('%i does not', (id) => expect(isBuiltInDateFormat(id)).toBe(false));
});

describe('isDateFormatCode, more cases', () => {
  it.each([
    ['yyyy', true],
    ['d', true],
    ['ss', true],
    ['A/P', true],
    ['[mm]:ss', true],
    ['[h]', true],
    ['[hh]', true],
    ['[mm]', true],
    ['[ss]', true],
    ['"Date: "0', false],
    ['0" d"', false],
    ['[Red]0.00', false],
    ['[$€-407] #,##0.00', false],
    ['#,##0_);(#,##0)', false],
    ['_(* #,##0_)', false],
    ['0.00E-00', false],
    ['\\h0', false],
    ['general', false],
    ['@', false],
  ])('%s: %s', (code, date) => expect(isDateFormatCode(code)).toBe(date));
});
