import type { BytesOf, TextOf } from './bytes.ts';
import { hashOf, mix, sameBytesAt } from './byte-keys.ts';

/**
 * One column of the file as codes into a dictionary of its distinct (trimmed) values. Sales files
 * repeat the same customer, invoice, timestamp, price and product on many lines, so this is both
 * compact and lets later stages parse each distinct date or number once.
 */
export interface InternedColumn {
  codes: Codes;
  values: string[];
}

/**
 * A dictionary's values as the bytes they were read from, with their hashes: value `c` is
 * `bytes[start[c], start[c] + length[c])`. Another thread's part of a file carries them, so the
 * column it is added to finds each value by its bytes, as a read in one piece would have.
 */
export interface ValueKeys {
  bytes: Uint8Array;
  start: Int32Array;
  length: Int32Array;
  hash: Int32Array;
}

/** A column read by another thread, with its values' keys (`ColumnBuilder.finishPart`). */
export interface InternedPart extends InternedColumn {
  keys: ValueKeys;
}

/**
 * Per-row codes, in the narrowest array that holds the column's distinct values: countries and
 * quantities fit a byte, products, dates and even tens of thousands of customers two bytes, only
 * invoices four. On a 5.4-million-row file that is 80 MB of codes instead of 150 MB.
 */
export type Codes = Uint8Array | Uint16Array | Int32Array;

/** A zeroed code array of `length` as wide as `like`. */
function codesLike(like: Codes, length: number): Codes {
  if (like instanceof Uint8Array) return new Uint8Array(length);
  if (like instanceof Uint16Array) return new Uint16Array(length);
  return new Int32Array(length);
}

/** A flat copy of a string, not a view into a larger one. */
const unslice = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

/** Characters (and bytes) at or below a space: a cell that starts or ends with one is trimmed. */
const SPACE = 32;

/** The bytes String.prototype.trim removes that are below 128: tab, line breaks, form feed, space. */
const isTrimmed = (byte: number): boolean => byte === SPACE || (byte >= 9 && byte <= 13);

/** Empty arrays put in a builder's fields for a moment (see its constructor). */
const WIDE = new Int32Array(0);
const BYTES = new Uint8Array(0);

/**
 * `codes[from..to)` set to the remapped `partCodes`. A function of its own, not a loop in
 * `append`: the columns' code arrays are of three kinds, and V8 threw away `append`'s compiled
 * code at each kind it had not met, compiling the whole of it again (four times in a CLI run);
 * this small loop is what gets compiled again instead.
 */
function remapCodes(codes: Codes, partCodes: Codes, remap: Int32Array, from: number, to: number) {
  for (let row = from; row < to; row++)
    codes[row] = remap[partCodes[row - from] as number] as number;
}

/**
 * One column's cells as codes into a dictionary of its distinct trimmed values, in the order they
 * first appear. The dictionary is a hash table over the values' bytes in the file, so cells read
 * straight from the bytes are found without decoding them; cells that arrive as strings (split by
 * PapaParse, or trimmed) are looked up by their bytes too.
 */
export class ColumnBuilder {
  codes: Codes = new Uint8Array(1 << 16);
  readonly values: string[] = [];
  /** Rows the whole file is expected to have; the codes grow to that at once. */
  expectedRows = 0;
  /** The previous string cell and its code: invoices, dates and customers repeat on consecutive lines. */
  private lastCell = '\u0000';
  private lastCode = -1;
  /** The code of the previous cell read from bytes. */
  private previousCode = -1;

  /** Each value's bytes (in `arena`, from `valueStart`) and hash. */
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  /** `arena` and the bytes last compared with it, read four bytes at a time (`sameBytes`). */
  private arenaWords: DataView<ArrayBufferLike> = new DataView(this.arena.buffer);
  private cellWords: DataView<ArrayBufferLike> = new DataView(BYTES.buffer);
  private cellBytes: Uint8Array = BYTES;
  private valueStart = new Int32Array(1 << 10);
  private valueLength = new Int32Array(1 << 10);
  private valueHash = new Int32Array(1 << 10);
  /** Value code + 1 per slot; 0 is an empty slot. Never more than half full. */
  private slots = new Int32Array(1 << 11);

