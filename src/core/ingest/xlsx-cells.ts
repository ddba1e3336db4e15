/**
 * What a sheet's cells become in the columns (`SheetToColumns`): a shared or inline string as the
 * CSV reader would read its field back (`Prepared`), and per mapped column its dictionary, the
 * numbers and dates already converted, and the last row's cell.
 */
import { HASH_SEED, hashOf, hashStep } from './byte-keys.ts';
import { ColumnBuilder } from './intern.ts';
import { asciiText, utf8 } from './xlsx-values.ts';

/** What the CSV text of a shared string would be, once read back. */
export interface Prepared {
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

export function prepare(raw: string): Prepared {
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

/** Text printed from a cell's bytes once, then found by those bytes: `Converted.codeOf`. */
export class Converted {
  private readonly raw = new ColumnBuilder(asciiText, utf8);
  private readonly codes: number[] = [];

  constructor(private readonly print: (text: string) => string) {}

  /** The code in `builder` of the cell written as `bytes[start, end)`, shown as `print(text)`. */
  codeOf(builder: ColumnBuilder, bytes: Uint8Array, start: number, end: number): number {
    const raw = this.raw.codeOfBytes(bytes, start, end, hashOf(bytes, start, end), true);
    let code = this.codes[raw];
    if (code === undefined) {
      const text = prepare(this.print(asciiText(bytes, start, end)));
      code = builder.codeOfBytes(text.bytes, 0, text.bytes.length, text.hash, text.ascii);
      this.codes[raw] = code;
    }
    return code;
  }
}

/** Bytes of a number or date cell a column remembers from its last row: longer ones are not. */
export const LAST_BYTES = 32;

/** Per mapped column: its dictionary and the conversions already done for it. */
export class Column {
  /** Code per shared string index, + 1 (0: not met yet in this column). */
  readonly shared: Int32Array;
  /** Numbers that do not print as written, and date serials, per text as written. */
  converted: Converted | null = null;
  dates: Converted | null = null;
  /**
   * The last row's cell (kind, shared index or bytes) and its code: a sales sheet repeats the
   * invoice, customer, date and country down the lines of an order, and comparing a few bytes
   * costs less than hashing them and looking them up.
   */
  lastKind = 0;
  lastIndex = -1;
  lastLength = 0;
  readonly lastBytes = new Uint8Array(LAST_BYTES);
  lastCode = -1;

  constructor(
    readonly builder: ColumnBuilder,
    sharedCount: number,
  ) {
    this.shared = new Int32Array(sharedCount);
  }

  /** Is the cell `bytes[start, end)` of this kind the last row's? */
  sameAsLast(kind: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.lastKind !== kind || this.lastLength !== length) return false;
    const last = this.lastBytes;
    for (let k = 0; k < length; k++) if (last[k] !== bytes[start + k]) return false;
    return true;
  }

  /** Remembers the cell `bytes[start, end)` of this kind and its code. */
  remember(kind: number, bytes: Uint8Array, start: number, end: number, code: number): number {
    const length = end - start;
    if (length > LAST_BYTES) {
      this.lastKind = 0;
      return code;
    }
    this.lastKind = kind;
    this.lastLength = length;
    const last = this.lastBytes;
    for (let k = 0; k < length; k++) last[k] = bytes[start + k] as number;
    this.lastCode = code;
    return code;
  }
}
