import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ByteSource } from '../core/ingest/source.ts';

/** A file on disk as a re-readable byte source, in 1 MiB chunks. */
export function fileSource(path: string): ByteSource {
  const { size } = statSync(path);
  return {
    name: basename(path),
    size,
    stream: () =>
      Readable.toWeb(
        createReadStream(path, { highWaterMark: 1 << 20 }),
      ) as ReadableStream<Uint8Array>,
  };
}

/** An in-memory byte source (tests): text is encoded as UTF-8 unless bytes are given. */
export function memorySource(
  content: string | Uint8Array,
  name = 'test.csv',
  chunkSize = 1 << 16,
): ByteSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
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
