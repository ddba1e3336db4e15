import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SliceableSource } from '../core/ingest/split.ts';

/** Bytes `start` to `end` of a file on disk, as another thread reopens them (`fileSource`). */
export interface FileRange {
  path: string;
  start: number;
  end: number;
}

/**
 * A file on disk (or bytes `start` to `end` of it) as a re-readable byte source; its slices can
 * be read by another thread from their `handle`, a `FileRange`. Its stream is a byte stream: the
 * reader has the file read straight into its own buffer (`openSource`), where `Readable.toWeb`
 * would copy every chunk into new memory (about 60 ms of the UCI file's 0.5 s read here).
 */
export function fileSource(
  path: string,
  range: Omit<FileRange, 'path'> = { start: 0, end: statSync(path).size },
): SliceableSource {
  const { start, end } = range;
  return {
    name: basename(path),
    size: end - start,
    stream: () => fileBytes(path, start, end),
    slice(from, to) {
      const handle: FileRange = { path, start: start + from, end: start + to };
      return { ...fileSource(path, handle), handle };
    },
  };
}

/** Bytes `start` to `end` of a file, as a byte stream (1 MiB at a time to a reader of chunks). */
function fileBytes(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  let file: FileHandle | undefined;
  let position = start;
  return new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 1 << 20,
    async start() {
      file = await open(path, 'r');
    },
    async pull(controller) {
      // Always there: a read of chunks is given one of autoAllocateChunkSize.
      const request = controller.byobRequest as ReadableStreamBYOBRequest;
      const view = request.view as Uint8Array;
      const want = Math.min(view.byteLength, end - position);
      const { bytesRead } =
        want > 0 ? await (file as FileHandle).read(view, 0, want, position) : { bytesRead: 0 };
      if (bytesRead === 0) {
        await file?.close();
        controller.close();
        request.respond(0);
        return;
      }
      position += bytesRead;
      request.respond(bytesRead);
    },
    async cancel() {
      await file?.close();
    },
  });
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
    // A byte stream, as a browser's Blob and a file on disk give: at most `chunkSize` bytes per
    // read, however much room the reader offers.
    stream: () => {
      let offset = 0;
      return new ReadableStream({
        type: 'bytes',
        autoAllocateChunkSize: chunkSize,
        pull(controller) {
          const request = controller.byobRequest as ReadableStreamBYOBRequest;
          const view = request.view as Uint8Array;
          const n = Math.min(view.byteLength, chunkSize, bytes.byteLength - offset);
          if (n === 0) {
            controller.close();
            request.respond(0);
            return;
          }
          view.set(bytes.subarray(offset, offset + n));
          offset += n;
          request.respond(n);
        },
      });
    },
  };
}
