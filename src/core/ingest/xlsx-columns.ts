/**
 * A worksheet read straight into interned columns, with no CSV text in between: the table is the
 * one the CSV reader makes of `SheetToCsv`'s text (same rows, values, codes, totals, malformed
 * rows and NUL count), without writing 300 MB of CSV for a 40 MB workbook and parsing it again.
 * Each row's cells are noted as they are scanned (kind and where their bytes are) and only turned
 * into values once the row is known to be a data row, so a title, header or totals row adds
 * nothing to a dictionary. Per column, a shared string, a date serial or a number that does not
 * print as written is converted once: later cells with the same index or bytes reuse its code.
 */
import { HASH_SEED, hashOf } from './byte-keys.ts';
import type { ColumnBuilder, InternedColumn } from './intern.ts';
import { isTotalsLabel, TOTALS_FIRST_BYTE, TOTALS_MAX_BYTES, TOTALS_MIN_BYTES } from './layout.ts';
import { serialToIso } from './serial.ts';
import { Column, Converted, prepare, type Prepared } from './xlsx-cells.ts';
import { SheetScanner } from './xlsx-scan.ts';
import { asciiText, isFiniteNumber, roundTrips } from './xlsx-values.ts';

/** Kinds of cell, as noted in a row. */
const SHARED = 1;
const NUMBER = 2; // printed as written when it `roundTrips`, else as String(Number(text))
const DATE = 3;
const TEXT = 4;
const EMPTY = 5; // no cell: only in a column's last-cell memory

/** What a shared string's cell needs to know (`Prepared`), as bits. */
const FLAG_KNOWN = 1;
const FLAG_FILLED = 2;
const FLAG_BYTES = 4;
const FLAG_VALUE = 8;
const FLAG_COMPLEX = 16;
const FLAG_NULS = 32;
/** Its cell, first in a row, makes a totals row (`totalsInPlace`) if the customer is empty. */
const FLAG_TOTALS = 64;

