import Papa from 'papaparse';
import { AnalysisError } from '../errors.ts';
import type { ColumnMapping, Delimiter, Encoding } from '../types.ts';
import { guessMapping, type RoleReport } from './columns.ts';
import { type DateDetection, detectDateFormat } from './date-detection.ts';
import { detectEncoding as detectBytesEncoding, isUtf16, withoutNuls } from './encoding.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, isTotalsRow } from './layout.ts';
import { type PlatformMatch, recogniseColumns } from './platforms.ts';
import { type ByteSource, type Container, identifyBinary, readHead } from './source.ts';
import { openAsText, type WorkbookInfo } from './workbook.ts';

/** What we learn about a file from its first bytes, before reading it all. */
export interface FileSniff {
  name: string;
  /** Size of the file as dropped (the workbook, for a workbook). */
  size: number;
  container: Container | 'workbook';
  /** Set when the file is a workbook: its sheet that is read, converted to CSV. */
  workbook?: WorkbookInfo | undefined;
  encoding: Encoding;
  delimiter: Delimiter;
  newline: '\n' | '\r\n' | '\r';
  headers: string[];
  /**
   * Rows above the header row (a title block: shop name, report period), blank rows not
   * counted; the reader skips them. 0 for a file that starts with its header.
   */
  headerRow: number;
  /** The first data rows, as text: for the mapping screen, and to check candidate columns. */
  sampleRows: string[][];
  mapping: ColumnMapping;
  /** The shop system whose export this is, when its header set is recognised (platforms.ts). */
  platform: PlatformMatch | null;
  /** Per role: the column chosen and the columns considered and passed over, with the reason. */
  mappingReport: RoleReport[];
  /** The date format that reads the sample's dates, if a date column was recognised. */
  dateGuess: DateDetection | null;
}

export const SNIFF_BYTES = 256 * 1024;
/** Enough rows that a column empty on its first few (a guest checkout or two) is not judged empty. */
const SAMPLE_ROWS = 200;
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];

export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: boolean } {
  const { encoding, bomLength } = detectBytesEncoding(head);
  return { encoding, bom: bomLength > 0 };
}

/**
 * The head as text: stray NULs dropped as the reader drops them (`withoutNuls`; in UTF-16 they
 * are NUL characters), the byte order mark left out.
 */
function headText(bytes: Uint8Array, encoding: Encoding, bomLength: number): string {
  if (isUtf16(encoding))
    return new TextDecoder(encoding)
      .decode(bytes.subarray(bomLength), { stream: true })
      .replaceAll('\u0000', '');
  return new TextDecoder(encoding).decode(withoutNuls(bytes.subarray(bomLength)).bytes);
}

export function detectNewline(text: string): FileSniff['newline'] {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

/** Drops the last line of a head that was cut mid-file, so no row is judged on half its fields. */
function completeLines(text: string, complete: boolean, newline: string): string {
  if (complete) return text;
  const cut = text.lastIndexOf(newline);
  return cut > 0 ? text.slice(0, cut) : text;
}

const isBlankRow = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

export async function sniffFile(file: ByteSource): Promise<FileSniff> {
  if (file.size === 0) throw emptyFile();
  const { source, workbook } = await openAsText(file);
  const { bytes, container, complete } = await readHead(source, SNIFF_BYTES);
  if (bytes.byteLength === 0) throw emptyFile();
  const { encoding, bomLength } = detectBytesEncoding(bytes);
  const binary = identifyBinary(bytes, encoding);
  if (binary) throw binary;

  const text = headText(bytes, encoding, bomLength);
  if (text.trim() === '') throw emptyFile();
  const newline = detectNewline(text);
  const body = completeLines(text, complete, newline);

  const guess = Papa.parse<string[]>(body, {
    delimitersToGuess: DELIMITERS,
    newline,
    // Room for a title block above the header.
    preview: SAMPLE_ROWS + 1 + 2 * HEADER_SEARCH_ROWS,
  });
  const delimiter = (DELIMITERS as string[]).includes(guess.meta.delimiter)
    ? (guess.meta.delimiter as Delimiter)
    : ',';
  const rows = guess.data.filter((row) => !isBlankRow(row));
  const headerAt = findHeaderRow(rows);
  const headerRow = rows[headerAt];
  if (!headerRow || headerRow.length < 2)
    throw new AnalysisError(
      'no-header',
      'The first line of this file does not look like a header of column names separated by commas, semicolons, tabs or pipes. Export the sales with a header row and try again.',
    );
  // A name wrapped onto two lines in its cell ("Customer\nID") is one name.
  const headers = headerRow.map((h) => h.replace(/\s+/g, ' ').trim());
  // The customer column by name alone, to tell a Totals row (no customer) from a sale.
  const named = guessMapping(headers);
  const sampleRows = rows
    .slice(headerAt + 1)
    .filter((row) => !isTotalsRow(row, named.customer ?? -1))
    .slice(0, SAMPLE_ROWS)
    .map((r) => r.map((c) => c.trim()));
  if (sampleRows.length === 0)
    throw new AnalysisError(
      'no-rows',
      'This file has a header but no rows of sales. Check that you exported the right period.',
    );
  const { platform, mapping, report } = recogniseColumns(headers, { rows: sampleRows, delimiter });
  const dateColumn = mapping.date;
  const dateGuess =
    dateColumn === undefined
      ? null
      : detectDateFormat([...new Set(sampleRows.map((r) => r[dateColumn] ?? '').filter(Boolean))]);

  return {
    name: file.name,
    size: file.size,
    container: workbook ? 'workbook' : container,
    ...(workbook ? { workbook } : {}),
    encoding,
    delimiter,
    newline,
    headers,
    headerRow: headerAt,
    sampleRows,
    mapping,
    platform,
    mappingReport: report,
    dateGuess,
  };
}

function emptyFile() {
  return new AnalysisError(
    'empty-file',
    'This file is empty. Export your sales again and drop the new file.',
  );
}
