/**
 * Excel workbooks (.xlsx, .xlsm, .xlsb, old .xls, and .ods) turned into CSV text, so everything
 * after this (sniffing, streaming, cleaning) is the same as for a CSV file.
 *
 * .xlsx and .xlsm are streamed (xlsx.ts): the first sheet with data is converted as the reader
 * pulls it, with progress, and never held whole. The other formats, password detection and
 * anything the streaming reader does not handle go to SheetJS (about 1 MB), loaded with a dynamic
 * import only then, so neither the page's nor the worker's main bundle carries it; it reads the
 * whole workbook, which is fine for the sizes those formats come in.
 *
 * Cells are written as follows:
 * - numbers raw, at full precision, whatever their display format (`£1,234.50` is 1234.5);
 * - dates (numbers with a date format) as ISO `2010-12-01 08:26:00`, computed from the serial
 *   number in UTC, so no time zone can move them, and readable on the mapping screen (a bare serial
 *   such as 40513.35 would read as a date too, as 'excel-serial', but means nothing to a person);
 * - text verbatim (`00123` keeps its zeros), line breaks inside a cell as `\n`;
 * - booleans as TRUE/FALSE; error cells (#N/A) as empty.
 */
import type * as SheetJs from '@e965/xlsx';
import { AnalysisError } from '../errors.ts';
import { serialToIso } from './serial.ts';
import { firstSheetWithData, openXlsx, sheetSource } from './xlsx.ts';
import { type ByteSource, concatBytes } from './source.ts';

export { serialToIso };

export interface WorkbookInfo {
  /** The sheet that was read: the first one with data. */
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
}

export interface TextSource {
  /** The CSV bytes to read: the source itself unless it is a workbook. */
  source: ByteSource;
  workbook: WorkbookInfo | null;
}

type Kind = 'zip' | 'cfb' | 'markup';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEAD_BYTES = 64 * 1024;
const WORKBOOK_NAME = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, text: string, utf16 = false): boolean {
  const needle = utf16
    ? Uint8Array.from([...text].flatMap((ch) => [ch.charCodeAt(0), 0]))
    : new TextEncoder().encode(text);
  const first = needle[0];
  outer: for (
    let i = bytes.indexOf(first as number);
    i >= 0;
    i = bytes.indexOf(first as number, i + 1)
  ) {
    if (i + needle.length > bytes.length) return false;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * What kind of workbook the head of a file shows, if any. A zip is a workbook when it is named like
 * one or its first entries are a workbook's (`xl/`, `[Content_Types].xml`, an OpenDocument
 * mimetype); an OLE compound file (old .xls, or any password-protected Office file) always might
 * be; a text file only when it is named .xls (shop systems export HTML or XML tables as ".xls").
 */
export function workbookKind(head: Uint8Array, name: string): Kind | null {
  if (startsWith(head, ZIP)) {
    const named = WORKBOOK_NAME.test(name);
    if (
      named ||
      contains(head, 'xl/') ||
      contains(head, '[Content_Types].xml') ||
      contains(head, 'application/vnd.oasis.opendocument.spreadsheet')
    )
      return 'zip';
    throw new AnalysisError(
      'zip-archive',
      'This file is a zip archive, not a CSV file or an Excel workbook. Unzip it first, then drop the CSV file that was inside.',
    );
  }
  if (startsWith(head, CFB)) return 'cfb';
  if (/\.xls$/i.test(name)) {
    const text = new TextDecoder('utf-8').decode(head.subarray(0, 1024)).replace(/^\uFEFF?\s*/, '');
    if (text.startsWith('<')) return 'markup';
  }
  return null;
}

async function readAll(source: ByteSource): Promise<Uint8Array> {
  const reader = source.stream().getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    parts.push(next.value);
  }
  return concatBytes(parts);
}

async function readHeadBytes(source: ByteSource, max: number): Promise<Uint8Array> {
  const reader = source.stream().getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < max) {
      const next = await reader.read();
      if (next.done) break;
      parts.push(next.value);
      total += next.value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return concatBytes(parts, max);
}

/** A re-readable source over bytes already in memory. */
export function bytesSource(name: string, chunks: readonly Uint8Array[]): ByteSource {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  return {
    name,
    size,
    stream: () => {
      let i = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks[i++];
          if (chunk === undefined) controller.close();
          // A copy: the reader may transfer or keep what it is given.
          else controller.enqueue(chunk.slice());
        },
      });
    },
  };
}

// ---- Cells to CSV -------------------------------------------------------------------------------

/** The parts of SheetJS this module uses (typed here so the module's types load lazily too). */
interface Cell {
  t: 'b' | 'e' | 'n' | 'd' | 's' | 'z';
  v?: unknown;
  z?: string | number;
}
interface Sheet {
  '!ref'?: string;
  '!data'?: (Cell | undefined)[][];
}

function cellText(cell: Cell | undefined, xlsx: typeof SheetJs, date1904: boolean): string {
  if (!cell) return '';
  const { v } = cell;
  switch (cell.t) {
    case 'n': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      const format = cell.z;
      if (format !== undefined && format !== 'General' && xlsx.SSF.is_date(format))
        return serialToIso(v, date1904);
      return String(v);
    }
    case 's':
      return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
    case 'b':
      return v ? 'TRUE' : 'FALSE';
    case 'd':
      return v instanceof Date ? v.toISOString().slice(0, 19).replace('T', ' ') : '';
    default:
      return '';
  }
}

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function hasData(sheet: Sheet | undefined): boolean {
  return (sheet?.['!data'] ?? []).some((row) =>
    row?.some((cell) => cell !== undefined && cell.t !== 'z' && cell.t !== 'e' && cell.v !== ''),
  );
}

