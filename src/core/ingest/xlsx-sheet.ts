/**
 * A worksheet's XML (`<sheetData><row><c r="B2" s="1" t="s"><v>0</v></c>…`), fed in chunks as it
 * is inflated, written out as the CSV the reader consumes: comma-separated, `\n` line ends, RFC
 * 4180 quoting, the same text SheetJS's cells gave (`workbook.ts` documents how each kind of cell
 * is written). The scan works on the bytes: it jumps from `<` to `<` with `indexOf`, reads the
 * three attributes it needs, and decodes only strings; shared strings are encoded once.
 */
import { UnsupportedZip } from './zip.ts';
import { itemText, unescapeXml } from './xml.ts';
import { serialToIso } from './serial.ts';
import { asciiText, columnOf, csvText, roundTrips, utf8 } from './xlsx-values.ts';

const LT = 60;
const GT = 62;
const SLASH = 47;
const COMMA = 44;
const LF = 10;
const ZERO = 48;
const EMPTY = new Uint8Array(0);
const [c, r, o, w, v, i, s, t] = [...'crowvist'].map((ch) => ch.charCodeAt(0)) as number[];

/** The byte after a tag name: a space, `>` or `/`. */
const endsName = (byte: number | undefined) =>
  byte === GT || byte === SLASH || (byte !== undefined && byte <= 32);

export class SheetToCsv {
  /** A row with a value has been written: the sheet has data. */
  sawData = false;
  /** Bytes fed; the first `pendingLength` are the rest of a row not yet read. */
  private input = new Uint8Array(1 << 21);
  private pendingLength = 0;
  private inData = false;
  private ended = false;
  private firstColumn = 0;
  private width = 0;
  private out = new Uint8Array(1 << 20);
  private length = 0;
  /** Fields written in the current row, where it starts in `out`, and whether it has a value. */
  private fields = 0;
  private rowStart = 0;
  private rowHasValue = false;
  /** The first row with a value is the header (or a title): its names get their spaces tidied. */
  private header = true;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  /** Filled up front: set as strings were first met, out of order, it became slow and holey. */
  private readonly sharedBytes: (Uint8Array | undefined)[];
  /** The last date cell's serial bytes and its ISO text. */
  private lastDate = new Uint8Array(0);
  private lastDateText = new Uint8Array(0);

  constructor(
    private readonly shared: readonly string[],
    /** Per cell style (`s`): 1 when its number format shows a date. */
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
  ) {
    this.sharedBytes = new Array<Uint8Array | undefined>(shared.length).fill(undefined);
  }

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

  /** The CSV written since the last call, or null. Only between rows (after `feed`). */
  take(): Uint8Array | null {
    if (this.length === 0) return null;
    const chunk = this.out.subarray(0, this.length);
    this.out = new Uint8Array(Math.max(1 << 20, this.out.byteLength));
    this.length = 0;
    this.rowStart = 0;
    return chunk;
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
    return this.encoder.encode(head.slice(0, close + 1)).byteLength;
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

  private startRow(): void {
    this.fields = 0;
    this.rowStart = this.length;
    this.rowHasValue = false;
  }

  private endRow(): void {
    if (!this.rowHasValue) {
      this.length = this.rowStart; // a blank row is not a line
      return;
    }
    if (this.fields > this.width) this.width = this.fields;
    while (this.fields < this.width) this.comma();
    this.put(LF);
    this.header = false;
    this.sawData = true;
    this.rowStart = this.length;
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
      const nameStart = q;
      while (q < end && bytes[q] !== 61 /* = */ && (bytes[q] as number) > 32) q++;
      const nameLength = q - nameStart;
      while (q < end && bytes[q] !== 61) q++;
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
        this.text(itemText(this.decoder.decode(bytes.subarray(inlineStart, q))), column);
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
      this.sharedString(index, column);
    } else if (type === 0 || type === 110 /* n */) {
      if (this.dateStyles[style] === 1) this.date(bytes, start, end, column);
      else if (roundTrips(bytes, start, end)) this.copy(bytes, start, end, column);
      else {
        const number = Number(asciiText(bytes, start, end));
        if (Number.isFinite(number)) this.text(String(number), column);
      }
    } else if (type === s) {
      // t="str": a formula's text result.
      this.text(unescapeXml(this.decoder.decode(bytes.subarray(start, end))), column);
    } else if (type === 98 /* b */) {
      this.text(bytes[start] === 49 ? 'TRUE' : 'FALSE', column);
    } else if (type === 100 /* d */) {
      const date = new Date(asciiText(bytes, start, end) + 'Z');
      if (!Number.isNaN(date.getTime()))
        this.text(date.toISOString().slice(0, 19).replace('T', ' '), column);
    }
    // t="e" (an error such as #N/A): empty.
  }