/** Where the table is: as `RowSink` takes it (the mapped fields, the header, a title block). */
export interface SheetLayout {
  indices: readonly number[];
  headerCount: number;
  headerRow: number;
  customerField: number;
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
  /** The current row's inline and formula strings (`textCount` of them). */
  private readonly texts: Prepared[] = [];
  private textCount = 0;
  /** The bytes the current row's cells are in (one feed holds whole rows). */
  private rowBytes: Uint8Array = new Uint8Array(0);
  private rowHasValue = false;
  private rowNuls = 0;
  private rowComplex = false;
  /** The first cell with bytes, and the first with more than spaces: -1 if none yet. */
  private firstBytes = -1;
  private firstFilled = -1;
  /**
   * Cell per column + 1 for the columns looked up at the row's end (mapped, or the customer),
   * valid when stamped; `lookedUp` marks them. Other cells are noted only until the row's first
   * cells with bytes and with more than spaces are known: a shop's export has dozens of columns
   * the analysis does not read.
   */
  private readonly cellAt: Int32Array;
  private readonly stamp: Int32Array;
  private readonly lookedUp: Uint8Array;
  private rowSerial = 0;
  private readonly emptyBytes = new Uint8Array(0);

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
    this.lookedUp = new Uint8Array(lookedUp);
    for (const field of [layout.customerField, ...layout.indices])
      if (field >= 0) this.lookedUp[field] = 1;
  }

  private readonly printDate = (serial: string) => serialToIso(Number(serial), this.date1904);

  protected startRow(): void {
    this.cellCount = 0;
    this.textCount = 0;
    this.rowHasValue = false;
    this.rowNuls = 0;
    this.rowComplex = false;
    this.firstBytes = -1;
    this.firstFilled = -1;
    this.rowSerial++;
  }

  private note(column: number, kind: number, a: number, b: number, filled: boolean, bytes = true) {
    this.fields = column + 1;
    const lookedUp = column < this.lookedUp.length && this.lookedUp[column] === 1;
    if (!lookedUp && this.firstFilled >= 0 && this.firstBytes >= 0) return;
    const n = this.cellCount;
    if (n === this.cellColumn.length) this.growCells();
    this.cellColumn[n] = column;
    this.cellKind[n] = kind;
    this.cellA[n] = a;
    this.cellB[n] = b;
    if (lookedUp) {
      this.cellAt[column] = n + 1;
      this.stamp[column] = this.rowSerial;
    }
    if (bytes && this.firstBytes < 0) this.firstBytes = n;
    if (filled && this.firstFilled < 0) this.firstFilled = n;
    this.cellCount = n + 1;
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

  /** `FLAG_*` of shared string `index`, worked out the first time it is met. */
  private flagsOf(index: number): number {
    const text = this.sharedText(index);
    const flags =
      FLAG_KNOWN |
      (text.filled ? FLAG_FILLED : 0) |
      (text.bytes.length > 0 ? FLAG_BYTES : 0) |
      (text.value ? FLAG_VALUE : 0) |
      (text.complex ? FLAG_COMPLEX : 0) |
      (text.nuls > 0 ? FLAG_NULS : 0) |
      (totalsLabelInPlace(text) ? FLAG_TOTALS : 0);
    this.sharedFlags[index] = flags;
    return flags;
  }

  protected sharedCell(index: number, column: number): void {
    if (index >= this.shared.length) return;
    let flags = this.sharedFlags[index] as number;
    if (flags === 0) flags = this.flagsOf(index);
    this.note(column, SHARED, index, 0, (flags & FLAG_FILLED) !== 0, (flags & FLAG_BYTES) !== 0);
    if ((flags & FLAG_VALUE) !== 0) this.rowHasValue = true;
    if ((flags & FLAG_COMPLEX) !== 0) this.rowComplex = true;
    if ((flags & FLAG_NULS) !== 0) this.rowNuls += this.sharedText(index).nuls;
  }

  protected numberCell(bytes: Uint8Array, start: number, end: number, column: number): void {
    // Whether it prints as written is decided only if its column needs its value (`codeOf`).
    if (!isFiniteNumber(bytes, start, end)) return;
    this.rowBytes = bytes;
    this.note(column, NUMBER, start, end, true);
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
    this.note(column, TEXT, this.textCount, 0, text.filled, text.bytes.length > 0);
    this.texts[this.textCount++] = text;
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
    if (cell < 0) {
      if (column.lastKind === EMPTY) return column.lastCode;
      const code = builder.codeOfBytes(this.emptyBytes, 0, 0, HASH_SEED, true);
      return column.remember(EMPTY, this.emptyBytes, 0, 0, code);
    }
    const kind = this.cellKind[cell] as number;
    const a = this.cellA[cell] as number;
    if (kind === SHARED) {
      if (column.lastKind === SHARED && column.lastIndex === a) return column.lastCode;
      let code = (column.shared[a] as number) - 1;
      if (code < 0) {
        const text = this.sharedText(a);
        code = builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
        column.shared[a] = code + 1;
      }
      column.lastKind = SHARED;
      column.lastIndex = a;
      column.lastCode = code;
      return code;
    }
    if (kind === TEXT) {
      const text = this.texts[a] as Prepared;
      column.lastKind = 0;
      return builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
    }
    const bytes = this.rowBytes;
    const b = this.cellB[cell] as number;
    if (column.sameAsLast(kind, bytes, a, b)) return column.lastCode;
    let code;
    if (kind === DATE)
      code = (column.dates ??= new Converted(this.printDate)).codeOf(builder, bytes, a, b);
    else if (roundTrips(bytes, a, b))
      code = builder.codeOfBytes(bytes, a, b, hashOf(bytes, a, b), true);
    else code = (column.converted ??= new Converted(printNumber)).codeOf(builder, bytes, a, b);
    return column.remember(kind, bytes, a, b, code);
  }

  /** The text the CSV reader gets for cell `cell` of the current row. */
  private textOf(cell: number): string {
    if (cell < 0) return '';
    const kind = this.cellKind[cell];
    const a = this.cellA[cell] as number;
    if (kind === SHARED) return this.sharedText(a).text;
    if (kind === TEXT) return (this.texts[a] as Prepared).text;
    const b = this.cellB[cell] as number;
    const written = asciiText(this.rowBytes, a, b);
    if (kind === DATE) return this.printDate(written);
    return roundTrips(this.rowBytes, a, b) ? written : printNumber(written);
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
    const a = this.cellA[first] as number;
    // Numbers and dates start with a digit or a minus: never a label.
    if (kind === SHARED) {
      if (((this.sharedFlags[a] as number) & FLAG_TOTALS) === 0) return false;
    } else if (kind !== TEXT || !totalsLabelInPlace(this.texts[a] as Prepared)) return false;
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

/** `RowSink.scannedTotals` on a first cell with this text: a length and a first byte, then the label. */
function totalsLabelInPlace({ text, bytes }: Prepared): boolean {
  const lead = bytes[0] as number;
  if (lead > 32) {
    if (bytes.length < TOTALS_MIN_BYTES || bytes.length > TOTALS_MAX_BYTES) return false;
    if (TOTALS_FIRST_BYTE[lead | 0x20] !== 1) return false;
  }
  return isTotalsLabel(text);
}
