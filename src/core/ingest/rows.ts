import type { BytesOf, LineBreak, TextOf } from './bytes.ts';
import { ColumnBuilder, type InternedColumn, type InternedPart } from './intern.ts';
import { isScannedTotalsRow, isTotalsRow } from './layout.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the table is in the file: rows above the header, and the customer's field. */
export interface RowLayout {
  /** Rows (blank ones not counted) above the header row: a title block. */
  headerRow: number;
  /** The customer column's field, -1 when it is not mapped: a totals row has no customer. */
  customerField: number;
  /** The bytes start after the header (the rest of a file read in two parts): no title, no header. */
  afterHeader?: boolean;
}

/**
 * What a sink read from the rest of a file after a split (on another thread), to be added to the
 * sink of the part before it (`RowSink.append`). Line numbers count from the split.
 */
export interface SinkPart {
  rowCount: number;
  lines: number;
  malformedRows: number;
  malformedExamples: number[];
  totalsRows: number;
  /** The kept columns, in the sink's order. */
  columns: InternedPart[];
}

/** Malformed lines named to the user. */
const MALFORMED_EXAMPLES = 5;

/**
 * Takes the file's rows in order, skipping a title block, the header, blank lines and totals
 * rows, and keeps the mapped columns' cells. Most lines are read in place from the file's bytes (`plain`, `quotedLine`), the
 * cells found in the column dictionaries by their bytes; the rest (the header, blank, ragged and
 * unusually quoted lines) arrive as rows of strings, split by PapaParse or `String.split`.
 */
export class RowSink {
  /** Data rows kept. */
  rowCount = 0;
  /** Lines seen (1-based number of the last one), blank ones included. */
  line = 0;
  malformedRows = 0;
  readonly malformedExamples: number[] = [];
  /** Totals and subtotals rows left out (`isTotalsRow`). */
  totalsRows = 0;
  private readonly builders: ColumnBuilder[];
  private headerSeen: boolean;
  /** Rows of the title block passed so far. */
  private titleRows = 0;
  private readonly delimiterCode: number;
  /** Per field of a well-formed row: the builders that take it (most fields: none or one). */
  private readonly fieldBuilders: ColumnBuilder[][];
  /** The same as flat lists, in field order: the fields some builder takes, and the builder. */
  private readonly keptFields: Int32Array;
  private readonly keptBuilders: ColumnBuilder[];
  /** Builders of columns past the header's last one: always empty in a well-formed row. */
  private readonly missing: ColumnBuilder[] = [];
  /** Where each field of the line just scanned starts and ends, and its bytes ORed. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly highs: Int32Array;
  /** Per field of the line `scanQuotedLine` just read: 1 where `""` inside quotes is one `"`. */
  private readonly escapedFields: Uint8Array;
  /** Whether any field of that line is. */
  private escapes = false;
  private scannedFields = 0;

  constructor(
    private readonly indices: readonly number[],
    private readonly headerCount: number,
    private readonly delimiter: string,
    private readonly nl: LineBreak,
    private readonly textOf: TextOf,
    bytesOf: BytesOf,
    /** Throws unless the bytes are valid text; null when all bytes are (Windows-1252). */
    private readonly validate: ((bytes: Uint8Array, start: number, end: number) => void) | null,
    private readonly layout: RowLayout = { headerRow: 0, customerField: -1 },
  ) {
    this.headerSeen = layout.afterHeader === true;
    this.builders = indices.map(() => new ColumnBuilder(textOf, bytesOf));
    this.delimiterCode = delimiter.charCodeAt(0);
    this.fieldBuilders = Array.from({ length: headerCount }, () => []);
    indices.forEach((field, c) => {
      const builder = this.builders[c] as ColumnBuilder;
      if (field < headerCount) (this.fieldBuilders[field] as ColumnBuilder[]).push(builder);
      else this.missing.push(builder);
    });
    this.keptBuilders = this.fieldBuilders.flat();
    this.keptFields = Int32Array.from(
      this.fieldBuilders.flatMap((builders, field) => builders.map(() => field)),
    );
    this.starts = new Int32Array(headerCount);
    this.ends = new Int32Array(headerCount);
    this.highs = new Int32Array(headerCount);
    this.escapedFields = new Uint8Array(headerCount);
  }

