/**
 * Test-only (Node): what a PDF file written by jsPDF holds, read from its bytes with no PDF
 * library: its page count, and the characters its fonts' ToUnicode maps give text for (jsPDF
 * writes one map per embedded font, listing exactly the characters set in that font).
 */
import { inflateSync } from 'node:zlib';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Pages: objects of `/Type /Page` (not `/Pages`, the page tree). */
export function pdfPageCount(bytes: Uint8Array): number {
  return [...latin1(bytes).matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/** Every stream's content, inflated when it is Flate-compressed. */
function streams(bytes: Uint8Array): string[] {
  const text = latin1(bytes);
  const out: string[] = [];
  for (const match of text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    const raw = Buffer.from(text.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    out.push(/\/FlateDecode/.test(match[1]!) ? inflateSync(raw).toString('latin1') : latin1(raw));
  }
  return out;
}

/** The characters the PDF's embedded fonts map glyphs to (their ToUnicode CMaps), as a string. */
export function pdfMappedCharacters(bytes: Uint8Array): string {
  const chars = new Set<string>();
  for (const stream of streams(bytes)) {
    if (!stream.includes('begincmap')) continue;
    for (const [, unicode] of stream.matchAll(/<[0-9a-fA-F]{4}><([0-9a-fA-F]{4})>/g))
      chars.add(String.fromCharCode(parseInt(unicode!, 16)));
  }
  return [...chars].sort().join('');
}
