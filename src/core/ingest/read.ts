import { AnalysisError, throwIfAborted } from '../errors.ts';
import type { Reporter } from '../progress.ts';
import type { ColumnRole, Encoding } from '../types.ts';
import { EncodingMismatch, type ScannedEncoding, textDecoder, textEncoder } from './bytes.ts';
import { isUtf16 } from './encoding.ts';
import { ColumnBuilder, type InternedColumn } from './intern.ts';
import {
  mappedRoles,
  type ReadSettings,
  type Scanned,
  scanSource,
  SplitMisaligned,
} from './scan.ts';
import type { ByteSource } from './source.ts';
import {
  isSliceable,
  type RestOutcome,
  type RestReader,
  type SliceableSource,
  splitPoint,
} from './split.ts';
import { isSheetSource, readSheetColumns, type SheetSource } from './xlsx.ts';

export { PARSE_CHUNK_CHARS, type ReadSettings } from './scan.ts';
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
  /** The other thread, to read the second half of a large file (split.ts). */
  reader?: RestReader,
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
    return await readWith(source, settings, settings.encoding, report, signal, reader);
  } catch (error) {
    if (!(error instanceof EncodingMismatch) || settings.encoding !== 'utf-8') throw error;
    const table = await readWith(source, settings, 'windows-1252', report, signal, reader);
    return { ...table, encodingFallback: true };
  }
}

/** The columns a reader kept, in the order of `roles`, by role. */
function byRole(roles: readonly ColumnRole[], finished: readonly InternedColumn[]) {
  const columns: RawTable['columns'] = {};
  roles.forEach((role, i) => {
    columns[role] = finished[i] as InternedColumn;
  });
  return columns;
}

async function readWith(
  source: ByteSource,
  settings: ReadSettings,
  fileEncoding: Encoding,
  report: Reporter,
  signal: AbortSignal | undefined,
  reader: RestReader | undefined,
): Promise<RawTable> {
  let scanned: Scanned | undefined;
  if (reader && isSliceable(source) && !isUtf16(fileEncoding)) {
    const split = await splitPoint(source, settings, reader.minBytes);
    try {
      if (split !== null)
        scanned = await readInTwo(source, split, settings, fileEncoding, report, signal, reader);
    } catch (error) {
      // Read again in one piece below.
      if (!(error instanceof SplitMisaligned)) throw error;
    }
  }
  const { sink, nulBytes } =
    scanned ?? (await scanSource(source, settings, fileEncoding, report, signal));
  report('read', 1, sink.rowCount, true);

  return {
    rowCount: sink.rowCount,
    columns: byRole(mappedRoles(settings.mapping), sink.finish()),
    malformedRows: sink.malformedRows,
    malformedExamples: sink.malformedExamples,
    encoding: fileEncoding,
    encodingFallback: false,
    totalsRows: sink.totalsRows,
    nulBytes,
  };
}

/**
 * Reads `source` up to `split` here and the rest on the other thread (split.ts), and joins the
 * two. Throws `SplitMisaligned` when the split point turns out to be inside a row.
 */
async function readInTwo(
  source: SliceableSource,
  split: number,
  settings: ReadSettings,
  fileEncoding: ScannedEncoding,
  report: Reporter,
  signal: AbortSignal | undefined,
  reader: RestReader,
): Promise<Scanned> {
  const rest = source.slice(split, source.size);
  // A thread that fails (or crashes) only means reading in one piece.
  const restRead = reader
    .readRest(rest.handle, { settings, encoding: fileEncoding })
    .catch((error: unknown): RestOutcome => ({ failed: 'other', message: String(error) }));
  const head = await scanSource(
    source.slice(0, split),
    settings,
    fileEncoding,
    report,
    signal,
    'head',
    split / source.size,
  );
  const outcome = await restRead;
  throwIfAborted(signal);
  if ('failed' in outcome) {
    if (outcome.failed === 'encoding') throw new EncodingMismatch();
    throw new SplitMisaligned(outcome.message);
  }
  head.sink.append(outcome.part);
  return { sink: head.sink, nulBytes: head.nulBytes + outcome.nulBytes };
}

/** `readTable` for a workbook's sheet: the same table as from its CSV text (`SheetToColumns`). */
async function readSheet(
  source: SheetSource,
  settings: ReadSettings,
  report: Reporter,
  signal: AbortSignal | undefined,
): Promise<RawTable> {
  const roles = mappedRoles(settings.mapping);
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
  return {
    rowCount: sheet.rowCount,
    columns: byRole(roles, sheet.finish()),
    malformedRows: sheet.malformedRows,
    malformedExamples: sheet.malformedExamples,
    encoding: 'utf-8',
    encodingFallback: false,
    totalsRows: sheet.totalsRows,
    nulBytes: sheet.nulBytes,
  };
}