/** The sheet as CSV bytes (comma, `\n`), in chunks of about 1 MiB; blank rows left out. */
function sheetToCsv(sheet: Sheet, xlsx: typeof SheetJs, date1904: boolean): Uint8Array[] {
  const rows = sheet['!data'] ?? [];
  const range = xlsx.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let lines: string[] = [];
  let length = 0;
  let header = true;
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row = rows[r];
    if (!row) continue;
    const cells: string[] = [];
    let blank = true;
    for (let c = range.s.c; c <= range.e.c; c++) {
      let text = cellText(row[c], xlsx, date1904);
      // A header wrapped onto two lines in its cell ("Customer\nID") is one name.
      if (header) text = text.replace(/\s+/g, ' ').trim();
      if (text.trim() !== '') blank = false;
      cells.push(csvCell(text));
    }
    if (blank) continue;
    header = false;
    const line = cells.join(',');
    lines.push(line);
    length += line.length + 1;
    if (length >= 1 << 20) {
      chunks.push(encoder.encode(lines.join('\n') + '\n'));
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) chunks.push(encoder.encode(lines.join('\n') + '\n'));
  return chunks;
}

// ---- Reading ------------------------------------------------------------------------------------

const noData = () =>
  new AnalysisError(
    'empty-file',
    'This workbook has no data in any of its sheets. Check that you saved the sales in it, or export them as CSV.',
  );

/**
 * An .xlsx/.xlsm read as a stream (xlsx.ts), or null for what SheetJS reads: other formats and
 * anything the streaming reader does not handle.
 */
async function streamedWorkbook(bytes: Uint8Array, name: string): Promise<TextSource | null> {
  try {
    const book = await openXlsx(bytes);
    if (!book) return null;
    const index = await firstSheetWithData(book);
    if (index < 0) throw noData();
    const sheets = book.sheets.map((sheet) => sheet.name);
    return {
      source: sheetSource(book, index, name),
      workbook: { sheet: sheets[index] as string, sheets },
    };
  } catch (error) {
    // Anything the streaming reader cannot read (UnsupportedZip, a damaged deflate stream) goes
    // to SheetJS, which reads more formats and says what is wrong.
    if (error instanceof AnalysisError) throw error;
    return null;
  }
}

const passwordError = () =>
  new AnalysisError(
    'workbook-password',
    'This workbook is protected with a password, so it cannot be read. Open it in your spreadsheet program, save a copy without the password (or as CSV), then drop that file here.',
  );

const unreadable = (detail: string) =>
  new AnalysisError(
    'workbook-unreadable',
    'This workbook could not be read: it may be damaged, or it is not a spreadsheet. Open it in your spreadsheet program and save it as CSV, then drop the CSV file here.',
    detail,
  );

/** Reads the first sheet with data of a workbook (all of its bytes) into CSV bytes, by SheetJS. */
export async function convertWorkbook(
  bytes: Uint8Array,
  kind: Kind,
): Promise<{ chunks: Uint8Array[]; workbook: WorkbookInfo }> {
  // An encrypted OOXML workbook is an OLE file holding an "EncryptedPackage" stream.
  if (kind === 'cfb' && contains(bytes, 'EncryptedPackage', true)) throw passwordError();
  const xlsx = await import('@e965/xlsx');
  let book: SheetJs.WorkBook;
  try {
    book = xlsx.read(bytes, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellDates: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) throw passwordError();
    throw unreadable(message);
  }
  const sheets = book.SheetNames;
  const sheet = sheets.find((name) => hasData(book.Sheets[name] as Sheet | undefined));
  if (sheet === undefined) throw noData();
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const chunks = sheetToCsv(book.Sheets[sheet] as Sheet, xlsx, date1904);
  return { chunks, workbook: { sheet, sheets } };
}

/**
 * The last workbook converted. The page sends the same File for sniffing and again for reading
 * (a new object each time it crosses to the worker), so it is matched by name, size and date too.
 * One entry only: a workbook's CSV is dropped as soon as another file is opened.
 */
let cached: { source: ByteSource; key: string; result: Promise<TextSource> } | null = null;

const keyOf = (source: ByteSource) => {
  const modified = (source as { lastModified?: unknown }).lastModified;
  return typeof modified === 'number' ? `${source.name}\u0000${source.size}\u0000${modified}` : '';
};

/**
 * The source as CSV bytes: the source itself unless its head shows a workbook, which is then
 * converted (once per file; see `cached`). Throws a clear error for a zip that is not a workbook,
 * a workbook with a password and one that cannot be read.
 */
export function openAsText(source: ByteSource): Promise<TextSource> {
  const key = keyOf(source);
  if (cached && (cached.source === source || (key !== '' && cached.key === key)))
    return cached.result.then((known) => (known.workbook ? known : { source, workbook: null }));
  const result = (async (): Promise<TextSource> => {
    const kind = workbookKind(await readHeadBytes(source, HEAD_BYTES), source.name);
    if (kind === null) return { source, workbook: null };
    const bytes = await readAll(source);
    const streamed = kind === 'zip' ? await streamedWorkbook(bytes, source.name) : null;
    if (streamed) return streamed;
    const { chunks, workbook } = await convertWorkbook(bytes, kind);
    return { source: bytesSource(source.name, chunks), workbook };
  })();
  cached = { source, key, result };
  // A failure is not kept: the next attempt reads the file again.
  result.catch(() => {
    if (cached?.result === result) cached = null;
  });
  return result;
}
