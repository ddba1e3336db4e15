/**
 * The little XML a workbook needs: attributes of a tag, text with entities, and the text of a
 * string item (`<si>` or `<is>`: plain, or rich-text runs). Not a general XML parser: OOXML parts
 * are machine-written, UTF-8, and the few shapes read here are fixed by the standard
 * (ECMA-376 Part 1, §18.4 shared strings, §18.3.1 worksheet cells).
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML entities and character references, then Excel's `_xHHHH_` escapes (control characters such
 * as a carriage return, written `_x000D_`), as Excel and SheetJS read them.
 */
export function unescapeXml(text: string): string {
  let out = text;
  if (out.includes('&'))
    out = out.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  if (out.includes('_x'))
    out = out.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  return out;
}

/** The attributes of one tag (`<c r="A1" t="s">`), values unescaped. */
export function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found[match[1] as string] = unescapeXml(match[2] ?? match[3] ?? '');
  return found;
}

/** Every tag with this (local) name, any namespace prefix, as its attributes. */
export function tags(xml: string, name: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:\\w+:)?${name}\\b([^>]*)>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => attributes(m[1] as string));
}

/** The text of a string item: its `<t>` elements joined, phonetic hints (`<rPh>`) left out. */
export function itemText(inner: string): string {
  let xml = inner;
  if (xml.includes('rPh')) xml = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let text = '';
  for (const match of xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g))
    text += match[1];
  return unescapeXml(text);
}

// ---- Number formats -----------------------------------------------------------------------------

/**
 * Built-in number formats that show a date or a time (ECMA-376 Part 1, §18.8.30): 14-22 and
 * 45-47 everywhere, 27-36 and 50-58 in East Asian locales, 71-81 in Thai ones.
 */
export function isBuiltInDateFormat(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58) ||
    (id >= 71 && id <= 81)
  );
}

/**
 * A custom format code that shows a date or a time: a year, month, day, hour or second token
 * (or AM/PM, or elapsed time like `[h]`) outside quoted text, escaped characters, colours and
 * conditions. `0.00E+00` (scientific) and `General` are not dates.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '')
    .replace(/E[+-]/gi, '');
  return /[dmyhs]/i.test(bare) || /AM\/PM|A\/P/i.test(bare);
}