  /** Rows already split into cells. */
  rows(rows: readonly string[][]): void {
    for (const row of rows) {
      this.line++;
      // Blank lines (often trailing ones, or `,,,,` from spreadsheets) are not rows of sales.
      if (row[0] === '' && row.every((cell) => cell.trim() === '')) continue;
      if (!this.headerSeen) {
        if (this.titleRows < this.layout.headerRow) this.titleRows++;
        else this.headerSeen = true;
        continue;
      }
      if (isTotalsRow(row, this.layout.customerField)) {
        this.totalsRows++;
        continue;
      }
      if (row.length !== this.headerCount) {
        this.malformedRows++;
        if (this.malformedExamples.length < MALFORMED_EXAMPLES)
          this.malformedExamples.push(this.line);
      }
      for (let c = 0; c < this.builders.length; c++) {
        (this.builders[c] as ColumnBuilder).push(this.rowCount, row[this.indices[c] as number]);
      }
      this.rowCount++;
    }
  }

  /**
   * The lines of `bytes[from, to)`, which has no quote character, exactly as PapaParse's fast path
   * reads the same text (split at each line break, then at each delimiter; nothing at all for no
   * text). Unless `ignoreLastRow`, what follows the last line break is a line too. Returns the
   * index after the last line read.
   */
  plain(bytes: Uint8Array, from: number, to: number, ignoreLastRow: boolean): number {
    if (from >= to) return from;
    let start = from;
    for (;;) {
      const end = this.scanLine(bytes, start, to);
      const last = end >= to;
      if (last && ignoreLastRow) return start;
      if (
        this.headerSeen &&
        this.scannedFields === this.headerCount &&
        // A blank line starts with a delimiter or is empty; either way its first cell is ''.
        end > start &&
        bytes[start] !== this.delimiterCode
      )
        this.keepScanned(bytes, start, end);
      else this.rows([this.textOf(bytes, start, end).split(this.delimiter)]);
      if (last) return to;
      start = end + this.nl.length;
    }
  }

  /**
   * Finds the fields of the line starting at `start`: where each of the header's fields starts
   * and ends (the kept ones are hashed only if need be: `ColumnBuilder.codeOfScanned`). Returns where the line ends (at its line break, or
   * `to`).
   */
  private scanLine(bytes: Uint8Array, start: number, to: number): number {
    const delimiter = this.delimiterCode;
    const first = this.nl.first;
    const second = this.nl.second;
    const fieldCount = this.headerCount;
    const { starts, ends, highs } = this;
    let field = 0;
    let pos = start;
    for (;;) {
      let high = 0;
      let i = pos;
      let byte = 0;
      if (second < 0) {
        for (; i < to; i++) {
          byte = bytes[i] as number;
          if (byte === delimiter || byte === first) break;
          high |= byte;
        }
      } else {
        for (; i < to; i++) {
          byte = bytes[i] as number;
          if (byte === delimiter) break;
          if (byte === first && i + 1 < to && bytes[i + 1] === second) break;
          high |= byte;
        }
      }
      if (field < fieldCount) {
        starts[field] = pos;
        ends[field] = i;
        highs[field] = high;
      }
      field++;
      if (i < to && byte === delimiter) pos = i + 1;
      else {
        this.scannedFields = field;
        return i;
      }
    }
  }

  /**
   * Reads the line starting at `start` if its quoted fields are all simple, `"..."` with no line
   * break inside and the delimiter or the line break right after, which PapaParse reads as what is
   * between the quotes, each `""` there as one `"` (files that quote every field are all such
   * lines). Returns the index after the line's break, or -1, having kept nothing, for any other
   * line (then PapaParse reads it).
   */
  quotedLine(bytes: Uint8Array, start: number, to: number): number {
    const end = this.scanQuotedLine(bytes, start, to);
    if (
      end < 0 ||
      !this.headerSeen ||
      this.scannedFields !== this.headerCount ||
      // Its first cell is '': possibly a blank line.
      this.ends[0] === this.starts[0]
    )
      return -1;
    // A cell with escaped quotes is not its bytes: the line's cells go in as text, as PapaParse's
    // would. Lines such as `"RECORD FRAME 7"" SINGLE SIZE "` are one in ninety of the UCI file's
    // lines with quotes; each once went through PapaParse, compiled for them alone (20 ms).
    if (this.escapes) this.rows([this.scannedCells(bytes)]);
    else this.keepScanned(bytes, start, end);
    return end + this.nl.length;
  }

  /** The cells of the line `scanQuotedLine` just read, as text, escaped quotes made single. */
  private scannedCells(bytes: Uint8Array): string[] {
    return Array.from({ length: this.headerCount }, (_, f) => {
      const text = this.textOf(
        bytes,
        this.starts[f] as number,
        this.ends[f] as number,
        (this.highs[f] as number) < 0x80,
      );
      return this.escapedFields[f] === 1 ? text.replaceAll('""', '"') : text;
    });
  }

