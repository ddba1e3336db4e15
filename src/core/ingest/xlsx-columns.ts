/**
 * A worksheet read straight into interned columns, with no CSV text in between: the table is the
 * one the CSV reader makes of `SheetToCsv`'s text (same rows, values, codes, totals, malformed
 * rows and NUL count), without writing 300 MB of CSV for a 40 MB workbook and parsing it again.
 * Each row's cells are noted as they are scanned (kind and where their bytes are) and only turned
 * into values once the row is known to be a data row, so a title, header or totals row adds
 * nothing to a dictionary. Per column, a shared string, a date serial or a number that does not
 * print as written is converted once: later cells with the same index or bytes reuse its code.
 */
import { ColumnBuilder, HASH_SEED, hashStep } from './intern.ts';
import { isTotalsLabel, TOTALS_FIRST_BYTE, TOTALS_MAX_BYTES, TOTALS_MIN_BYTES } from './layout.ts';
import { serialToIso } from './serial.ts';
import { SheetScanner } from './xlsx-scan.ts';
import { asciiText, isFiniteNumber, roundTrips, utf8 } from './xlsx-values.ts';
import type { InternedColumn } from './intern.ts';

/** Kinds of cell, as noted in a row. */
const SHARED = 1;
const NUMBER = 2; // printed as written (`roundTrips`)
const CONVERTED = 3; // printed as String(Number(text))
const DATE = 4;
const TEXT = 5;

/** What a shared string's cell needs to know (`Prepared`), as bits. */
const FLAG_KNOWN = 1;
const FLAG_FILLED = 2;
const FLAG_BYTES = 4;
const FLAG_VALUE = 8;
const FLAG_COMPLEX = 16;
const FLAG_NULS = 32;

/** What the CSV text of a shared string would be, once read back. */
interface Prepared {
  text: string;
  bytes: Uint8Array;
  hash: number;
  ascii: boolean;
  nuls: number;
  /** Its text is more than spaces (once NULs are dropped). */
  filled: boolean;
  /** It would make its row one with a value (`SheetToCsv`: before NULs are dropped). */
  value: boolean;
  /** Its CSV field holds a quote or a line break: the reader's quote-aware path reads the line. */
  complex: boolean;
}

