/**
 * The shared strings of a `sharedStrings.xml` text (ECMA-376 Part 1, §18.4.8 `<si>`): the same
 * strings as the regular expression `ITEM` reads, but an item of one plain
 * run, `<si><t>text</t></si>` or `<si><t xml:space="preserve"> text</t></si>`, which is nearly
 * every item Excel and the shop systems write, is cut out with `indexOf` and unescaped only when
 * it holds an `&` or an `_x` escape. Anything else (rich-text runs, phonetic hints, namespace
 * prefixes, `<si/>`, attributes on `<si>`) is read by the regular expressions, one item at a time.
 * On a workbook with 60,000 shared strings the expressions took a quarter of a second.
 */
import { itemText, unescapeXml } from './xml.ts';

/** One item, any shape (`itemText` reads its text), from `lastIndex` on. */
const ITEM = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;

const PLAIN_START = '<si><t';
const PLAIN_END = '</t></si>';

const plainText = (raw: string) =>
  raw.includes('&') || raw.includes('_x') ? unescapeXml(raw) : raw;

/**
 * The end of the plain item starting at `at` (`<si><t…>text</t></si>`) and its raw text, or
 * null when the item there has another shape.
 */
function plainItem(xml: string, at: number): { end: number; raw: string } | null {
  if (!xml.startsWith(PLAIN_START, at)) return null;
  let open = at + PLAIN_START.length;
  const next = xml.charCodeAt(open);
  // `<t>` or `<t` and attributes (`xml:space`); not `<tx…>`.
  if (next !== 62 /* > */) {
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13) return null;
    open = xml.indexOf('>', open);
    if (open < 0 || xml.charCodeAt(open - 1) === 47 /* <t/> */) return null;
  }
  const start = open + 1;
  const close = xml.indexOf('<', start);
  if (close < 0 || !xml.startsWith(PLAIN_END, close)) return null;
  return { end: close + PLAIN_END.length, raw: xml.slice(start, close) };
}

/** Appends the shared strings of `xml` (complete `<si>` items only) to `into`. */
export function readSharedStrings(xml: string, into: string[]): void {
  let at = 0;
  while (at >= 0 && at < xml.length) {
    const plain = plainItem(xml, at);
    if (plain) {
      into.push(plainText(plain.raw));
      at = plain.end;
      // Items follow one another; anything else between them is for the expression to skip.
      if (!xml.startsWith(PLAIN_START, at)) at = xml.indexOf('<', at);
      continue;
    }
    ITEM.lastIndex = at;
    const match = ITEM.exec(xml);
    if (!match) return;
    into.push(match[1] === undefined ? '' : itemText(match[1]));
    at = ITEM.lastIndex;
  }
}
