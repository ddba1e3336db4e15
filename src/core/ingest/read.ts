import Papa from 'papaparse';
import { AnalysisError, throwIfAborted } from '../errors.ts';
import type { Reporter } from '../progress.ts';
import type { ColumnMapping, ColumnRole, Delimiter, Encoding } from '../types.ts';
import {
  bomLength,
  EncodingMismatch,
  indexOfBreak,
  isBreakAt,
  lastIndexOfBreak,
  type LineBreak,
  lineBreak,
  type ScannedEncoding,
  type TextOf,
  textDecoder,
  textEncoder,
} from './bytes.ts';
import { isUtf16, withoutNuls } from './encoding.ts';
import { ColumnBuilder, type InternedColumn } from './intern.ts';
import { RowSink } from './rows.ts';
import { type ByteSource, openSource } from './source.ts';
import { isSheetSource, readSheetColumns, type SheetSource } from './xlsx.ts';

// Defined beside the builder that makes it, so imports run one way: read -> rows -> intern.
export type { InternedColumn } from './intern.ts';

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
  /** Totals and subtotals rows left out: they are not sales (`layout.isTotalsRow`). */
  totalsRows: number;
  /** Stray NUL bytes (or UTF-16 NUL characters) removed from the text. */
  nulBytes: number;
}

export interface ReadSettings {
  encoding: Encoding;
  delimiter: Delimiter;
  newline: '\n' | '\r\n' | '\r';
  headers: readonly string[];
  mapping: ColumnMapping;
  /** Rows (blank ones not counted) above the header row; 0 when absent. */
  headerRow?: number | undefined;
}

/**
 * Bytes read before they are parsed (more when a row does not end in them): large enough that
 * per-call overhead vanishes.
 */
export const PARSE_CHUNK_CHARS = 1 << 20;
/** A quoted field this long means an unbalanced quote, not data: stop instead of eating memory. */
const MAX_PENDING_CHARS = 16 << 20;
const QUOTE = 34;

type Parser = InstanceType<typeof Papa.Parser>;
const parseWith = (parser: Parser, text: string, ignoreLastRow: boolean) =>
  parser.parse(text, 0, ignoreLastRow) as Papa.ParseResult<string[]>;

/**
 * Reads `bytes[from..]` in segments: runs of lines without any quote are read in place
 * (`RowSink.plain`, as PapaParse's fast path would split them), and so are lines whose quoted
 * fields are simple (`RowSink.quotedLine`); only the other lines with quotes are decoded and go
 * through PapaParse's quote-aware parser. Parsing a whole chunk that contains one quote anywhere
 * would take the slow path for every line in it (the UCI file quotes one line in ninety).
 * Returns how many bytes were consumed (whole rows only unless `final`).
 */
function parseSegments(
  parser: Parser,
  bytes: Uint8Array,
  from: number,
  nl: LineBreak,
  delimiter: number,
  final: boolean,
  sink: RowSink,
  textOf: TextOf,
): number {
  // Segments are cut just after a line break; the break itself is not passed on, so there is no
  // empty last row. Breaks are the file's own (a bare LF in a CRLF file is data, as PapaParse
  // reads it).
  let pos = from;
  while (pos < bytes.length) {
    const quote = bytes.indexOf(QUOTE, pos);
    if (quote === -1) return sink.plain(bytes, pos, bytes.length, !final);
    const lastBreak = lastIndexOfBreak(bytes, quote, nl);
    const lineStart = lastBreak === -1 ? 0 : lastBreak + nl.length;
    if (lineStart > pos) {
      // Complete lines with no quote at all: every row ends at its line break.
      sink.plain(bytes, pos, lineStart - nl.length, false);
      pos = lineStart;
    }
    const simple = sink.quotedLine(bytes, pos, bytes.length);
    if (simple !== -1) {
      pos = simple;
      continue;
    }
    const end = balancedLineEnd(bytes, pos, nl, delimiter);
    if (end === -1) {
      // The quoted part continues past these bytes: keep it for the next chunk.
      if (!final) return pos;
      sink.rows(parseWith(parser, textOf(bytes, pos, bytes.length), false).data);
      return bytes.length;
    }
    // With its line break, so that PapaParse sees how the row ends (`"x"  ` then the break closes
    // the field; at the end of the text it would not); the empty row after the break is dropped.
    const rows = parseWith(parser, textOf(bytes, pos, end), false).data;
    const last = rows[rows.length - 1];
    if (last?.length === 1 && last[0] === '') rows.pop();
    sink.rows(rows);
    pos = end;
  }
  return pos;
}

/**
 * The index just past the line break that ends the row starting at `from`, reading quotes as
 * PapaParse does; -1 if the row does not end within `bytes`. A quote opens a quoted field only at
 * the start of a field (elsewhere, as in `12" tray`, it is a literal character); inside one, `""`
 * is an escaped quote, and a quote closes the field only when spaces and then the delimiter or the
 * line break follow it. Merely counting quotes would pair a literal quote with the opening quote
 * of a later field and cut the row inside that field's line break.
 */
