/**
 * Shared strings as Excel writes them: plain items cut out directly, every other shape read by the
 * regular expressions of xlsx-strings.ts and xml.ts. The values below are worked out by hand from the XML; the
 * property test checks the two ways agree on any mix of item shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSharedStrings } from './xlsx-strings.ts';
import { itemText } from './xml.ts';

/** The reference: every item read by the regular expression alone, as the reader did before. */
const sharedStringItems = (xml: string, into: string[]): void => {
  for (const match of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g))
    into.push(match[1] === undefined ? '' : itemText(match[1]));
};

const read = (xml: string) => {
  const into: string[] = [];
  readSharedStrings(xml, into);
  return into;
};

const SST = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">${items}</sst>`;

describe('readSharedStrings', () => {
  it('plain items, spaces kept, entities and character references, Excel escapes', () => {
    expect(
      read(
        SST(
          '<si><t>Bäckerei Müller</t></si>' +
            '<si><t xml:space="preserve">  two spaces  </t></si>' +
            '<si><t>Fish &amp; Chips &lt;3 &gt; &quot;q&quot; &apos;s</t></si>' +
            '<si><t>&#x20AC;5 &#8364;6 &#x1F389;</t></si>' +
            '<si><t>line_x000D_\nbreak</t></si>' +
            '<si><t>_x_ and _x00zz_ stay</t></si>',
        ),
      ),
    ).toEqual([
      'Bäckerei Müller',
      '  two spaces  ',
      'Fish & Chips <3 > "q" \'s',
      '€5 €6 🎉',
      'line\r\nbreak',
      '_x_ and _x00zz_ stay',
    ]);
  });

  it('rich text runs joined, phonetic hints left out, empty items, prefixes, pretty-printing', () => {
    expect(
      read(
        SST(
          '<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>Bold</t></r>' +
            '<r><rPr><i/></rPr><t xml:space="preserve"> and italic</t></r></si>' +
            '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
            '<si/>' +
            '<si><t/></si>' +
            '<si><t></t></si>' +
            '<x:si><x:t>prefixed</x:t></x:si>' +
            '<si>\n  <t>indented</t>\n</si>\n' +
            '<si><r><t>A</t></r><r><t>&amp;</t></r><r><t>B</t></r></si>' +
            '<si><t>last</t></si>',
        ),
      ),
    ).toEqual(['Bold and italic', '東京', '', '', '', 'prefixed', 'indented', 'A&B', 'last']);
  });

  it('a text that names a tag is still text', () => {
    expect(read('<sst><si><t>rPh &lt;t&gt; &lt;/si&gt;</t></si><si><t>x</t></si></sst>')).toEqual([
      'rPh <t> </si>',
      'x',
    ]);
  });

  it('gives what the regular expressions give, for any mix of item shapes', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 6 }).map((s) => s.replace(/[<&]/g, '')),
      fc.constantFrom(
        '&amp;',
        '&lt;b&gt;',
        '&#x20AC;',
        '&#228;',
        '_x000D_',
        ' lead',
        'rPh',
        'a&amp',
      ),
    );
    const item = fc.oneof(
      text.map((t) => `<si><t>${t}</t></si>`),
      text.map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
      fc
        .array(text, { minLength: 1, maxLength: 3 })
        .map((runs) => `<si>${runs.map((t) => `<r><rPr><b/></rPr><t>${t}</t></r>`).join('')}</si>`),
      fc
        .tuple(text, text)
        .map(([t, p]) => `<si><t>${t}</t><rPh sb="0" eb="1"><t>${p}</t></rPh></si>`),
      text.map((t) => `<x:si><x:t>${t}</x:t></x:si>`),
      text.map((t) => `<si>\n<t>${t}</t>\n</si>`),
      fc.constantFrom('<si/>', '<si><t/></si>', '<si><t></t></si>', '<si a="1"><t>x</t></si>'),
      fc.constantFrom('\n', ' ', '<extLst/>', '<tx>no</tx>'),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const xml = SST(items.join(''));
        const expected: string[] = [];
        sharedStringItems(xml, expected);
        expect(read(xml)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
