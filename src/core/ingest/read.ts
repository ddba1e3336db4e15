import Papa from 'papaparse';
import { AnalysisError, throwIfAborted } from '../errors.ts';
import type { Reporter } from '../progress.ts';
import type { ColumnMapping, ColumnRole, Delimiter, Encoding } from '../types.ts';
import { type ByteSource, openSource } from './source.ts';

/**
 * One column of the file as codes into a dictionary of its distinct (trimmed) values. Sales files
 * repeat the same customer, invoice, timestamp, price and product on many lines, so this is both
 * compact and lets later stages parse each distinct date or number once.
 */
export interface InternedColumn {
  codes: Int32Array;
  values: string[];
}

export interface RawTable {
  /** Data rows read (the header and blank lines excluded). */
  rowCount: number;
  columns: Partial<Record<ColumnRole, InternedColumn>>;
  /** Rows whose number of fields differs from the header's; kept, missing fields read as empty. */
  malformedRows: number;
  /** 1-based line numbers of the first malformed rows, to show the user. */
  malformedExamples: number[];
  /** The encoding the file was finally read with. */
  encoding: Encoding;
  /** True when the file was not valid UTF-8 after its head and was re-read as Windows-1252. */
  encodingFallback: boolean;
}

export interface ReadSettings {
  encoding: Encoding;
  delimiter: Delimiter;
  newline: '\n' | '\r\n' | '\r';
  headers: readonly string[];
  mapping: ColumnMapping;
}

/** Text handed to the CSV parser at a time: large enough that per-call overhead vanishes. */
export const PARSE_CHUNK_CHARS = 1 << 20;
/** A quoted field this long means an unbalanced quote, not data: stop instead of eating memory. */
const MAX_PENDING_CHARS = 16 << 20;
const QUOTE = 34;

/** A flat copy of a string, not a view into a larger one. */
const unslice = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

class ColumnBuilder {
  codes = new Int32Array(1 << 16);
  readonly values: string[] = [];
  private readonly lookup = new Map<string, number>();

  /** The previous row's cell and code: invoices, dates and customers repeat on consecutive lines. */
  private lastCell = '\u0000';
  private lastCode = -1;

  push(row: number, raw: string | undefined): void {
    let cell = raw ?? '';
    const n = cell.length;
    if (n > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(n - 1) <= 32)) cell = cell.trim();
    let code: number | undefined;
    if (cell === this.lastCell) code = this.lastCode;
    else {
      code = this.lookup.get(cell);
      if (code === undefined) {
        code = this.values.length;
        // A substring of the chunk text keeps the whole chunk alive in V8 (a "sliced string");
        // a dictionary entry outlives its chunk, so store a copy of its own.
        cell = unslice(cell);
        this.values.push(cell);
        this.lookup.set(cell, code);
      }
      this.lastCell = cell;
      this.lastCode = code;
    }
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
    const grown = new Int32Array(size);
    grown.set(this.codes);
    this.codes = grown;
  }

  expectedRows = 0;

  finish(rowCount: number): InternedColumn {
    // A view, not a copy, unless much of the array is unused (a small file or a bad estimate).
    const codes =
      this.codes.length <= rowCount * 1.1
        ? this.codes.subarray(0, rowCount)
        : this.codes.slice(0, rowCount);
    return { codes, values: this.values };
  }
}

class EncodingMismatch extends Error {}

type Parser = InstanceType<typeof Papa.Parser>;
const parseWith = (parser: Parser, text: string, ignoreLastRow: boolean) =>
  parser.parse(text, 0, ignoreLastRow) as Papa.ParseResult<string[]>;

/**
 * Feeds `text` to PapaParse in segments so that its fast path (a plain split) handles the runs of
 * lines without any quote and its quote-aware path only the few lines that have quotes. Parsing a
 * whole chunk that contains one quote anywhere would take the slow path for every line in it,
 * which is most of the time on real files (the UCI file quotes one line in ninety).
 * Returns how many characters were consumed (whole rows only unless `final`).
 */
function parseSegments(
  parser: Parser,
  text: string,
  newline: string,
  delimiter: string,
  final: boolean,
  consume: (rows: string[][]) => void,
): number {
  // Segments are cut just after a line break; the break itself is not passed on, so PapaParse
  // does not see an empty last row. Breaks are the file's own (a bare LF in a CRLF file is data,
  // as PapaParse reads it).
  const cut = newline.length;
  let pos = 0;
  while (pos < text.length) {
    const quote = text.indexOf('"', pos);
    if (quote === -1) {
      const result = parseWith(parser, pos === 0 ? text : text.slice(pos), !final);
      consume(result.data);
      return pos + result.meta.cursor;
    }
    const lastBreak = text.lastIndexOf(newline, quote);
    const lineStart = lastBreak === -1 ? 0 : lastBreak + cut;
    if (lineStart > pos) {
      // Complete lines with no quote at all: every row ends at its line break.
      consume(parseWith(parser, text.slice(pos, lineStart - cut), false).data);
      pos = lineStart;
    }
    const end = balancedLineEnd(text, pos, newline, delimiter);
    if (end === -1) {
      // The quoted part continues past this text: keep it for the next chunk.
      if (!final) return pos;
      consume(parseWith(parser, text.slice(pos), false).data);
      return text.length;
    }
    // With its line break, so that PapaParse sees how the row ends (`"x"  ` then the break closes
    // the field; at the end of the text it would not); the empty row after the break is dropped.
    const rows = parseWith(parser, text.slice(pos, end), false).data;
    const last = rows[rows.length - 1];
    if (last?.length === 1 && last[0] === '') rows.pop();
    consume(rows);
    pos = end;
  }
  return pos;
}