function balancedLineEnd(bytes: Uint8Array, from: number, nl: LineBreak, delimiter: number) {
  const length = bytes.length;
  let i = from; // always at the start of a field
  for (;;) {
    if (bytes[i] !== QUOTE) {
      const lineEnd = indexOfBreak(bytes, i, nl);
      if (lineEnd === -1) return -1;
      const fieldEnd = bytes.indexOf(delimiter, i);
      if (fieldEnd !== -1 && fieldEnd < lineEnd) i = fieldEnd + 1;
      else return lineEnd + nl.length;
      continue;
    }
    let quote = i;
    for (;;) {
      quote = bytes.indexOf(QUOTE, quote + 1);
      if (quote === -1) return -1;
      if (bytes[quote + 1] === QUOTE) {
        quote++;
        continue;
      }
      let after = quote + 1;
      while (
        after < length &&
        (bytes[after] as number) <= 32 &&
        bytes[after] !== delimiter &&
        !isBreakAt(bytes, after, nl)
      )
        after++;
      if (after === length) return -1;
      if (bytes[after] === delimiter) {
        i = after + 1;
        break;
      }
      if (isBreakAt(bytes, after, nl)) return after + nl.length;
      // Anything else after the quote: PapaParse keeps it inside the field, and so do we.
    }
  }
}

/**
 * The bytes not yet parsed followed by the chunks read since, in one buffer that is reused from
 * one parse to the next: a fresh buffer per chunk cost more (allocation, first-touch page faults,
 * garbage) than copying into the same one.
 */
class ByteJoiner {
  private buffer = new Uint8Array(0);

  join(tail: Uint8Array, parts: readonly Uint8Array[], partsLength: number): Uint8Array {
    if (tail.byteLength === 0 && parts.length === 1) return parts[0] as Uint8Array;
    const length = tail.byteLength + partsLength;
    if (length > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.max(length, Math.ceil(this.buffer.byteLength * 1.25)));
      grown.set(tail);
      this.buffer = grown;
    } else if (tail.buffer === this.buffer.buffer)
      this.buffer.copyWithin(0, tail.byteOffset, tail.byteOffset + tail.byteLength);
    else this.buffer.set(tail);
    let offset = tail.byteLength;
    for (const part of parts) {
      this.buffer.set(part, offset);
      offset += part.byteLength;
    }
    return this.buffer.subarray(0, length);
  }
}

/**
 * Streams the whole file into interned columns for the mapped roles only, reading its rows as
 * PapaParse does. Memory is bounded by the dictionaries and one Int32 per row and mapped column,
 * whatever the file size. The bytes are never held whole, nor decoded whole: only distinct values
 * and the lines PapaParse reads are decoded. (Decoding all of the text, splitting it into rows of
 * strings and looking every cell up in a Map took three quarters of the reading time.)
 */
export async function readTable(
  source: ByteSource,
  settings: ReadSettings,
  report: Reporter,
  signal?: AbortSignal,
): Promise<RawTable> {
  // A workbook's sheet is read straight into columns, unless the sniffer read its CSV text in an
  // unexpected way (another delimiter guessed): then it is read as that text, as sniffed.
  if (
    isSheetSource(source) &&
    settings.delimiter === ',' &&
    settings.newline === '\n' &&
    settings.encoding === 'utf-8'
  )
    return readSheet(source, settings, report, signal);
  try {
    return await readWith(source, settings, settings.encoding, report, signal);
  } catch (error) {
    if (!(error instanceof EncodingMismatch) || settings.encoding !== 'utf-8') throw error;
    const table = await readWith(source, settings, 'windows-1252', report, signal);
    return { ...table, encodingFallback: true };
  }
}

