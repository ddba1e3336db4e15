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

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const APOS = 39;
const COMMA = 44;
const LF = 10;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const [c, r, o, w, v, i, s, t] = [...'crowvist'].map((ch) => ch.charCodeAt(0)) as number[];

/** The byte after a tag name: a space, `>` or `/`. */
const endsName = (byte: number | undefined) =>
  byte === GT || byte === SLASH || (byte !== undefined && byte <= 32);

/** Column index (0-based) of a cell reference's letters (`AB12` -> 27). */
function columnOf(bytes: Uint8Array, start: number, end: number): number {
  let column = 0;
  for (let at = start; at < end; at++) {
    const byte = (bytes[at] as number) | 0x20;
    if (byte < 97 || byte > 122) break;
    column = column * 26 + byte - 96;
  }
  return column - 1;
}

const csvText = (text: string) => {
  const cell = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
};

export class SheetToCsv {
  /** A row with a value has been written: the sheet has data. */
  sawData = false;
  private pending: Uint8Array = new Uint8Array(0);
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
  private readonly sharedBytes: (Uint8Array | undefined)[] = [];

  constructor(
    private readonly shared: readonly string[],
    /** Per cell style (`s`): 1 when its number format shows a date. */
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
  ) {}

  /** The sheet XML's next bytes; `final` with the last ones. */
  feed(chunk: Uint8Array, final: boolean): void {
    if (this.ended) return;
    let bytes = chunk;
    if (this.pending.byteLength > 0) {
      bytes = new Uint8Array(this.pending.byteLength + chunk.byteLength);
      bytes.set(this.pending);
      bytes.set(chunk, this.pending.byteLength);
    }
    let from = 0;
    if (!this.inData) {
      from = this.preamble(bytes, final);
      if (from < 0) {
        this.pending = final ? new Uint8Array(0) : bytes;
        return;
      }
    }
    const end = final ? bytes.byteLength : lastRowEnd(bytes, from);
    if (end > from) this.rows(bytes, from, end);
    this.pending = final || this.ended ? new Uint8Array(0) : bytes.slice(end);
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
      at = bytes.indexOf(LT, at);
      if (at < 0 || at >= end) return;
      const next = bytes[at + 1];
      if (next === c && endsName(bytes[at + 2])) {
        at = this.cell(bytes, at, end);
        continue;
      }
      if (next === r && bytes[at + 2] === o && bytes[at + 3] === w && endsName(bytes[at + 4])) {
        const close = bytes.indexOf(GT, at);
        this.startRow();
        if (bytes[close - 1] === SLASH) this.endRow();
        at = close + 1;
        continue;
      }
      if (next === SLASH) {
        if (bytes[at + 2] === r && bytes[at + 3] === o && bytes[at + 4] === w) this.endRow();
        else if (bytes[at + 2] === s && bytes[at + 3] === 104 /* h */) {
          this.ended = true; // </sheetData>
          return;
        }
      }
      at = bytes.indexOf(GT, at) + 1;
      if (at === 0) return;
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
    const close = bytes.indexOf(GT, at);
    let column = this.fields;
    let type = 0; // the first byte of `t`: s(hared), n(umber), b(oolean), e(rror), i(nline), d(ate)
    let typeLength = 0;
    let style = 0;
    // Attributes: name="value" pairs up to the tag's end.
    for (let p = at + 2; p < close;) {
      const equals = bytes.indexOf(61, p);
      if (equals < 0 || equals > close) break;
      const quote = bytes[equals + 1];
      const valueStart = equals + 2;
      const valueEnd = bytes.indexOf(quote === APOS ? APOS : QUOTE, valueStart);
      let nameStart = equals - 1;
      while (nameStart > p && (bytes[nameStart - 1] as number) > 32) nameStart--;
      if (equals - nameStart === 1) {
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
      p = valueEnd + 1;
    }
    if (bytes[close - 1] === SLASH) return close + 1; // an empty cell
    // The cell's end, and its value (<v>) or inline string (<is>) on the way.
    let valueStart = -1;
    let valueEnd = -1;
    let inlineStart = -1;
    let p = close + 1;
    let cellEnd = -1;
    while (p < end) {
      const lt = bytes.indexOf(LT, p);
      if (lt < 0 || lt >= end) break;
      const next = bytes[lt + 1];
      if (next === SLASH && bytes[lt + 2] === c && bytes[lt + 3] === GT) {
        cellEnd = lt;
        break;
      }
      const gt = bytes.indexOf(GT, lt);
      if (next === v && endsName(bytes[lt + 2]) && bytes[gt - 1] !== SLASH) {
        valueStart = gt + 1;
        valueEnd = bytes.indexOf(LT, valueStart);
        p = valueEnd;
        continue;
      }
      if (next === i && bytes[lt + 2] === s && endsName(bytes[lt + 3])) inlineStart = gt + 1;
      p = gt + 1;
    }
    if (cellEnd < 0) throw new UnsupportedZip('a cell without its end');
    if (column >= 0)
      this.value(
        bytes,
        column,
        type,
        typeLength,
        style,
        valueStart,
        valueEnd,
        inlineStart,
        cellEnd,
      );
    return cellEnd + 4;
  }

  private value(
    bytes: Uint8Array,
    column: number,
    type: number,
    typeLength: number,
    style: number,
    valueStart: number,
    valueEnd: number,
    inlineStart: number,
    cellEnd: number,
  ): void {
    if (column < this.fields) return; // out of order: not what a spreadsheet program writes
    if (type === i && typeLength === 9) {
      this.text(itemText(this.decoder.decode(bytes.subarray(inlineStart, cellEnd))), column);
      return;
    }
    if (valueStart < 0 || valueEnd <= valueStart) return;
    if (type === s && typeLength === 1) {
      let index = 0;
      for (let d = valueStart; d < valueEnd; d++) index = index * 10 + (bytes[d] as number) - ZERO;
      this.shared_(index, column);
    } else if (type === s) {
      // t="str": a formula's text result.
      this.text(unescapeXml(this.decoder.decode(bytes.subarray(valueStart, valueEnd))), column);
    } else if (type === 98 /* b */) {
      this.text(bytes[valueStart] === 49 ? 'TRUE' : 'FALSE', column);
    } else if (type === 100 /* d */) {
      const date = new Date(this.decoder.decode(bytes.subarray(valueStart, valueEnd)) + 'Z');
      if (!Number.isNaN(date.getTime()))
        this.text(date.toISOString().slice(0, 19).replace('T', ' '), column);
    } else if (type === 0 || type === 110 /* n */) {
      this.number(bytes, valueStart, valueEnd, style, column);
    }
    // t="e" (an error such as #N/A): empty.
  }

  private number(bytes: Uint8Array, start: number, end: number, style: number, column: number) {
    if (this.dateStyles[style] === 1 || end - start > 15 || !plainInteger(bytes, start, end)) {
      const number = Number(this.decoder.decode(bytes.subarray(start, end)));
      if (!Number.isFinite(number)) return;
      this.text(
        this.dateStyles[style] === 1 ? serialToIso(number, this.date1904) : String(number),
        column,
      );
      return;
    }
    // Most numbers are plain integers, which read and print back as the same digits.
    this.moveTo(column);
    this.ensure(end - start);
    this.out.set(bytes.subarray(start, end), this.length);
    this.length += end - start;
    this.fields++;
    this.rowHasValue = true;
  }

  private shared_(index: number, column: number): void {
    const text = this.shared[index];
    if (text === undefined) return;
    if (this.header) {
      this.text(text, column);
      return;
    }
    let encoded = this.sharedBytes[index];
    if (encoded === undefined) {
      encoded = this.encoder.encode(csvText(text));
      this.sharedBytes[index] = encoded;
    }
    this.moveTo(column);
    this.ensure(encoded.byteLength);
    this.out.set(encoded, this.length);
    this.length += encoded.byteLength;
    this.fields++;
    if (encoded.byteLength > 0 && text.trim() !== '') this.rowHasValue = true;
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

/** Digits with an optional minus, no leading zero: printed back unchanged by `String(Number())`. */
function plainInteger(bytes: Uint8Array, start: number, end: number): boolean {
  let at = bytes[start] === MINUS ? start + 1 : start;
  // "-0" prints as "0", and "007" as "7".
  if (at >= end || (bytes[at] === ZERO && (end - at > 1 || at > start))) return false;
  for (; at < end; at++) {
    const byte = bytes[at] as number;
    if (byte < ZERO || byte > NINE) return false;
  }
  return true;
}

/** Just past the last `</row>` at or after `from`, or `from` when there is none yet. */
function lastRowEnd(bytes: Uint8Array, from: number): number {
  for (let at = bytes.lastIndexOf(LT); at >= from; at = bytes.lastIndexOf(LT, at - 1)) {
    if (
      bytes[at + 1] === SLASH &&
      bytes[at + 2] === r &&
      bytes[at + 3] === o &&
      bytes[at + 4] === w
    )
      return at + 6;
    if (at === 0) break;
  }
  return from;
}
