/**
 * A worksheet's XML (`<sheetData><row><c r="B2" s="1" t="s"><v>0</v></c>…`), fed in chunks as it
 * is inflated, read cell by cell. The scan works on the bytes: it jumps from `<` to `<`, reads the
 * three attributes it needs, and decodes only strings. What becomes of the cells is the
 * subclass's: CSV text for the sniffer (`SheetToCsv`), or interned columns for the reader
 * (`SheetToColumns`), so both see exactly the same cells.
 */
import { UnsupportedZip } from './zip.ts';
import { itemText, unescapeXml } from './xml.ts';
import { asciiText, columnOf } from './xlsx-values.ts';

const LT = 60;
const GT = 62;
const SLASH = 47;
const ZERO = 48;
const EQUALS = 61;
const QUOTE = 34;
const [c, r, o, w, v, i, s, t] = [...'crowvist'].map((ch) => ch.charCodeAt(0)) as number[];

/** The byte after a tag name: a space, `>` or `/`. */
const endsName = (byte: number | undefined) =>
  byte === GT || byte === SLASH || (byte !== undefined && byte <= 32);

export abstract class SheetScanner {
  /** Bytes fed; the first `pendingLength` are the rest of a row not yet read. */
  private input = new Uint8Array(1 << 21);
  private pendingLength = 0;
  private inData = false;
  protected ended = false;
  private firstColumn = 0;
  /** Fields of a row: the `<dimension>`'s width, or the widest row so far. */
  protected width = 0;
  /** Fields of the current row so far: the next cell must be at this column or after it. */
  protected fields = 0;
  protected readonly decoder = new TextDecoder();

  /** A row starts. */
  protected abstract startRow(): void;
  /** The row ends. */
  protected abstract endRow(): void;
  /** Shared string `index` (`t="s"`). */
  protected abstract sharedCell(index: number, column: number): void;
  /** A number without a date style, as written in the XML (`bytes[start, end)`). */
  protected abstract numberCell(
    bytes: Uint8Array,
    start: number,
    end: number,
    column: number,
  ): void;
  /** A number with a date style: an Excel serial day. */
  protected abstract dateCell(bytes: Uint8Array, start: number, end: number, column: number): void;
  /** Any other cell with a value, as its text (inline and formula strings, booleans, ISO dates). */
  protected abstract textCell(text: string, column: number): void;

  constructor(
    /** Per cell style (`s`): 1 when its number format shows a date. */
    private readonly dateStyles: Uint8Array,
  ) {}

  /** The sheet XML's next bytes; `final` with the last ones. */
  feed(parts: readonly Uint8Array[], final: boolean): void {
    if (this.ended) return;
    // The rest of the last row, then the new bytes, in one buffer reused from feed to feed.
    let length = this.pendingLength;
    for (const part of parts) length += part.byteLength;
    if (length > this.input.byteLength) {
      const grown = new Uint8Array(Math.max(length, this.input.byteLength * 1.25));
      grown.set(this.input.subarray(0, this.pendingLength));
      this.input = grown;
    }
    let at = this.pendingLength;
    for (const part of parts) {
      this.input.set(part, at);
      at += part.byteLength;
    }
    const bytes = this.input.subarray(0, length);
    let from = 0;
    if (!this.inData) {
      from = this.preamble(bytes, final);
      if (from < 0) {
        this.pendingLength = final ? 0 : length;
        return;
      }
    }
    const end = final ? length : lastRowEnd(bytes, from);
    if (end > from) this.rows(bytes, from, end);
    this.pendingLength = final || this.ended ? 0 : length - end;
    this.input.copyWithin(0, end, length);
  }

