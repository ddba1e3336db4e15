import { AnalysisError } from '../errors.ts';
import type { Encoding } from '../types.ts';
import { detectEncoding, isUtf16, looksBinary, type Utf16, utf16AsUtf8 } from './encoding.ts';

/**
 * Anything we can read bytes from more than once: a browser `File`/`Blob` fits as it is; the CLI
 * wraps a file path. Reading twice lets the sniffer look at the head cheaply and the reader
 * restart with another encoding if a file turns out not to be UTF-8 after all.
 */
export interface ByteSource {
  readonly name: string;
  /** Size in bytes as stored (compressed, for .gz), for progress. */
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
  /**
   * The share (0..1) of the work of the latest stream done, where bytes streamed are not a measure
   * of it: a workbook's sheet converted as it is read. Without it, stored bytes read / `size`.
   */
  progress?(): number;
}

export type Container = 'plain' | 'gzip';

/**
 * The bytes of a source after decompression, read into the caller's memory, plus how many stored
 * bytes have been read so far.
 */
export interface OpenedSource {
  container: Container;
  /**
   * Reads the next bytes into `into`, at most its length, and returns the view of those read: none
   * only at the end. The read may detach `into.buffer`; the returned view's buffer is the same
   * memory, all of it, and the caller goes on with that (`new Uint8Array(view.buffer)`).
   */
  read(into: Uint8Array): Promise<Uint8Array>;
  /** Stored (possibly compressed) bytes consumed so far. */
  storedBytesRead(): number;
  cancel(): Promise<void>;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** What a file is, by its first bytes, for the formats people drop by mistake. */
const SIGNATURES: [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz archive'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program'],
  [[0x4d, 0x5a], 'a Windows program'],
];

/**
 * Says what a file that is not text is, instead of parsing noise: a known binary signature, or
 * (for a head that is not UTF-16) many control bytes. A few stray NUL bytes are not enough: the
 * reader drops them (`withoutNuls`).
 */
export function identifyBinary(
  head: Uint8Array,
  encoding: Encoding = detectEncoding(head).encoding,
): AnalysisError | null {
  // Workbooks are converted before this is reached (workbook.ts); these are what is left, such as a
  // zip inside a .gz.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]))
    return new AnalysisError(
      'zip-archive',
      'This file is a zip archive, not a CSV file. Unzip it first, then drop the CSV file that was inside.',
    );
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return new AnalysisError(
      'workbook-unreadable',
      'This looks like an Office document we cannot read. If it is a workbook, save it as CSV in your spreadsheet program, then drop the CSV here.',
    );
  // A magic number alone could start a text line ("BZh", "MZ"): only with binary content too.
  const binary = isUtf16(encoding) ? false : looksBinary(head);
  for (const [magic, what] of SIGNATURES) {
    if (startsWith(head, magic) && (magic.length >= 4 || binary))
      return new AnalysisError(
        'binary-file',
        `This looks like ${what}, not a sales export. Export your sales as CSV (or an Excel workbook) and drop that file here.`,
      );
  }
  if (binary)
    return new AnalysisError(
      'binary-file',
      'This file is not text: it holds binary data, not a sales export. Export your sales as CSV (or an Excel workbook) and drop that file here.',
    );
  return null;
}

/**
 * A stream's bytes, read into the caller's memory (`OpenedSource.read`). A byte stream (a
 * browser's `Blob.stream()`, the CLI's files) writes them there itself, through a BYOB reader.
 * Read this way, the UCI file's 47 MB took 30 to 40 ms from a Blob in a fresh Chromium worker,
 * against 160 to 470 ms chunk by chunk, each chunk new memory (on the 2-core VMs we measure on,
 * memory costs about 4 ms per MiB the first time it is touched). Any other stream's chunks are
 * copied, what is left of one kept for the next read.
 */
class IntoReader {
  private readonly byob: ReadableStreamBYOBReader | null;
  private readonly chunks: ReadableStreamDefaultReader<Uint8Array> | null;
  /** What is left of the last chunk, or bytes put back (`unread`). */
  private left: Uint8Array = new Uint8Array(0);

  constructor(stream: ReadableStream<Uint8Array>) {
    let byob: ReadableStreamBYOBReader | null = null;
    try {
      byob = stream.getReader({ mode: 'byob' });
    } catch {
      // Not a byte stream: read chunk by chunk.
    }
    this.byob = byob;
    this.chunks = byob ? null : stream.getReader();
  }

  /** Puts bytes back, to be read before the stream's next ones. */
  unread(bytes: Uint8Array): void {
    this.left = bytes;
  }

  async read(into: Uint8Array): Promise<Uint8Array> {
    if (into.byteLength === 0) throw new RangeError('read into an empty view');
    if (this.left.byteLength === 0) {
      if (this.byob) {
        const next = await this.byob.read(into);
        // At the end, the view given back holds the memory with nothing read into it.
        return next.value ?? into.subarray(0, 0);
      }
      const next = await (this.chunks as ReadableStreamDefaultReader<Uint8Array>).read();
      if (next.done) return into.subarray(0, 0);
      this.left = next.value;
    }
    const n = Math.min(into.byteLength, this.left.byteLength);
    into.set(this.left.subarray(0, n));
    this.left = this.left.subarray(n);
    return into.subarray(0, n);
  }