  /** A serial number with a date style, as ISO text; consecutive rows often repeat one. */
  private date(bytes: Uint8Array, start: number, end: number, column: number): void {
    const last = this.lastDate;
    let same = last.byteLength === end - start;
    for (let k = 0; same && k < last.byteLength; k++) same = last[k] === bytes[start + k];
    if (!same) {
      const serial = Number(asciiText(bytes, start, end));
      if (!Number.isFinite(serial)) return;
      this.lastDate = bytes.slice(start, end);
      this.lastDateText = utf8(serialToIso(serial, this.date1904));
    }
    if (this.header) this.text(this.decoder.decode(this.lastDateText), column);
    else this.copy(this.lastDateText, 0, this.lastDateText.byteLength, column);
  }

  private sharedString(index: number, column: number): void {
    const text = this.shared[index];
    if (text === undefined) return;
    if (this.header) {
      this.text(text, column);
      return;
    }
    let encoded = this.sharedBytes[index];
    if (encoded === undefined) {
      // EMPTY marks text that is only spaces: written as it is, but such a cell does not make its
      // row one with a value, which `text` knows (SheetJS keeps the spaces when the row has one).
      encoded = text.trim() === '' ? EMPTY : utf8(csvText(text));
      this.sharedBytes[index] = encoded;
    }
    if (encoded === EMPTY) this.text(text, column);
    else this.copy(encoded, 0, encoded.byteLength, column);
  }

  /** Bytes that are already the field's CSV text (not empty unless blank). */
  private copy(source: Uint8Array, start: number, end: number, column: number): void {
    // One room check for the empty fields before it, the commas and the bytes (most cells are a
    // few bytes, and a call per comma was a good part of the scan's time).
    let fields = this.fields;
    this.ensure(end - start + column - fields + 1);
    const out = this.out;
    let length = this.length;
    for (; fields < column; fields++) if (fields > 0) out[length++] = COMMA;
    if (fields > 0) out[length++] = COMMA;
    for (let k = start; k < end; k++) out[length++] = source[k] as number;
    this.length = length;
    this.fields = fields + 1;
    if (end > start) this.rowHasValue = true;
  }

  private text(raw: string, column: number): void {
    const text = this.header ? raw.replace(/\s+/g, ' ').trim() : raw;
    this.moveTo(column);
    const cell = csvText(text);
    this.ensure(cell.length * 3);
    this.length += this.encoder.encodeInto(cell, this.out.subarray(this.length)).written;
    this.fields++;
    if (text.trim() !== '') this.rowHasValue = true;
  }

  /** Empty fields up to `column`, and the comma before it. */
  private moveTo(column: number): void {
    while (this.fields < column) this.comma();
    if (this.fields > 0) this.put(COMMA);
  }

  private comma(): void {
    if (this.fields > 0) this.put(COMMA);
    this.fields++;
  }

  private put(byte: number): void {
    this.ensure(1);
    this.out[this.length++] = byte;
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.out.byteLength) return;
    const grown = new Uint8Array(Math.max(this.out.byteLength * 2, this.length + bytes));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
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
