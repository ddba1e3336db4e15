/**
 * A worksheet's cells (`SheetScanner`) written out as the CSV the sniffer reads: comma-separated,
 * `\n` line ends, RFC 4180 quoting, the same text SheetJS's cells gave (`workbook.ts` documents
 * how each kind of cell is written). Shared strings are encoded once. The reader does not go
 * through this text: it takes the cells straight into columns (`SheetToColumns`).
 */
import { serialToIso } from './serial.ts';
import { SheetScanner } from './xlsx-scan.ts';
import { asciiText, csvText, roundTrips, utf8 } from './xlsx-values.ts';

const COMMA = 44;
const LF = 10;
const EMPTY = new Uint8Array(0);

export class SheetToCsv extends SheetScanner {
  /** A row with a value has been written: the sheet has data. */
  sawData = false;
  private out = new Uint8Array(1 << 20);
  private length = 0;
  /** Where the current row starts in `out`, and whether it has a value. */
  private rowStart = 0;
  private rowHasValue = false;
  /** The first row with a value is the header (or a title): its names get their spaces tidied. */
  private header = true;
  private readonly encoder = new TextEncoder();
  /** Filled up front: set as strings were first met, out of order, it became slow and holey. */
  private readonly sharedBytes: (Uint8Array | undefined)[];
  /** The last date cell's serial bytes and its ISO text. */
  private lastDate = new Uint8Array(0);
  private lastDateText = new Uint8Array(0);

  constructor(
    private readonly shared: readonly string[],
    /** Per cell style (`s`): 1 when its number format shows a date. */
    dateStyles: Uint8Array,
    private readonly date1904: boolean,
  ) {
    super(dateStyles);
    this.sharedBytes = new Array<Uint8Array | undefined>(shared.length).fill(undefined);
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

  protected startRow(): void {
    this.rowStart = this.length;
    this.rowHasValue = false;
  }

  protected endRow(): void {
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

  protected numberCell(bytes: Uint8Array, start: number, end: number, column: number): void {
    if (roundTrips(bytes, start, end)) this.copy(bytes, start, end, column);
    else {
      const number = Number(asciiText(bytes, start, end));
      if (Number.isFinite(number)) this.textCell(String(number), column);
    }
  }

  /** A serial number with a date style, as ISO text; consecutive rows often repeat one. */
  protected dateCell(bytes: Uint8Array, start: number, end: number, column: number): void {
    const last = this.lastDate;
    let same = last.byteLength === end - start;
    for (let k = 0; same && k < last.byteLength; k++) same = last[k] === bytes[start + k];
    if (!same) {
      const serial = Number(asciiText(bytes, start, end));
      if (!Number.isFinite(serial)) return;
      this.lastDate = bytes.slice(start, end);
      this.lastDateText = utf8(serialToIso(serial, this.date1904));
    }
    if (this.header) this.textCell(this.decoder.decode(this.lastDateText), column);
    else this.copy(this.lastDateText, 0, this.lastDateText.byteLength, column);
  }

  protected sharedCell(index: number, column: number): void {
    const text = this.shared[index];
    if (text === undefined) return;
    if (this.header) {
      this.textCell(text, column);
      return;
    }
    let encoded = this.sharedBytes[index];
    if (encoded === undefined) {
      // EMPTY marks text that is only spaces: written as it is, but such a cell does not make its
      // row one with a value, which `textCell` knows (SheetJS keeps the spaces when the row has one).
      encoded = text.trim() === '' ? EMPTY : utf8(csvText(text));
      this.sharedBytes[index] = encoded;
    }
    if (encoded === EMPTY) this.textCell(text, column);
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

  protected textCell(raw: string, column: number): void {
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