  cancel(reason?: unknown): Promise<void> {
    return (this.byob ?? (this.chunks as ReadableStreamDefaultReader<Uint8Array>)).cancel(reason);
  }
}

/** Bytes read to look for the gzip signature (as many as the stream's first read gives). */
const PEEK_BYTES = 4096;

/**
 * Opens a source, peeking at its first bytes to undo gzip compression transparently. Its bytes
 * are read decompressed from the very first one; with `utf16`, as UTF-8.
 */
export async function openSource(
  source: ByteSource,
  options: { utf16?: Utf16 | undefined } = {},
): Promise<OpenedSource> {
  const raw = new IntoReader(source.stream());
  let stored = 0;
  const readStored = async (into: Uint8Array) => {
    const got = await raw.read(into);
    stored += got.byteLength;
    return got;
  };
  // The gzip signature is two bytes, and a stream may deliver fewer in its first read.
  let peek: Uint8Array = new Uint8Array(PEEK_BYTES);
  let head = 0;
  try {
    while (head < 2) {
      const got = await raw.read(peek.subarray(head));
      peek = new Uint8Array(got.buffer);
      if (got.byteLength === 0) break;
      head += got.byteLength;
    }
  } catch (error) {
    await raw.cancel().catch(() => undefined);
    throw error;
  }
  // Read again, and counted, as the first bytes.
  raw.unread(peek.subarray(0, head));
  const gzip = head >= 2 && peek[0] === 0x1f && peek[1] === 0x8b;
  const cancel = () => raw.cancel().catch(() => undefined);
  if (!gzip && !options.utf16)
    return { container: 'plain', read: readStored, storedBytesRead: () => stored, cancel };

  // Decompression and transcoding take a stream of chunks.
  const chunks = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const got = await readStored(new Uint8Array(1 << 20));
      if (got.byteLength === 0) controller.close();
      else controller.enqueue(got);
    },
    cancel: (reason) => raw.cancel(reason),
  });
  const bytes = gzip
    ? chunks.pipeThrough(
        new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
    : chunks;
  const decoded = new IntoReader(options.utf16 ? utf16AsUtf8(bytes, options.utf16) : bytes);
  return {
    container: gzip ? 'gzip' : 'plain',
    read: (into) => decoded.read(into),
    storedBytesRead: () => stored,
    cancel: () => decoded.cancel().catch(() => undefined),
  };
}

/** Reads up to `maxBytes` decompressed bytes from the start of a source. */
export async function readHead(
  source: ByteSource,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; container: Container; complete: boolean }> {
  const opened = await openSource(source);
  let buffer: Uint8Array = new Uint8Array(maxBytes);
  let total = 0;
  let complete = false;
  try {
    while (total < maxBytes) {
      const got = await opened.read(buffer.subarray(total));
      buffer = new Uint8Array(got.buffer);
      if (got.byteLength === 0) {
        complete = true;
        break;
      }
      total += got.byteLength;
    }
  } catch (error) {
    throw new AnalysisError(
      'read-failed',
      'The file could not be read. If it is compressed, it may be damaged; try exporting it again.',
      String(error),
    );
  } finally {
    if (!complete) await opened.cancel();
  }
  return { bytes: buffer.subarray(0, total), container: opened.container, complete };
}

/** The chunks joined into one array, cut at `maxBytes`. */
export function concatBytes(parts: readonly Uint8Array[], maxBytes = Infinity): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const bytes = new Uint8Array(Math.min(total, maxBytes));
  let offset = 0;
  for (const part of parts) {
    const take = Math.min(part.byteLength, bytes.byteLength - offset);
    bytes.set(part.subarray(0, take), offset);
    offset += take;
    if (offset >= bytes.byteLength) break;
  }
  return bytes;
}

/**
 * A Blob (a dropped File) as a byte source: its own stream, or slices of `chunkBytes` if given.
 * The stream is the faster in Chromium: the browser fills it while the reader parses, whereas
 * each slice is only fetched once the reader asks for it (about 10% of a 45 MB read was spent
 * waiting for 4 MiB slices). Its chunks vary in size (64 KiB to 2 MiB), which does not matter
 * since the reader parses at least 1 MiB at a time.
 */
export function blobSource(
  blob: Blob & { name?: string; lastModified?: number },
  chunkBytes?: number,
): ByteSource & { lastModified?: number } {
  return {
    name: blob.name ?? 'file',
    size: blob.size,
    // Identifies the same file across calls (the workbook conversion is cached by it).
    ...(blob.lastModified === undefined ? {} : { lastModified: blob.lastModified }),
    stream() {
      if (chunkBytes === undefined) return blob.stream() as ReadableStream<Uint8Array>;
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (offset >= blob.size) {
            controller.close();
            return;
          }
          const end = Math.min(blob.size, offset + chunkBytes);
          const bytes = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
          offset = end;
          controller.enqueue(bytes);
        },
      });
    },
  };
}