function prepare(raw: string): Prepared {
  const normal = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  // The CSV reader drops NUL bytes (`withoutNuls`), and counts them.
  const text = normal.includes('\0') ? normal.replace(/\0/g, '') : normal;
  const bytes = utf8(text);
  let hash = HASH_SEED;
  let high = 0;
  for (let k = 0; k < bytes.length; k++) {
    hash = hashStep(hash, bytes[k] as number);
    high |= bytes[k] as number;
  }
  return {
    text,
    bytes,
    hash,
    ascii: high < 0x80,
    nuls: normal.length - text.length,
    filled: text.trim() !== '',
    value: raw.trim() !== '',
    complex: /["\n]/.test(text),
  };
}

const hashOf = (bytes: Uint8Array, start: number, end: number) => {
  let hash = HASH_SEED;
  for (let k = start; k < end; k++) hash = hashStep(hash, bytes[k] as number);
  return hash;
};

/** Where the table is: as `RowSink` takes it (the mapped fields, the header, a title block). */
export interface SheetLayout {
  indices: readonly number[];
  headerCount: number;
  headerRow: number;
  customerField: number;
}

/** Per mapped column: its dictionary and the conversions already done for it. */
class Column {
  /** Code per shared string index, + 1 (0: not met yet in this column). */
  shared: Int32Array;
  /** Number or date text -> code, through a dictionary of the bytes as written. */
  private readonly converted = new Map<number, { raw: ColumnBuilder; codes: number[] }>();

  constructor(
    readonly builder: ColumnBuilder,
    sharedCount: number,
  ) {
    this.shared = new Int32Array(sharedCount);
  }

  /** The code of a cell written as `bytes[start, end)` and shown as `print(text)`. */
  codeOfConverted(
    kind: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    print: (text: string) => string,
  ): number {
    let cache = this.converted.get(kind);
    if (!cache) {
      cache = { raw: new ColumnBuilder(asciiText, utf8), codes: [] };
      this.converted.set(kind, cache);
    }
    const raw = cache.raw.codeOfBytes(bytes, start, end, hashOf(bytes, start, end), true);
    let code = cache.codes[raw];
    if (code === undefined) {
      const text = prepare(print(asciiText(bytes, start, end)));
      code = this.builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
      cache.codes[raw] = code;
    }
    return code;
  }
}

export class SheetToColumns extends SheetScanner {
  rowCount = 0;
  /** Rows as the CSV reader counts lines: rows with a value, blank ones not written. */
  line = 0;
  malformedRows = 0;
  readonly malformedExamples: number[] = [];
  totalsRows = 0;
  nulBytes = 0;
  private readonly columns: Column[];
  private readonly prepared: (Prepared | undefined)[];
  /**
   * Per shared string, what its cells need to know (`FLAG_*`), in one byte: most cells are shared
   * strings, and reading the prepared object of each (scattered over the heap) cost more than the
   * rest of the cell.
   */
  private readonly sharedFlags: Uint8Array;
  private headerSeen = false;
  private titleRows = 0;
  /** The cells of the current row: column, kind, and two numbers (bytes, or an index). */
  private cellCount = 0;
  private cellColumn = new Int32Array(64);
  private cellKind = new Int32Array(64);
  private cellA = new Int32Array(64);
  private cellB = new Int32Array(64);
  private readonly texts: Prepared[] = [];
  /** The bytes the current row's cells are in (one feed holds whole rows). */
  private rowBytes: Uint8Array = new Uint8Array(0);
  private rowHasValue = false;
  private rowNuls = 0;
  private rowComplex = false;
  /** The first cell with bytes, and the first with more than spaces: -1 if none yet. */
  private firstBytes = -1;
  private firstFilled = -1;
  /** Cell per column + 1 for the columns looked up at the row's end, valid when stamped. */
  private readonly cellAt: Int32Array;
  private readonly stamp: Int32Array;
  private rowSerial = 0;
  private readonly emptyBytes = new Uint8Array(0);
  private readonly printDate = (serial: string) => serialToIso(Number(serial), this.date1904);

  constructor(
    private readonly shared: readonly string[],
    dateStyles: Uint8Array,
    private readonly date1904: boolean,
    private readonly layout: SheetLayout,
    newBuilder: () => ColumnBuilder,
  ) {
    super(dateStyles);
    this.columns = layout.indices.map(() => new Column(newBuilder(), shared.length));
    this.prepared = new Array<Prepared | undefined>(shared.length).fill(undefined);
    this.sharedFlags = new Uint8Array(shared.length);
    const lookedUp = Math.max(layout.customerField, ...layout.indices) + 1;
    this.cellAt = new Int32Array(lookedUp);
    this.stamp = new Int32Array(lookedUp);
  }

  protected startRow(): void {
    this.cellCount = 0;
    this.texts.length = 0;
    this.rowHasValue = false;
    this.rowNuls = 0;
    this.rowComplex = false;
    this.firstBytes = -1;
    this.firstFilled = -1;
    this.rowSerial++;
  }

  private note(column: number, kind: number, a: number, b: number, filled: boolean, bytes = true) {
    const n = this.cellCount;
    if (n === this.cellColumn.length) this.growCells();
    this.cellColumn[n] = column;
    this.cellKind[n] = kind;
    this.cellA[n] = a;
    this.cellB[n] = b;
    if (column < this.cellAt.length) {
      this.cellAt[column] = n + 1;
      this.stamp[column] = this.rowSerial;
    }
    if (bytes && this.firstBytes < 0) this.firstBytes = n;
    if (filled && this.firstFilled < 0) this.firstFilled = n;
    this.cellCount = n + 1;
    this.fields = column + 1;
  }

  private growCells(): void {
    const grow = (array: Int32Array) => {
      const grown = new Int32Array(array.length * 2);
      grown.set(array);
      return grown;
    };
    this.cellColumn = grow(this.cellColumn);
    this.cellKind = grow(this.cellKind);
    this.cellA = grow(this.cellA);
    this.cellB = grow(this.cellB);
  }

  private sharedText(index: number): Prepared {
    let prepared = this.prepared[index];
    if (prepared === undefined) {
      prepared = prepare(this.shared[index] as string);
      this.prepared[index] = prepared;
    }
    return prepared;
  }

  protected sharedCell(index: number, column: number): void {
    if (index >= this.shared.length) return;
    let flags = this.sharedFlags[index] as number;
    if (flags === 0) {
      const text = this.sharedText(index);
      flags =
        FLAG_KNOWN |
        (text.filled ? FLAG_FILLED : 0) |
        (text.bytes.length > 0 ? FLAG_BYTES : 0) |
        (text.value ? FLAG_VALUE : 0) |
        (text.complex ? FLAG_COMPLEX : 0) |
        (text.nuls > 0 ? FLAG_NULS : 0);
      this.sharedFlags[index] = flags;
    }
    this.note(column, SHARED, index, 0, (flags & FLAG_FILLED) !== 0, (flags & FLAG_BYTES) !== 0);
    if ((flags & FLAG_VALUE) !== 0) this.rowHasValue = true;
    if ((flags & FLAG_COMPLEX) !== 0) this.rowComplex = true;
    if ((flags & FLAG_NULS) !== 0) this.rowNuls += this.sharedText(index).nuls;
  }

  protected numberCell(bytes: Uint8Array, start: number, end: number, column: number): void {
    const kind = roundTrips(bytes, start, end) ? NUMBER : CONVERTED;
    if (kind === CONVERTED && !isFiniteNumber(bytes, start, end)) return;
    this.rowBytes = bytes;
    this.note(column, kind, start, end, true);
    this.rowHasValue = true;
  }

  protected dateCell(bytes: Uint8Array, start: number, end: number, column: number): void {
    if (!isFiniteNumber(bytes, start, end)) return;
    this.rowBytes = bytes;
    this.note(column, DATE, start, end, true);
    this.rowHasValue = true;
  }

  protected textCell(raw: string, column: number): void {
    const text = prepare(raw);
    this.note(column, TEXT, this.texts.length, 0, text.filled, text.bytes.length > 0);
    this.texts.push(text);
    this.rowHasValue ||= text.value;
    this.rowNuls += text.nuls;
    this.rowComplex ||= text.complex;
  }

  protected endRow(): void {
    // Rows without a value are not written as lines (`SheetToCsv`).
    if (!this.rowHasValue) return;
    if (this.fields > this.width) this.width = this.fields;
    const fieldCount = this.width;
    this.line++;
    this.nulBytes += this.rowNuls;
    const firstCellEmpty =
      this.cellCount === 0 || this.cellColumn[0] !== 0 || this.firstBytes !== 0;
    // A line of spaces (only possible once NULs are dropped) is blank to the reader.
    if (firstCellEmpty && this.firstFilled < 0) return;
    if (!this.headerSeen) {
      if (this.titleRows < this.layout.headerRow) this.titleRows++;
      else this.headerSeen = true;
      return;
    }
    const { headerCount } = this.layout;
    // Lines the CSV reader splits into strings (`RowSink.rows`) or reads in place (`keepScanned`):
    // the two decide on a totals row in slightly different ways.
    const asStrings = firstCellEmpty || fieldCount !== headerCount || this.rowComplex;
    if (asStrings ? this.totalsAsStrings() : this.totalsInPlace()) {
      this.totalsRows++;
      return;
    }
    if (fieldCount !== headerCount) {
      this.malformedRows++;
      if (this.malformedExamples.length < 5) this.malformedExamples.push(this.line);
    }
    const { indices } = this.layout;
    for (let c = 0; c < indices.length; c++) {
      const column = this.columns[c] as Column;
      const field = indices[c] as number;
      const cell = field < fieldCount ? this.cellOf(field) : -1;
      column.builder.setCode(this.rowCount, this.codeOf(column, cell));
    }
    this.rowCount++;
  }

  /** The current row's cell at `column`, or -1 (empty). */
  private cellOf(column: number): number {
    return this.stamp[column] === this.rowSerial ? (this.cellAt[column] as number) - 1 : -1;
  }

  private codeOf(column: Column, cell: number): number {
    const { builder } = column;
    if (cell < 0) return builder.codeOfBytes(this.emptyBytes, 0, 0, HASH_SEED, true);
    const kind = this.cellKind[cell];
    const a = this.cellA[cell] as number;
    if (kind === SHARED) {
      const known = (column.shared[a] as number) - 1;
      if (known >= 0) return known;
      const text = this.sharedText(a);
      const code = builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
      column.shared[a] = code + 1;
      return code;
    }
    const bytes = this.rowBytes;
    const b = this.cellB[cell] as number;
    if (kind === NUMBER) return builder.codeOfBytes(bytes, a, b, hashOf(bytes, a, b), true);
    if (kind === CONVERTED) return column.codeOfConverted(kind, bytes, a, b, printNumber);
    if (kind === DATE) return column.codeOfConverted(kind, bytes, a, b, this.printDate);
    const text = this.texts[a] as Prepared;
    return builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
  }

  /** The text the CSV reader gets for cell `cell` of the current row. */
  private textOf(cell: number): string {
    if (cell < 0) return '';
    const kind = this.cellKind[cell];
    const a = this.cellA[cell] as number;
    if (kind === SHARED) return this.sharedText(a).text;
    if (kind === TEXT) return (this.texts[a] as Prepared).text;
    const written = asciiText(this.rowBytes, a, this.cellB[cell] as number);
    if (kind === NUMBER) return written;
    if (kind === CONVERTED) return printNumber(written);
    return this.printDate(written);
  }

  /** `isTotalsRow` on the row's strings. */
  private totalsAsStrings(): boolean {
    const first = this.firstFilled;
    if (first < 0 || !isTotalsLabel(this.textOf(first))) return false;
    const customer = this.layout.customerField;
    return (
      customer < 0 ||
      customer === this.cellColumn[first] ||
      this.textOf(this.cellOf(customer)).trim() === ''
    );
  }

  /** `RowSink.scannedTotals`: on the first cell with bytes, by its length and first byte first. */
  private totalsInPlace(): boolean {
    const first = this.firstBytes;
    if (first < 0) return false;
    const kind = this.cellKind[first];
    // Numbers and dates start with a digit or a minus: never a label.
    if (kind !== SHARED && kind !== TEXT) return false;
    const a = this.cellA[first] as number;
    const { text, bytes } = kind === SHARED ? this.sharedText(a) : (this.texts[a] as Prepared);
    const lead = bytes[0] as number;
    if (lead > 32) {
      if (bytes.length < TOTALS_MIN_BYTES || bytes.length > TOTALS_MAX_BYTES) return false;
      if (TOTALS_FIRST_BYTE[lead | 0x20] !== 1) return false;
    }
    if (!isTotalsLabel(text)) return false;
    const customer = this.layout.customerField;
    if (customer < 0 || customer === this.cellColumn[first] || customer >= this.width) return true;
    return this.textOf(this.cellOf(customer)).trim() === '';
  }

  /** Rows to expect in the whole sheet: the code arrays grow to that at once. */
  expectRows(rows: number): void {
    for (const column of this.columns) column.builder.expectedRows = rows;
  }

  finish(): InternedColumn[] {
    return this.columns.map((column) => column.builder.finish(this.rowCount));
  }
}

const printNumber = (text: string) => String(Number(text));