  /** Reads up to `<sheetData>` (the `<dimension>` on the way); where rows start, or -1. */
  private preamble(bytes: Uint8Array, final: boolean): number {
    const head = this.decoder.decode(bytes);
    const at = head.search(/<sheetData\b/);
    if (at < 0) {
      if (/<\w+:sheetData\b/.test(head)) throw new UnsupportedZip('namespace-prefixed sheet');
      if (final) this.ended = true;
      return -1;
    }
    const ref = /<dimension\s+ref="([A-Z]+)\d+(?::([A-Z]+)\d+)?"/i.exec(head.slice(0, at));
    if (ref) {
      const letters = (text: string) => new TextEncoder().encode(text);
      const first = ref[1] as string;
      this.firstColumn = columnOf(letters(first), 0, first.length);
      const last = ref[2] ?? first;
      this.width = columnOf(letters(last), 0, last.length) - this.firstColumn + 1;
    }
    const close = head.indexOf('>', at);
    if (close < 0) return -1;
    this.inData = true;
    if (head[close - 1] === '/') {
      this.ended = true;
      return bytes.byteLength;
    }
    // The bytes up to here are ASCII, so the string index is the byte index.
    return new TextEncoder().encode(head.slice(0, close + 1)).byteLength;
  }

  private rows(bytes: Uint8Array, from: number, end: number): void {
    let at = from;
    for (;;) {
      // Byte loops rather than indexOf: the gaps between tags are short, and a call per tag cost
      // more than the scan (a profile of a 40 MB workbook).
      while (at < end && bytes[at] !== LT) at++;
      if (at >= end) return;
      const next = bytes[at + 1];
      if (next === c && endsName(bytes[at + 2])) {
        at = this.cell(bytes, at, end);
        continue;
      }
      if (next === r && bytes[at + 2] === o && bytes[at + 3] === w && endsName(bytes[at + 4])) {
        while (at < end && bytes[at] !== GT) at++;
        this.fields = 0;
        this.startRow();
        if (bytes[at - 1] === SLASH) this.endRow();
        at++;
        continue;
      }
      if (next === SLASH) {
        if (bytes[at + 2] === r && bytes[at + 3] === o && bytes[at + 4] === w) this.endRow();
        else if (bytes[at + 2] === s && bytes[at + 3] === 104 /* h */) {
          this.ended = true; // </sheetData>
          return;
        }
      }
      while (at < end && bytes[at] !== GT) at++;
      at++;
    }
  }