  /**
   * `scanLine` for a line with simple quoted fields (`escapedFields` says which hold `""`); -1 for
   * any other line or no line break.
   */
  private scanQuotedLine(bytes: Uint8Array, start: number, to: number): number {
    const delimiter = this.delimiterCode;
    const first = this.nl.first;
    const second = this.nl.second;
    const fieldCount = this.headerCount;
    let field = 0;
    let pos = start;
    let escapes = 0;
    for (;;) {
      let high = 0;
      let escaped = 0;
      let contentStart = pos;
      let contentEnd: number;
      let i = pos;
      let byte = 0;
      if (bytes[pos] === QUOTE) {
        contentStart = pos + 1;
        for (i = contentStart; i < to; i++) {
          byte = bytes[i] as number;
          if (byte === QUOTE) {
            if (i + 1 >= to || bytes[i + 1] !== QUOTE) break;
            escaped = 1;
            i++;
            continue;
          }
          if (byte === LF || byte === CR) break;
          high |= byte;
        }
        if (i >= to || byte !== QUOTE) return -1;
        contentEnd = i++;
        byte = i < to ? (bytes[i] as number) : -1;
        // Only the delimiter or the line break may follow the closing quote.
        if (
          byte !== delimiter &&
          !(byte === first && (second < 0 || (i + 1 < to && bytes[i + 1] === second)))
        )
          return -1;
      } else {
        for (; i < to; i++) {
          byte = bytes[i] as number;
          if (byte === delimiter) break;
          if (byte === first && (second < 0 || (i + 1 < to && bytes[i + 1] === second))) break;
          high |= byte;
        }
        contentEnd = i;
      }
      if (field < fieldCount) {
        this.starts[field] = contentStart;
        this.ends[field] = contentEnd;
        this.highs[field] = high;
        this.escapedFields[field] = escaped;
        escapes |= escaped;
      }
      field++;
      if (i >= to) return -1;
      if (byte === delimiter) pos = i + 1;
      else {
        this.scannedFields = field;
        this.escapes = escapes !== 0;
        return i;
      }
    }
  }

  /** Keeps the well-formed data line just scanned. */
  private keepScanned(bytes: Uint8Array, start: number, end: number): void {
    const fieldCount = this.headerCount;
    if (this.validate) {
      let high = 0;
      for (let f = 0; f < fieldCount; f++) high |= this.highs[f] as number;
      if (high >= 0x80) this.validate(bytes, start, end);
    }
    this.line++;
    if (
      isScannedTotalsRow(
        bytes,
        this.starts,
        this.ends,
        this.headerCount,
        this.layout.customerField,
        this.textOf,
      )
    ) {
      this.totalsRows++;
      return;
    }
    const row = this.rowCount;
    const { keptFields, keptBuilders, starts, ends, highs } = this;
    for (let k = 0; k < keptFields.length; k++) {
      const f = keptFields[k] as number;
      const builder = keptBuilders[k] as ColumnBuilder;
      builder.setCode(
        row,
        builder.codeOfScanned(
          bytes,
          starts[f] as number,
          ends[f] as number,
          (highs[f] as number) < 0x80,
        ),
      );
    }
    for (const builder of this.missing) builder.push(row, undefined);
    this.rowCount++;
  }

  /** True once the header row has been passed: the lines after it are data. */
  get pastHeader(): boolean {
    return this.headerSeen;
  }

  /**
   * Adds the rows read from the rest of the file (`part`, read by another sink from where this
   * one's bytes end) as if this sink had read them: the same codes and dictionaries, values in
   * order of first appearance, and line numbers counted from the file's start.
   */
  append(part: SinkPart): void {
    const rowCount = this.rowCount + part.rowCount;
    this.builders.forEach((builder, c) =>
      builder.append(part.columns[c] as InternedPart, this.rowCount, rowCount),
    );
    for (const line of part.malformedExamples.slice(
      0,
      MALFORMED_EXAMPLES - this.malformedExamples.length,
    ))
      this.malformedExamples.push(this.line + line);
    this.malformedRows += part.malformedRows;
    this.totalsRows += part.totalsRows;
    this.line += part.lines;
    this.rowCount = rowCount;
  }

  /** What this sink read, for the sink of the part before it (`append`). */
  part(): SinkPart {
    return {
      rowCount: this.rowCount,
      lines: this.line,
      malformedRows: this.malformedRows,
      malformedExamples: this.malformedExamples,
      totalsRows: this.totalsRows,
      columns: this.builders.map((builder) => builder.finishPart(this.rowCount)),
    };
  }

  /** Rows to expect in the whole file: the code arrays grow to that at once. */
  expectRows(rows: number): void {
    for (const builder of this.builders) builder.expectedRows = rows;
  }

  finish(): InternedColumn[] {
    return this.builders.map((builder) => builder.finish(this.rowCount));
  }
}
