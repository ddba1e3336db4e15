/**
 * An .xlsx/.xlsm workbook read as a stream: the archive is held (it is compressed, a tenth of its
 * XML), the shared strings and the number formats are read once, and the first sheet with data
 * is inflated and scanned chunk by chunk into CSV (`SheetToCsv`) only while the reader pulls it.
 * No workbook object and no DOM is built: SheetJS took 47 s and several times the file's size in
 * memory for a 40 MB workbook. Anything unusual (zip64, namespace prefixes, a binary .xlsb) throws
 * `UnsupportedZip` and the caller falls back to SheetJS.
 */
import type { ByteSource } from './source.ts';
import type { ColumnBuilder } from './intern.ts';
import { type SheetLayout, SheetToColumns } from './xlsx-columns.ts';
import { SheetToCsv } from './xlsx-sheet.ts';
import { readSharedStrings } from './xlsx-strings.ts';
import { isBuiltInDateFormat, isDateFormatCode, tags } from './xml.ts';
import { entryStream, readEntry, UnsupportedZip, type ZipEntry, zipEntries } from './zip.ts';

export interface XlsxBook {
  zip: Uint8Array;
  entries: Map<string, ZipEntry>;
  /** Every sheet, in the workbook's order; `path` is null for a chart sheet. */
  sheets: { name: string; path: string | null }[];
  date1904: boolean;
  /** Per cell style index: 1 when its number format shows a date or a time. */
  dateStyles: Uint8Array;
  shared: string[];
}

const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

/** `target` of a relationship, from the folder of the part that has it, as a path in the zip. */
function resolve(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The relationships of a part: id -> { type, path }. */
function relationships(book: Pick<XlsxBook, 'zip' | 'entries'>, part: string) {
  const folder = part.slice(0, part.lastIndexOf('/') + 1);
  const name = part.slice(folder.length);
  const xml = text(readEntry(book.zip, book.entries, `${folder}_rels/${name}.rels`)) ?? '';
  const found = new Map<string, { type: string; path: string }>();
  for (const rel of tags(xml, 'Relationship'))
    if (rel.Id && rel.Target && rel.TargetMode !== 'External')
      found.set(rel.Id, { type: rel.Type ?? '', path: resolve(folder, rel.Target) });
  return found;
}

/** Per cell style (`cellXfs`, ECMA-376 §18.8.10): does its number format show a date? */
function dateStylesOf(xml: string): Uint8Array {
  const custom = new Map<number, string>();
  for (const format of tags(xml, 'numFmt'))
    custom.set(Number(format.numFmtId), format.formatCode ?? '');
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const styles = tags(cellXfs, 'xf');
  const dates = new Uint8Array(styles.length);
  styles.forEach((xf, index) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    dates[index] = (code === undefined ? isBuiltInDateFormat(id) : isDateFormatCode(code)) ? 1 : 0;
  });
  return dates;
}

/** The shared strings, inflated and read in slices so a large table is never one string. */
async function sharedStrings(zip: Uint8Array, entry: ZipEntry | undefined): Promise<string[]> {
  const shared: string[] = [];
  if (!entry) return shared;
  const decoder = new TextDecoder();
  const reader = entryStream(zip, entry).stream.getReader();
  let pending = '';
  const end = (at: number) => (at < 0 ? 0 : at + 5);
  for (;;) {
    const next = await reader.read();
    pending += next.done ? decoder.decode() : decoder.decode(next.value, { stream: true });
    // Complete items only: up to the last item's end.
    const cut = next.done
      ? pending.length
      : Math.max(end(pending.lastIndexOf('</si>')), end(pending.lastIndexOf('<si/>')));
    if (cut > 0) {
      readSharedStrings(pending.slice(0, cut), shared);
      pending = pending.slice(cut);
    }
    if (next.done) return shared;
  }
}

/**
 * The parts of an .xlsx/.xlsm archive, or null when it is not one (an .ods, an .xlsb, another
 * zip): those are for SheetJS.
 */
export async function openXlsx(zip: Uint8Array): Promise<XlsxBook | null> {
  const entries = zipEntries(zip);
  const base = { zip, entries };
  // The package's own relationships (`_rels/.rels`) are those of the part named '' at the root.
  const office = [...relationships(base, '').values()].find((rel) =>
    rel.type.endsWith('/officeDocument'),
  );
  const workbookPath = office?.path ?? 'xl/workbook.xml';
  if (!workbookPath.toLowerCase().endsWith('.xml')) return null;
  const workbook = text(readEntry(zip, entries, workbookPath));
  if (workbook === null || !/<(\w+:)?sheets\b/.test(workbook)) return null;
  if (!/<sheets\b/.test(workbook)) throw new UnsupportedZip('namespace-prefixed workbook');
  const rels = relationships(base, workbookPath);
  const relOf = (kind: string) => [...rels.values()].find((rel) => rel.type.endsWith(`/${kind}`));
  const pr = tags(workbook, 'workbookPr')[0] ?? {};
  const stylesPath = relOf('styles')?.path;
  const sharedPath = relOf('sharedStrings')?.path;
  return {
    ...base,
    sheets: tags(workbook, 'sheet').map((sheet) => {
      const id = sheet['r:id'] ?? Object.entries(sheet).find(([k]) => k.endsWith(':id'))?.[1];
      const rel = id === undefined ? undefined : rels.get(id);
      return {
        name: sheet.name ?? '',
        path: rel && rel.type.endsWith('/worksheet') ? rel.path : null,
      };
    }),
    date1904: pr.date1904 === '1' || pr.date1904 === 'true',
    dateStyles: dateStylesOf(text(stylesPath ? readEntry(zip, entries, stylesPath) : null) ?? ''),
    shared: await sharedStrings(
      zip,
      sharedPath ? entries.get(sharedPath.toLowerCase()) : undefined,
    ),
  };
}

