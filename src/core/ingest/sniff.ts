import Papa from 'papaparse';
import { AnalysisError } from '../errors.ts';
import type { ColumnMapping, Delimiter, Encoding } from '../types.ts';
import type { RoleReport } from './columns.ts';
import { type PlatformMatch, recogniseColumns } from './platforms.ts';
import { type DateDetection, detectDateFormat } from './dates.ts';
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

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (UTF8_BOM.every((b, i) => head[i] === b)) return { encoding: 'utf-8', bom: true };
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    // Not valid UTF-8: shop exports that are not UTF-8 are Windows-1252 (a superset of Latin-1).
    return { encoding: 'windows-1252', bom: false };
  }
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
  const binary = identifyBinary(bytes);
  if (binary) throw binary;

  const { encoding, bom } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bom ? bytes.subarray(3) : bytes);
  if (text.trim() === '') throw emptyFile();
  const newline = detectNewline(text);
  const body = completeLines(text, complete, newline);

  const guess = Papa.parse<string[]>(body, {
    delimitersToGuess: DELIMITERS,
    newline,
    preview: SAMPLE_ROWS + 1,
  });
  const delimiter = (DELIMITERS as string[]).includes(guess.meta.delimiter)
    ? (guess.meta.delimiter as Delimiter)
    : ',';
  const rows = guess.data.filter((row) => !isBlankRow(row));
  const headerRow = rows[0];
  if (!headerRow || headerRow.length < 2)
    throw new AnalysisError(
      'no-header',
      'The first line of this file does not look like a header of column names separated by commas, semicolons, tabs or pipes. Export the sales with a header row and try again.',
    );
  const headers = headerRow.map((h) => h.trim());
  const sampleRows = rows.slice(1, SAMPLE_ROWS + 1).map((r) => r.map((c) => c.trim()));
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