  constructor(
    private readonly textOf: TextOf,
    private readonly bytesOf: BytesOf,
  ) {
    // Each array a column replaces as it grows is replaced once here, the codes by an array of
    // another kind, before any code using them is optimized. V8 optimizes code for fields that
    // have never been replaced and have held one kind of array, and throws that code away (then
    // compiles it again) the first time any column's array grows or its codes widen: in
    // Chromium's worker `codeOfBytes`, `codeOfScanned` and `sameBytes` were compiled by TurboFan
    // up to three times each during one read, on the core the page needs; with this, once or
    // twice (V8's code log, `--log-code`). Its effect on the read's wall time was within the noise
    // of the runs that measured it. Likewise the views `sameBytes` reads through, replaced as the
    // arena grows and at each new chunk of the file.
    const { codes, arena, valueStart, valueLength, valueHash, slots } = this;
    const { arenaWords, cellWords, cellBytes } = this;
    this.codes = WIDE;
    this.codes = codes;
    this.arena = BYTES;
    this.arena = arena;
    this.valueStart = WIDE;
    this.valueStart = valueStart;
    this.valueLength = WIDE;
    this.valueLength = valueLength;
    this.valueHash = WIDE;
    this.valueHash = valueHash;
    this.slots = WIDE;
    this.slots = slots;
    this.arenaWords = cellWords;
    this.arenaWords = arenaWords;
    this.cellWords = arenaWords;
    this.cellWords = cellWords;
    this.cellBytes = arena;
    this.cellBytes = cellBytes;
  }

  /** A cell given as a string (rows PapaParse split, and unusual lines). */
  push(row: number, raw: string | undefined): void {
    this.setCode(row, this.codeOfText(raw ?? ''));
  }

  /** The code of a cell given as a string, added to the dictionary if new. */
  codeOfText(raw: string): number {
    let cell = raw;
    const n = cell.length;
    if (n > 0 && (cell.charCodeAt(0) <= SPACE || cell.charCodeAt(n - 1) <= SPACE))
      cell = cell.trim();
    if (cell !== this.lastCell) {
      const bytes = this.bytesOf(cell);
      const hash = hashOf(bytes, 0, bytes.length);
      const found = this.find(bytes, 0, bytes.length, hash);
      // A substring of a larger string keeps all of it alive in V8 (a "sliced string"); a
      // dictionary entry outlives the text it came from, so it gets a copy of its own.
      this.lastCode =
        found >= 0 ? found : this.add(~found, unslice(cell), bytes, 0, bytes.length, hash);
      this.lastCell = cell;
    }
    return this.lastCode;
  }

  /**
   * The cell `bytes[start, end)`, whose hash (`hashStep` from `HASH_SEED` over its bytes) the
   * caller computed while scanning for its end; `ascii` when none of its bytes is above 127.
   */
  pushBytes(
    row: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    ascii: boolean,
  ): void {
    this.setCode(row, this.codeOfBytes(bytes, start, end, hash, ascii));
  }

  /**
   * The code of the cell `bytes[start, end)`, with no hash from the caller: the previous cell's
   * value is tried first, by its bytes, and the hash is taken only when that fails. Invoices,
   * dates, customers and countries repeat on consecutive lines, so most of their cells are never
   * hashed; hashing every kept byte while scanning for field ends cost more than the lookups.
   */
  codeOfScanned(bytes: Uint8Array, start: number, end: number, ascii: boolean): number {
    const previous = this.previousCode;
    const length = end - start;
    if (
      previous >= 0 &&
      this.valueLength[previous] === length &&
      length > 0 &&
      (bytes[start] as number) > SPACE &&
      (bytes[end - 1] as number) > SPACE &&
      this.sameBytes(previous, bytes, start, length)
    )
      return previous;
    return this.codeOfBytes(bytes, start, end, hashOf(bytes, start, end), ascii);
  }

  /** The code of the cell `bytes[start, end)` (as for `pushBytes`), added if new. */
  codeOfBytes(bytes: Uint8Array, start: number, end: number, hash: number, ascii: boolean): number {
    // A cell with a character up to a space at either end is trimmed as `codeOfText` trims it.
    // String.prototype.trim's white space below 128 (tab, line breaks, form feed, space) is one
    // byte in UTF-8 and Windows-1252 alike, so it is trimmed here on the bytes, and the rest is
    // looked up by them. Only an end left above 127, which may be white space trim() also removes
    // (a no-break space), goes through the text. A fifth of the UCI file's descriptions end in a
    // space; decoding, trimming and encoding each again made that column half of the read's time.
    if (end > start && ((bytes[start] as number) <= SPACE || (bytes[end - 1] as number) <= SPACE)) {
      let first = start;
      let last = end;
      while (first < last && isTrimmed(bytes[first] as number)) first++;
      while (last > first && isTrimmed(bytes[last - 1] as number)) last--;
      if (first < last && ((bytes[first] as number) > 127 || (bytes[last - 1] as number) > 127))
        return this.codeOfText(this.textOf(bytes, start, end, ascii));
      // Nothing trimmed: an end is a control character, which trim() keeps too.
      if (first > start || last < end) {
        return this.codeOfBytes(bytes, first, last, hashOf(bytes, first, last), ascii);
      }
    }
    // The previous row's value first: its bytes are still in the cache, the table's slot is not.
    const previous = this.previousCode;
    if (
      previous >= 0 &&
      this.valueHash[previous] === hash &&
      this.valueLength[previous] === end - start &&
      this.sameBytes(previous, bytes, start, end - start)
    )
      return previous;
    const found = this.find(bytes, start, end, hash);
    const code =
      found >= 0
        ? found
        : this.add(~found, this.textOf(bytes, start, end, ascii), bytes, start, end, hash);
    this.previousCode = code;
    return code;
  }