  /** Reads the cell whose tag starts at `at`; returns where the scan goes on. */
  private cell(bytes: Uint8Array, at: number, end: number): number {
    let column = this.fields;
    let type = 0; // the first byte of `t`: s(hared), n(umber), b(oolean), e(rror), i(nline), d(ate)
    let typeLength = 0;
    let style = 0;
    let q = at + 2;
    // Attributes, name="value", up to `>` or `/>`.
    for (;;) {
      while (q < end && (bytes[q] as number) <= 32) q++;
      const byte = bytes[q];
      if (byte === GT) {
        q++;
        break;
      }
      if (byte === SLASH) return q + 2; // an empty cell
      if (q >= end) throw new UnsupportedZip('a cell tag without its end');
      // Nearly always a one-letter name and `="`: read the value as it is passed.
      if (bytes[q + 1] === EQUALS && bytes[q + 2] === QUOTE) {
        q += 3;
        if (byte === r) {
          let letters = 0;
          for (; q < end; q++) {
            const letter = (bytes[q] as number) | 0x20;
            if (letter < 97 || letter > 122) break;
            letters = letters * 26 + letter - 96;
          }
          column = letters - 1 - this.firstColumn;
        } else if (byte === s) {
          style = 0;
          for (; q < end && bytes[q] !== QUOTE; q++)
            style = style * 10 + (bytes[q] as number) - ZERO;
        } else if (byte === t) {
          type = bytes[q] as number;
          const valueStart = q;
          while (q < end && bytes[q] !== QUOTE) q++;
          typeLength = q - valueStart;
        }
        while (q < end && bytes[q] !== QUOTE) q++;
        q++;
        continue;
      }
      const nameStart = q;
      while (q < end && bytes[q] !== EQUALS && (bytes[q] as number) > 32) q++;
      const nameLength = q - nameStart;
      while (q < end && bytes[q] !== EQUALS) q++;
      q++;
      while (q < end && (bytes[q] as number) <= 32) q++;
      const quote = bytes[q++];
      const valueStart = q;
      while (q < end && bytes[q] !== quote) q++;
      const valueEnd = q++;
      if (nameLength !== 1) continue;
      const name = bytes[nameStart];
      if (name === r) column = columnOf(bytes, valueStart, valueEnd) - this.firstColumn;
      else if (name === t) {
        type = bytes[valueStart] as number;
        typeLength = valueEnd - valueStart;
      } else if (name === s) {
        style = 0;
        for (let d = valueStart; d < valueEnd; d++)
          style = style * 10 + (bytes[d] as number) - ZERO;
      }
    }
    // The cell's content up to `</c>`: its value (<v>), an inline string (<is>), a formula.
    let valueStart = -1;
    let valueEnd = -1;
    let inlineStart = -1;
    // Nearly always `<v>…</v></c>`.
    if (bytes[q] === LT && bytes[q + 1] === v && bytes[q + 2] === GT) {
      valueStart = q + 3;
      q = valueStart;
      while (q < end && bytes[q] !== LT) q++;
      valueEnd = q;
    }
    for (;;) {
      while (q < end && bytes[q] !== LT) q++;
      if (q >= end) throw new UnsupportedZip('a cell without its end');
      const next = bytes[q + 1];
      if (next === SLASH && bytes[q + 2] === c && bytes[q + 3] === GT) break;
      const tagStart = q;
      while (q < end && bytes[q] !== GT) q++;
      q++;
      if (next === v && endsName(bytes[tagStart + 2]) && bytes[q - 2] !== SLASH) {
        valueStart = q;
        while (q < end && bytes[q] !== LT) q++;
        valueEnd = q;
      } else if (next === i && bytes[tagStart + 2] === s && endsName(bytes[tagStart + 3]))
        inlineStart = q;
    }
    if (column >= this.fields) {
      if (type === i && typeLength === 9)
        this.textCell(itemText(this.decoder.decode(bytes.subarray(inlineStart, q))), column);
      else if (valueEnd > valueStart)
        this.value(bytes, column, type, typeLength, style, valueStart, valueEnd);
    }
    return q + 4;
  }

  private value(
    bytes: Uint8Array,
    column: number,
    type: number,
    typeLength: number,
    style: number,
    start: number,
    end: number,
  ): void {
    if (type === s && typeLength === 1) {
      let index = 0;
      for (let d = start; d < end; d++) index = index * 10 + (bytes[d] as number) - ZERO;
      this.sharedCell(index, column);
    } else if (type === 0 || type === 110 /* n */) {
      if (this.dateStyles[style] === 1) this.dateCell(bytes, start, end, column);
      else this.numberCell(bytes, start, end, column);
    } else if (type === s) {
      // t="str": a formula's text result.
      this.textCell(unescapeXml(this.decoder.decode(bytes.subarray(start, end))), column);
    } else if (type === 98 /* b */) {
      this.textCell(bytes[start] === 49 ? 'TRUE' : 'FALSE', column);
    } else if (type === 100 /* d */) {
      const date = new Date(asciiText(bytes, start, end) + 'Z');
      if (!Number.isNaN(date.getTime()))
        this.textCell(date.toISOString().slice(0, 19).replace('T', ' '), column);
    }
    // t="e" (an error such as #N/A): empty.
  }
}

/** Just past the last `</row>` at or after `from`, or `from` when there is none yet. */
function lastRowEnd(bytes: Uint8Array, from: number): number {
  for (let at = bytes.lastIndexOf(LT); at >= from; at = bytes.lastIndexOf(LT, at - 1)) {
    if (
      bytes[at + 1] === SLASH &&
      bytes[at + 2] === r &&
      bytes[at + 3] === o &&
      bytes[at + 4] === w &&
      bytes[at + 5] === GT // not yet fed when the chunk ends inside `</row>`
    )
      return at + 6;
    if (at === 0) break;
  }
  return from;
}
