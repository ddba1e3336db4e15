/**
 * The byte-level reader: streams a source's bytes into a RowSink, reading most lines in place and
 * only unusual quoted ones through PapaParse. `readTable` (read.ts) reads a whole file with it, or
 * two parts of one on two threads (split.ts).
 */
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
import { dropNuls, isUtf16 } from './encoding.ts';
import { RowSink } from './rows.ts';
import { type ByteSource, type OpenedSource, openSource } from './source.ts';

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
 * The bytes not yet parsed (the start of a row the last read cut) followed by those read since, in
 * one buffer that the source reads into (`OpenedSource.read`) and that is reused from one parse to
 * the next: no chunk of the file is new memory, and nothing is copied but that row's start.
 */
class ParseBuffer {
  private buffer: Uint8Array = new Uint8Array(PARSE_CHUNK_CHARS);
  /** Bytes held. */
  length = 0;

  /**
   * Reads once from `opened`, dropping NULs (`dropNuls`): up to PARSE_CHUNK_CHARS bytes held, or
   * PARSE_CHUNK_CHARS more when as many are held already (a row that long). So parses start every
   * PARSE_CHUNK_CHARS bytes, however the source's reads come. `ended` at the end of the bytes.
   */
  async readFrom(opened: OpenedSource): Promise<{ ended: boolean; nulBytes: number }> {
    const room =
      this.length < PARSE_CHUNK_CHARS ? PARSE_CHUNK_CHARS - this.length : PARSE_CHUNK_CHARS;
    if (this.buffer.byteLength < this.length + room) {
      const grown = new Uint8Array(Math.max(this.length + room, this.buffer.byteLength * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    const got = await opened.read(this.buffer.subarray(this.length, this.length + room));
    this.buffer = new Uint8Array(got.buffer);
    const kept = dropNuls(got);
    this.length += kept;
    return { ended: got.byteLength === 0, nulBytes: got.byteLength - kept };
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Drops the first `count` bytes (parsed), moving the rest to the front. */
  consume(count: number): void {
    this.buffer.copyWithin(0, count, this.length);
    this.length -= count;
  }
}

/**
 * Which bytes of the file a scan reads: all of them; the part before a split, which must end
 * exactly at a row's end (`SplitMisaligned` otherwise); or the rest after it, whose first line is
 * a row of data (the header is in the part before).
 */
export type Part = 'whole' | 'head' | 'rest';

/**
 * The part before a split did not end at the end of a row (a quoted field runs across the split
 * point), or held no header: the file is read again in one piece.
 */
export class SplitMisaligned extends Error {}

/** The mapped roles, in the order of the columns a scan keeps. */
export const mappedRoles = (mapping: ColumnMapping): ColumnRole[] =>
  (Object.keys(mapping) as ColumnRole[]).filter((role) => mapping[role] !== undefined);

export interface Scanned {
  sink: RowSink;
  /** Stray NUL bytes (or UTF-16 NUL characters) removed from the text. */
  nulBytes: number;
}

/**
 * Streams `source` (the whole file or one part of it, `part`) into a RowSink of the mapped
 * columns. `share` is the part's share of the file's bytes: progress and the rows to expect are
 * for the whole file, so a part before a split sizes its code arrays for all the rows, and the
 * rows after the split are added in place.
 */
export async function scanSource(
  source: ByteSource,
  settings: ReadSettings,
  fileEncoding: Encoding,
  report: Reporter,
  signal: AbortSignal | undefined,
  part: Part = 'whole',
  share = 1,
): Promise<Scanned> {
  // UTF-16 is transcoded to UTF-8 as it streams (`openSource`), and read as that.
  const utf16 = isUtf16(fileEncoding) ? fileEncoding : undefined;
  const encoding: ScannedEncoding = isUtf16(fileEncoding) ? 'utf-8' : fileEncoding;
  const indices = mappedRoles(settings.mapping).map((role) => settings.mapping[role] as number);
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
    {
      headerRow: settings.headerRow ?? 0,
      customerField: settings.mapping.customer ?? -1,
      afterHeader: part === 'rest',
    },
  );

  const opened = await openSource(source, { utf16 });
  let nulBytes = 0;
  const buffer = new ParseBuffer();
  let first = part !== 'rest';
  try {
    for (;;) {
      throwIfAborted(signal);
      let ended = false;
      do {
        const read = await buffer.readFrom(opened);
        nulBytes += read.nulBytes;
        ended = read.ended;
      } while (!ended && buffer.length < PARSE_CHUNK_CHARS);
      const bytes = buffer.bytes();
      const from = first ? bomLength(bytes, encoding) : 0;
      first = false;

      // The part before a split must end at a row's end: its last bytes are never a row alone.
      const final = ended && part !== 'head';
      const consumed = parseSegments(parser, bytes, from, nl, delimiter, final, sink, textOf);
      const pending = final ? 0 : bytes.byteLength - consumed;
      if (ended && part === 'head' && (pending > 0 || !sink.pastHeader))
        throw new SplitMisaligned();
      if (pending > MAX_PENDING_CHARS)
        throw new AnalysisError(
          'read-failed',
          `The file has a quotation mark that is never closed (after line ${sink.line}), so the rest of it cannot be split into rows. Check the file in a text editor or export it again.`,
        );
      const fraction = source.progress
        ? source.progress()
        : source.size > 0
          ? opened.storedBytesRead() / source.size
          : 0;
      // Rows read by this part, and as many in the rest of the file at the same pace.
      report('read', fraction, Math.round(sink.rowCount / share));
      if (ended) break;
      buffer.consume(consumed);
      // Rows to expect in the whole file, 3% over: the code arrays grow to that at once.
      if (fraction > 0 && sink.rowCount > 0)
        sink.expectRows(Math.ceil((sink.rowCount / (Math.min(1, fraction) * share)) * 1.03));
    }
  } catch (error) {
    await opened.cancel();
    if (
      error instanceof AnalysisError ||
      error instanceof EncodingMismatch ||
      error instanceof SplitMisaligned
    )
      throw error;
    throw new AnalysisError(
      'read-failed',
      'The file could not be read to the end. If it is compressed, it may be damaged; try exporting it again.',
      String(error),
    );
  }
  return { sink, nulBytes };
}