  /** The code of the value with these bytes, or ~slot of the empty slot where it would go. */
  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const length = end - start;
    let slot = mix(hash) & mask;
    for (;;) {
      const code = (slots[slot] as number) - 1;
      if (code < 0) return ~slot;
      if (
        this.valueHash[code] === hash &&
        this.valueLength[code] === length &&
        this.sameBytes(code, bytes, start, length)
      )
        return code;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether value `code` is `bytes[start, start + length)`: see `sameBytesAt`. */
  private sameBytes(code: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (bytes !== this.cellBytes) {
      this.cellBytes = bytes;
      this.cellWords = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return sameBytesAt(
      this.arenaWords,
      this.valueStart[code] as number,
      this.cellWords,
      start,
      length,
    );
  }

  private add(
    slot: number,
    value: string,
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
  ): number {
    const code = this.values.length;
    const length = end - start;
    this.values.push(value);
    if (code >= this.valueStart.length) {
      const double = (array: Int32Array) => {
        const grown = new Int32Array(array.length * 2);
        grown.set(array);
        return grown;
      };
      this.valueStart = double(this.valueStart);
      this.valueLength = double(this.valueLength);
      this.valueHash = double(this.valueHash);
    }
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
      this.arenaWords = new DataView(grown.buffer);
    }
    // A loop, not `arena.set(bytes.subarray(start, end))`: a view made for each value added cost
    // the join of the UCI file's second half (mostly new invoices and dates) 9 of its 33 ms.
    const arena = this.arena;
    const at = this.arenaUsed;
    for (let i = 0; i < length; i++) arena[at + i] = bytes[start + i] as number;
    this.valueStart[code] = this.arenaUsed;
    this.arenaUsed += length;
    this.valueLength[code] = length;
    this.valueHash[code] = hash;
    this.slots[slot] = code + 1;
    if (code === 0x100 || code === 0x10000) this.widen();
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      let slot = mix(this.valueHash[code] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }

  /** The codes so far in the next wider array: the value just added does not fit the current. */
  private widen(): void {
    const wider =
      this.codes instanceof Uint8Array
        ? new Uint16Array(this.codes.length)
        : new Int32Array(this.codes.length);
    wider.set(this.codes);
    this.codes = wider;
  }

  /** Row `row`'s cell is the value `code`. */
  setCode(row: number, code: number): void {
    if (row >= this.codes.length) this.grow(row + 1);
    this.codes[row] = code;
  }

  /**
   * Room for the rows the file is expected to have (`expectedRows`, from the share of bytes read so
   * far), or a quarter more when that is passed. Doubling instead would leave up to half of a
   * large file's codes unused, and copying to the exact length at the end would hold both at once:
   * that was most of the peak memory on a 1.1 GB file (CLI peak RSS 964 -> 692 MiB with this;
   * `npm run bench:big`).
   */
  private grow(needed: number): void {
    const size = Math.max(needed, Math.ceil(this.codes.length * 1.25), this.expectedRows);
    const grown = codesLike(this.codes, size);
    grown.set(this.codes);
    this.codes = grown;
  }

  /**
   * Rows `from` to `to` are `part`'s cells (the same column of the rest of the file, read by
   * another builder): its values are looked up here by their bytes, added if new in their order,
   * and its codes written as this dictionary's. Looked up as strings instead (each encoded to
   * bytes again), the UCI file's second half took about 55 ms to add on the main thread.
   */
  append(part: InternedPart, from: number, to: number): void {
    // Values first: a new one may widen the codes array.
    const { bytes, start, length, hash } = part.keys;
    const remap = new Int32Array(part.values.length);
    for (let code = 0; code < remap.length; code++) {
      const first = start[code] as number;
      const end = first + (length[code] as number);
      const found = this.find(bytes, first, end, hash[code] as number);
      remap[code] =
        found >= 0
          ? found
          : this.add(~found, part.values[code] as string, bytes, first, end, hash[code] as number);
    }
    if (to > this.codes.length) this.grow(to);
    remapCodes(this.codes, part.codes, remap, from, to);
  }

  /** `finish`, with the values' keys, for another thread's builder to `append`. */
  finishPart(rowCount: number): InternedPart {
    const count = this.values.length;
    return {
      ...this.finish(rowCount),
      keys: {
        bytes: this.arena.slice(0, this.arenaUsed),
        start: this.valueStart.slice(0, count),
        length: this.valueLength.slice(0, count),
        hash: this.valueHash.slice(0, count),
      },
    };
  }

  finish(rowCount: number): InternedColumn {
    // A view, not a copy, unless much of the array is unused (a small file or a bad estimate).
    const codes =
      this.codes.length <= rowCount * 1.1
        ? this.codes.subarray(0, rowCount)
        : this.codes.slice(0, rowCount);
    return { codes, values: this.values };
  }
}