async function readWith(
  source: ByteSource,
  settings: ReadSettings,
  fileEncoding: Encoding,
  report: Reporter,
  signal: AbortSignal | undefined,
): Promise<RawTable> {
  // UTF-16 is transcoded to UTF-8 as it streams (`openSource`), and read as that.
  const utf16 = isUtf16(fileEncoding) ? fileEncoding : undefined;
  const encoding: ScannedEncoding = isUtf16(fileEncoding) ? 'utf-8' : fileEncoding;
  const roles = (Object.keys(settings.mapping) as ColumnRole[]).filter(
    (role) => settings.mapping[role] !== undefined,
  );
  const indices = roles.map((role) => settings.mapping[role] as number);
  const parser = new Papa.Parser({ delimiter: settings.delimiter, newline: settings.newline });
  const nl = lineBreak(settings.newline);
  const delimiter = settings.delimiter.charCodeAt(0);
  const textOf = textDecoder(encoding);
  // Windows-1252 gives a character for every byte; UTF-8 must be checked wherever a byte is not
  // ASCII, as decoding the whole text would (the reader then starts again as Windows-1252).
  const validate =
    encoding === 'utf-8'
      ? (bytes: Uint8Array, start: number, end: number) => void textOf(bytes, start, end)
      : null;
  const sink = new RowSink(
    indices,
    settings.headers.length,
    settings.delimiter,
    nl,
    textOf,
    textEncoder(encoding),
    validate,
    { headerRow: settings.headerRow ?? 0, customerField: settings.mapping.customer ?? -1 },
  );

  const opened = await openSource(source, { utf16 });
  let nulBytes = 0;
  const joiner = new ByteJoiner();
  let pending: Uint8Array = new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let partsLength = 0;
  let first = true;
  try {
    for (;;) {
      throwIfAborted(signal);
      const next = await opened.reader.read();
      if (!next.done) {
        // A memchr per chunk: stray NULs are rare, and dropped as the sniffer drops them.
        const { bytes: part, removed } = withoutNuls(next.value);
        nulBytes += removed;
        parts.push(part);
        partsLength += part.byteLength;
        if (pending.byteLength + partsLength < PARSE_CHUNK_CHARS) continue;
      }
      const bytes = joiner.join(pending, parts, partsLength);
      parts.length = 0;
      partsLength = 0;
      const from = first ? bomLength(bytes, encoding) : 0;
      first = false;

      const consumed = parseSegments(parser, bytes, from, nl, delimiter, next.done, sink, textOf);
      pending = next.done ? new Uint8Array(0) : bytes.subarray(consumed);
      if (pending.byteLength > MAX_PENDING_CHARS)
        throw new AnalysisError(
          'read-failed',
          `The file has a quotation mark that is never closed (after line ${sink.line}), so the rest of it cannot be split into rows. Check the file in a text editor or export it again.`,
        );
      const fraction = source.progress
        ? source.progress()
        : source.size > 0
          ? opened.storedBytesRead() / source.size
          : 0;
      report('read', fraction, sink.rowCount);
      if (next.done) break;
      // Rows to expect in the whole file, 3% over: the code arrays grow to that at once.
      if (fraction > 0 && sink.rowCount > 0)
        sink.expectRows(Math.ceil((sink.rowCount / Math.min(1, fraction)) * 1.03));
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
  report('read', 1, sink.rowCount, true);

  const columns: RawTable['columns'] = {};
  const finished = sink.finish();
  roles.forEach((role, i) => {
    columns[role] = finished[i] as InternedColumn;
  });
  return {
    rowCount: sink.rowCount,
    columns,
    malformedRows: sink.malformedRows,
    malformedExamples: sink.malformedExamples,
    encoding: fileEncoding,
    encodingFallback: false,
    totalsRows: sink.totalsRows,
    nulBytes,
  };
}

/** `readTable` for a workbook's sheet: the same table as from its CSV text (`SheetToColumns`). */
async function readSheet(
  source: SheetSource,
  settings: ReadSettings,
  report: Reporter,
  signal: AbortSignal | undefined,
): Promise<RawTable> {
  const roles = (Object.keys(settings.mapping) as ColumnRole[]).filter(
    (role) => settings.mapping[role] !== undefined,
  );
  const layout = {
    indices: roles.map((role) => settings.mapping[role] as number),
    headerCount: settings.headers.length,
    headerRow: settings.headerRow ?? 0,
    customerField: settings.mapping.customer ?? -1,
  };
  const textOf = textDecoder('utf-8');
  const bytesOf = textEncoder('utf-8');
  let sheet;
  try {
    sheet = await readSheetColumns(
      source,
      layout,
      () => new ColumnBuilder(textOf, bytesOf),
      (read, fraction) => {
        throwIfAborted(signal);
        report('read', fraction, read.rowCount);
        // Rows to expect in the whole sheet, 3% over: the code arrays grow to that at once.
        if (fraction > 0 && fraction < 1 && read.rowCount > 0)
          read.expectRows(Math.ceil((read.rowCount / fraction) * 1.03));
      },
    );
  } catch (error) {
    if (error instanceof AnalysisError) throw error;
    throw new AnalysisError(
      'read-failed',
      'The file could not be read to the end. If it is compressed, it may be damaged; try exporting it again.',
      String(error),
    );
  }
  report('read', 1, sheet.rowCount, true);
  const columns: RawTable['columns'] = {};
  const finished = sheet.finish();
  roles.forEach((role, i) => {
    columns[role] = finished[i] as InternedColumn;
  });
  return {
    rowCount: sheet.rowCount,
    columns,
    malformedRows: sheet.malformedRows,
    malformedExamples: sheet.malformedExamples,
    encoding: 'utf-8',
    encodingFallback: false,
    totalsRows: sheet.totalsRows,
    nulBytes: sheet.nulBytes,
  };
}
