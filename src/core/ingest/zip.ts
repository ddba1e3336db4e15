/**
 * The entries of a zip archive held in memory, each inflated as a stream of chunks (fflate), so a
 * workbook's sheet of several hundred megabytes of XML is never held whole. The central directory
 * at the end of the archive says where each entry is, whatever order the entries were written
 * in (Excel writes the shared strings after the sheets).
 */
// The browser build everywhere: the synchronous Inflate needs no workers, and fflate's Node build
// imports `createRequire`, which the CLI bundle's banner declares too.
import { Inflate } from 'fflate/browser';

/** An archive this reader does not handle (zip64, encryption, another compression, damage). */
export class UnsupportedZip extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries, by lower-cased name (names in a package are case-insensitive). */
export function zipEntries(zip: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new UnsupportedZip('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new UnsupportedZip('zip64');
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL)
      throw new UnsupportedZip('damaged central directory');
    const flags = view.getUint16(at + 8, true);
    if (flags & 1) throw new UnsupportedZip('encrypted entry');
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: names.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff)
      throw new UnsupportedZip('zip64 entry');
    entries.set(entry.name.replace(/^\//, '').toLowerCase(), entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The entry's stored (compressed) bytes. */
function storedBytes(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = entry.localHeader;
  if (at + 30 > zip.byteLength || view.getUint32(at, true) !== LOCAL)
    throw new UnsupportedZip(`damaged entry ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > zip.byteLength)
    throw new UnsupportedZip(`entry ${entry.name} is cut`);
  return zip.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates an entry piece by piece: each `step()` inflates the next `slice` stored bytes and
 * hands what comes out to `onData`; it returns false once the entry is done. `fraction()` is the
 * share of the stored bytes inflated so far.
 */
export interface EntryInflater {
  step(): boolean;
  fraction(): number;
}

export function inflateEntry(
  zip: Uint8Array,
  entry: ZipEntry,
  onData: (chunk: Uint8Array, final: boolean) => void,
  slice = 256 * 1024,
): EntryInflater {
  if (entry.method !== 0 && entry.method !== 8)
    throw new UnsupportedZip(`compression method ${entry.method}`);
  const stored = storedBytes(zip, entry);
  let offset = 0;
  let done = false;
  const inflater =
    entry.method === 8
      ? new Inflate((chunk, final) => {
          onData(chunk, final);
          if (final) done = true;
        })
      : null;
  return {
    step() {
      if (done) return false;
      const end = Math.min(stored.byteLength, offset + slice);
      const final = end === stored.byteLength;
      try {
        if (inflater) inflater.push(stored.subarray(offset, end), final);
        else onData(stored.subarray(offset, end), final);
      } catch (error) {
        throw new UnsupportedZip(`entry ${entry.name}: ${String(error)}`);
      }
      offset = end;
      if (final) done = true;
      return !done;
    },
    fraction: () => (stored.byteLength === 0 ? 1 : offset / stored.byteLength),
  };
}

/** A whole (small) entry, inflated, or null when the archive has no such entry. */
export function readEntry(zip: Uint8Array, entries: Map<string, ZipEntry>, name: string) {
  const entry = entries.get(name.toLowerCase());
  if (!entry) return null;
  const parts: Uint8Array[] = [];
  const inflater = inflateEntry(zip, entry, (chunk) => parts.push(chunk), 1 << 30);
  while (inflater.step());
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** The platform's own inflater (zlib in Node, the browser's in a page), where there is one. */
function nativeInflate(): TransformStream<Uint8Array, Uint8Array> | null {
  try {
    return new DecompressionStream('deflate-raw') as unknown as TransformStream<
      Uint8Array,
      Uint8Array
    >;
  } catch {
    return null;
  }
}

/** fflate's inflater as a stream, where the platform has none ('deflate-raw' is recent). */
function fflateInflate(): TransformStream<Uint8Array, Uint8Array> {
  let inflater: Inflate;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      inflater = new Inflate((chunk) => controller.enqueue(chunk));
    },
    transform(chunk) {
      inflater.push(chunk, false);
    },
    flush() {
      inflater.push(new Uint8Array(0), true);
    },
  });
}

/**
 * An entry's inflated bytes as a stream, its stored bytes fed in slices as the stream is read, so
 * `fraction()` (the share of stored bytes fed so far) follows the reading. Inflated by the
 * platform where it can (about three times faster than fflate on a workbook's sheet), by fflate
 * elsewhere.
 */
export function entryStream(
  zip: Uint8Array,
  entry: ZipEntry,
  slice = 256 * 1024,
): { stream: ReadableStream<Uint8Array>; fraction: () => number } {
  if (entry.method !== 0 && entry.method !== 8)
    throw new UnsupportedZip(`compression method ${entry.method}`);
  const stored = storedBytes(zip, entry);
  let offset = 0;
  const storedStream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= stored.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(stored.byteLength, offset + slice);
        // A copy: a stream may transfer what it is given.
        controller.enqueue(stored.slice(offset, end));
        offset = end;
      },
    },
    { highWaterMark: 0 },
  );
  const stream =
    entry.method === 0
      ? storedStream
      : storedStream.pipeThrough(nativeInflate() ?? fflateInflate());
  return { stream, fraction: () => (stored.byteLength === 0 ? 1 : offset / stored.byteLength) };
}