/**
 * The entry's XML as it is inflated, and the share of it inflated so far. The share is counted on
 * the inflated bytes against the entry's size in the central directory: Node's inflater takes all
 * of its input at once, so the share of the stored bytes handed to it was 1 from the first chunk.
 */
function inflated(book: XlsxBook, entry: ZipEntry) {
  let bytes = 0;
  const counted = entryStream(book.zip, entry).stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  return {
    stream: counted,
    fraction: () => (entry.size > 0 ? Math.min(1, bytes / entry.size) : 1),
  };
}

/** A sheet converted to CSV chunk by chunk, as pulled; `fraction` of it inflated so far. */
function sheetStream(book: XlsxBook, entry: ZipEntry, onFraction: (f: () => number) => void) {
  const sheet = new SheetToCsv(book.shared, book.dateStyles, book.date1904);
  const { stream, fraction } = inflated(book, entry);
  onFraction(fraction);
  // The inflater hands out small chunks (16 to 64 KiB); the scanner works on 1 MiB or more at a
  // time, so that the per-feed costs (joining the rest of a row, a fresh output buffer) vanish.
  const parts: Uint8Array[] = [];
  let partsLength = 0;
  const feed = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    sheet.feed(parts, final);
    parts.length = 0;
    partsLength = 0;
    const csv = sheet.take();
    if (csv) controller.enqueue(csv);
  };
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(xml, controller) {
        parts.push(xml);
        partsLength += xml.byteLength;
        if (partsLength >= 1 << 20) feed(controller, false);
      },
      flush: (controller) => feed(controller, true),
    }),
  );
}

/** Does the sheet have a row with a value? Inflates and scans it only until the first one. */
async function hasData(book: XlsxBook, entry: ZipEntry): Promise<boolean> {
  const sheet = new SheetToCsv(book.shared, book.dateStyles, book.date1904);
  const reader = entryStream(book.zip, entry).stream.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      sheet.feed(next.done ? [] : [next.value], next.done);
      if (sheet.sawData || next.done) return sheet.sawData;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The index of the first sheet with a row that has a value, or -1. */
export async function firstSheetWithData(book: XlsxBook): Promise<number> {
  for (let index = 0; index < book.sheets.length; index++) {
    const path = book.sheets[index]?.path;
    const entry = path ? book.entries.get(path.toLowerCase()) : undefined;
    if (entry && (await hasData(book, entry))) return index;
  }
  return -1;
}

/** A sheet as a CSV source, which the reader can also read straight into columns. */
export interface SheetSource extends ByteSource {
  readonly sheet: { book: XlsxBook; entry: ZipEntry };
}

export const isSheetSource = (source: ByteSource): source is SheetSource =>
  'sheet' in source && typeof source.sheet === 'object' && source.sheet !== null;

/** A sheet of the workbook as a re-readable CSV source, with progress through the sheet. */
export function sheetSource(book: XlsxBook, index: number, name: string): SheetSource {
  const path = book.sheets[index]?.path;
  const entry = path ? book.entries.get(path.toLowerCase()) : undefined;
  if (!entry) throw new UnsupportedZip(`no sheet ${index}`);
  let fraction = () => 0;
  return {
    name,
    size: entry.size,
    stream: () => sheetStream(book, entry, (f) => (fraction = f)),
    progress: () => fraction(),
    sheet: { book, entry },
  };
}

/**
 * The sheet read straight into interned columns (`SheetToColumns`), fed 1 MiB or more at a time;
 * `onChunk` runs after each feed with the share of the sheet inflated (it may throw to stop).
 */
export async function readSheetColumns(
  { sheet: { book, entry } }: SheetSource,
  layout: SheetLayout,
  newBuilder: () => ColumnBuilder,
  onChunk: (sheet: SheetToColumns, fraction: number) => void,
): Promise<SheetToColumns> {
  const sheet = new SheetToColumns(book.shared, book.dateStyles, book.date1904, layout, newBuilder);
  const reader = entryStream(book.zip, entry).stream.getReader();
  let read = 0;
  // Each chunk is scanned as it comes: held until a megabyte had gathered, the inflater's chunks
  // lived long enough to reach the old generation, and collecting them there was a tenth of the
  // read. Progress is still reported once a megabyte.
  let unreported = 0;
  try {
    for (;;) {
      const next = await reader.read();
      sheet.feed(next.done ? [] : [next.value], next.done);
      const length = next.done ? 0 : next.value.byteLength;
      read += length;
      unreported += length;
      if (unreported < 1 << 20 && !next.done) continue;
      unreported = 0;
      // The share inflated, as in `inflated`.
      onChunk(sheet, next.done || entry.size === 0 ? 1 : Math.min(1, read / entry.size));
      if (next.done) return sheet;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
