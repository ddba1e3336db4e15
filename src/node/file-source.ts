import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { SliceableSource } from '../core/ingest/split.ts';

/** Bytes `start` to `end` of a file on disk, as another thread reopens them (`fileSource`). */
export interface FileRange {
  path: string;
  start: number;
  end: number;
}

/**
 * A file on disk (or bytes `start` to `end` of it) as a re-readable byte source, in 1 MiB chunks;
 * its slices can be read by another thread from their `handle`, a `FileRange`.
 */
export function fileSource(
  path: string,
  range: Omit<FileRange, 'path'> = { start: 0, end: statSync(path).size },
): SliceableSource {
  const { start, end } = range;
  return {
    name: basename(path),
    size: end - start,
    stream: () =>
      end > start
        ? (Readable.toWeb(
            createReadStream(path, { highWaterMark: 1 << 20, start, end: end - 1 }),
          ) as ReadableStream<Uint8Array>)
        : new ReadableStream({ start: (controller) => controller.close() }),
    slice(from, to) {
      const handle: FileRange = { path, start: start + from, end: start + to };
      return { ...fileSource(path, handle), handle };
    },
  };
}

/** An in-memory byte source (tests): text is encoded as UTF-8 unless bytes are given. */
export function memorySource(
  content: string | Uint8Array,
  name = 'test.csv',
  chunkSize = 1 << 16,
): SliceableSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    // The handle of a slice is a copy of its bytes.
    slice(from, to) {
      const part = bytes.slice(from, to);
      return { ...memorySource(part, name, chunkSize), handle: part };
    },
    size: bytes.byteLength,
    stream: () => {
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.byteLength) return controller.close();
          controller.enqueue(bytes.slice(offset, offset + chunkSize));
          offset += chunkSize;
        },
      });
    },
  };
}