/**
 * The index just past the line break that ends the row starting at `from`, reading quotes as
 * PapaParse does; -1 if the row does not end within `text`. A quote opens a quoted field only at
 * the start of a field (elsewhere, as in `12" tray`, it is a literal character); inside one, `""`
 * is an escaped quote, and a quote closes the field only when spaces and then the delimiter or the
 * line break follow it. Merely counting quotes would pair a literal quote with the opening quote
 * of a later field and cut the row inside that field's line break.
 */
function balancedLineEnd(text: string, from: number, newline: string, delimiter: string): number {
  let i = from; // always at the start of a field
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) {
      const lineEnd = text.indexOf(newline, i);
      if (lineEnd === -1) return -1;
      const fieldEnd = text.indexOf(delimiter, i);
      if (fieldEnd !== -1 && fieldEnd < lineEnd) i = fieldEnd + delimiter.length;
      else return lineEnd + newline.length;
      continue;
    }
    let quote = i;
    for (;;) {
      quote = text.indexOf('"', quote + 1);
      if (quote === -1) return -1;
      if (text.charCodeAt(quote + 1) === QUOTE) {
        quote++;
        continue;
      }
      let after = quote + 1;
      while (
        after < text.length &&
        text.charCodeAt(after) <= 32 &&
        !text.startsWith(delimiter, after) &&
        !text.startsWith(newline, after)
      )
        after++;
      if (after === text.length) return -1;
      if (text.startsWith(delimiter, after)) {
        i = after + delimiter.length;
        break;
      }
      if (text.startsWith(newline, after)) return after + newline.length;
      // Anything else after the quote: PapaParse keeps it inside the field, and so do we.
    }
  }
}

/**
 * Streams the whole file through PapaParse's parser into interned columns for the mapped roles
 * only. Memory is bounded by the dictionaries and one Int32 per row and mapped column, whatever
 * the file size; the text is never held whole.
 */
export async function readTable(
  source: ByteSource,
  settings: ReadSettings,
  report: Reporter,
  signal?: AbortSignal,
): Promise<RawTable> {
  try {
    return await readWith(source, settings, settings.encoding, report, signal);
  } catch (error) {
    if (!(error instanceof EncodingMismatch)) throw error;
    const table = await readWith(source, settings, 'windows-1252', report, signal);
    return { ...table, encodingFallback: true };
  }
}

async function readWith(
  source: ByteSource,
  settings: ReadSettings,
  encoding: Encoding,
  report: Reporter,
  signal: AbortSignal | undefined,
): Promise<RawTable> {
  const roles = (Object.keys(settings.mapping) as ColumnRole[]).filter(
    (role) => settings.mapping[role] !== undefined,
  );
  const indices = roles.map((role) => settings.mapping[role] as number);
  const builders = roles.map(() => new ColumnBuilder());
  const headerCount = settings.headers.length;
  const parser = new Papa.Parser({ delimiter: settings.delimiter, newline: settings.newline });
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });

  let rowCount = 0;
  let line = 0;
  let headerSeen = false;
  let malformedRows = 0;
  const malformedExamples: number[] = [];

  const consume = (rows: string[][]) => {
    for (const row of rows) {
      line++;
      // Blank lines (often trailing ones, or `,,,,` from spreadsheets) are not rows of sales.
      if (row[0] === '' && row.every((cell) => cell.trim() === '')) continue;
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      if (row.length !== headerCount) {
        malformedRows++;
        if (malformedExamples.length < 5) malformedExamples.push(line);
      }
      for (let c = 0; c < builders.length; c++) {
        (builders[c] as ColumnBuilder).push(rowCount, row[indices[c] as number]);
      }
      rowCount++;
    }
  };

  const opened = await openSource(source);
  let pending = '';
  let first = true;
  try {
    for (;;) {
      throwIfAborted(signal);
      const next = await opened.reader.read();
      let text: string;
      try {
        text = next.done ? decoder.decode() : decoder.decode(next.value, { stream: true });
      } catch {
        throw new EncodingMismatch();
      }
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      pending += text;
      if (!next.done && pending.length < PARSE_CHUNK_CHARS) continue;

      const consumed = parseSegments(
        parser,
        pending,
        settings.newline,
        settings.delimiter,
        next.done,
        consume,
      );
      pending = next.done ? '' : pending.slice(consumed);
      if (pending.length > MAX_PENDING_CHARS)
        throw new AnalysisError(
          'read-failed',
          `The file has a quotation mark that is never closed (after line ${line}), so the rest of it cannot be split into rows. Check the file in a text editor or export it again.`,
        );
      const fraction = source.size > 0 ? opened.storedBytesRead() / source.size : 0;
      report('read', fraction, rowCount);
      if (next.done) break;
      // Rows to expect in the whole file, 3% over: the code arrays grow to that at once.
      if (fraction > 0 && rowCount > 0) {
        const expected = Math.ceil((rowCount / Math.min(1, fraction)) * 1.03);
        for (const builder of builders) builder.expectedRows = expected;
      }
    }
  } catch (error) {
    await opened.cancel();
    if (error instanceof AnalysisError || error instanceof EncodingMismatch) throw error;
    throw new AnalysisError(
      'read-failed',
      'The file could not be read to the end. If it is compressed, it may be damaged; try exporting it again.',
      String(error),
    );
  }
  report('read', 1, rowCount, true);

  const columns: RawTable['columns'] = {};
  roles.forEach((role, i) => {
    columns[role] = (builders[i] as ColumnBuilder).finish(rowCount);
  });
  return { rowCount, columns, malformedRows, malformedExamples, encoding, encodingFallback: false };
}
