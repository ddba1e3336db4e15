/**
 * Byte sources at their edges: the archive and Office signatures, gzip found however the first
 * bytes arrive, a head that is the whole file or not, a stream cancelled once the head is read,
 * and a Blob without a name or date.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { expectAnalysisError } from '../testing/fixtures.ts';
import { AnalysisError } from '../errors.ts';
import {
  blobSource,
  type ByteSource,
  concatBytes,
  identifyBinary,
  openSource,
  readHead,
} from './source.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A source whose stream hands out `chunks` and records a cancel. */
function chunked(chunks: Uint8Array[]): ByteSource & { cancelled: () => boolean } {
  let cancelled = false;
  return {
    name: 'x.csv',
    size: chunks.reduce((n, c) => n + c.byteLength, 0),
    cancelled: () => cancelled,
    stream() {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at < chunks.length) controller.enqueue(chunks[at++]!);
          else controller.close();
        },
        cancel() {
          cancelled = true;
        },
      });
    },
  };
}

/** Every byte of a source, read `size` at a time into the same memory. */
async function readAll(source: ByteSource, size = 3) {
  const opened = await openSource(source);
  const parts: Uint8Array[] = [];
  let memory: Uint8Array = new Uint8Array(size);
  for (;;) {
    const got = await opened.read(memory);
    memory = new Uint8Array(got.buffer);
    if (got.byteLength === 0) break;
    parts.push(got.slice());
  }
  return { opened, bytes: concatBytes(parts) };
}

describe('identifyBinary', () => {
  it('names a zip archive and an Office document, each with what to do', () => {
    const zip = identifyBinary(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00));
    expect(zip).toBeInstanceOf(AnalysisError);
    expect(zip).toMatchObject({
      code: 'zip-archive',
      message:
        'This file is a zip archive, not a CSV file. Unzip it first, then drop the CSV file that was inside.',
    });
    const office = identifyBinary(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1));
    expect(office).toMatchObject({
      code: 'workbook-unreadable',
      message:
        'This looks like an Office document we cannot read. If it is a workbook, save it as CSV in your spreadsheet program, then drop the CSV here.',
    });
    // Text that starts with "PK" is text.
    expect(identifyBinary(new TextEncoder().encode('PK,Name\n1,a\n'))).toBeNull();
  });
});

describe('openSource', () => {
  it('finds gzip when its two signature bytes come in separate chunks, and counts stored bytes', async () => {
    const gz = gzipSync('a,b\n1,2\n');
    const chunks = [gz.subarray(0, 1), gz.subarray(1, 2), gz.subarray(2)];
    const { opened, bytes } = await readAll(chunked(chunks));
    expect(opened.container).toBe('gzip');
    expect(text(bytes)).toBe('a,b\n1,2\n');
    expect(opened.storedBytesRead()).toBe(gz.byteLength);
  });

  it('finds gzip in a byte stream that gives one byte a read', async () => {
    const { opened, bytes } = await readAll(memorySource(gzipSync('a,b\n1,2\n'), 'x.csv.gz', 1));
    expect(opened.container).toBe('gzip');
    expect(text(bytes)).toBe('a,b\n1,2\n');
  });

  it('is plain when only one of the two gzip signature bytes starts it', async () => {
    // 0x8b is "‹" in Windows-1252; a file may start with either byte and be text.
    for (const start of [[0x1f, 0x41], [0x41, 0x8b], [0x1f]]) {
      const bytes = Uint8Array.of(...start, 0x0a);
      const { opened, bytes: read } = await readAll(memorySource(bytes, 'x.csv', 1));
      expect(opened.container).toBe('plain');
      expect(read).toEqual(bytes);
    }
  });

  it('replays the first bytes once, from a one-byte file, an empty one, and one-byte chunks', async () => {
    for (const chunks of [
      [Uint8Array.of(65)],
      [],
      [Uint8Array.of(65), Uint8Array.of(66), Uint8Array.of(67)],
      [Uint8Array.of(65, 66, 67, 68)],
      [Uint8Array.of(65, 66, 67, 68, 69, 70, 71), Uint8Array.of(72)],
    ]) {
      const whole = concatBytes(chunks);
      for (const source of [chunked(chunks), memorySource(whole, 'x.csv', 1)]) {
        const { opened, bytes } = await readAll(source);
        expect(opened.container).toBe('plain');
        expect(bytes).toEqual(whole);
        expect(opened.storedBytesRead()).toBe(whole.byteLength);
      }
    }
  });

  it('a byte stream reads into the caller’s memory, which the read takes over and gives back', async () => {
    const opened = await openSource(memorySource('abcdefghijklm', 'x.csv', 5));
    // The first read's bytes were peeked at for gzip: they are copied.
    const memory = new Uint8Array(8);
    expect(text(await opened.read(memory.subarray(0, 3)))).toBe('abc');
    expect(text(await opened.read(memory))).toBe('de');
    expect(memory.byteLength).toBe(8);
    // Then the stream writes into the memory given, which the read takes over (detaches).
    memory[7] = 9;
    const next = await opened.read(memory.subarray(1, 7));
    expect(text(next)).toBe('fghij');
    expect(memory.byteLength).toBe(0);
    expect(next.byteOffset).toBe(1);
    const taken = new Uint8Array(next.buffer);
    expect(taken.byteLength).toBe(8);
    expect(taken[7]).toBe(9);
    // At most the stream's 5 bytes a read, whatever the room; fewer at its end.
    expect(text(await opened.read(new Uint8Array(2)))).toBe('kl');
    const last = await opened.read(new Uint8Array(next.buffer));
    expect(text(last)).toBe('m');
    // At the end: nothing read, and the memory still given back.
    const end = await opened.read(new Uint8Array(last.buffer));
    expect(end.byteLength).toBe(0);
    expect(end.buffer.byteLength).toBe(8);
  });

  it('a stream of chunks is copied into the caller’s memory, the rest of a chunk kept for the next read', async () => {
    const opened = await openSource(
      chunked([new TextEncoder().encode('abcde'), Uint8Array.of(70)]),
    );
    const memory = new Uint8Array(2);
    const reads: string[] = [];
    for (let got = await opened.read(memory); got.byteLength > 0; got = await opened.read(memory)) {
      expect(got.buffer).toBe(memory.buffer);
      reads.push(text(got));
    }
    expect(reads).toEqual(['ab', 'cd', 'e', 'F']);
    await expect(opened.read(new Uint8Array(0))).rejects.toThrow(RangeError);
  });

  it('cancelling the reader cancels the file’s stream', async () => {
    const source = chunked([Uint8Array.of(65, 66), Uint8Array.of(67), Uint8Array.of(68)]);
    const opened = await openSource(source);
    await opened.read(new Uint8Array(1));
    await opened.cancel();
    expect(source.cancelled()).toBe(true);
  });
});

describe('readHead', () => {
  it('says the head is the whole file only when the file ends within it', async () => {
    const whole = await readHead(memorySource('a,b\n1,2\n', 'x.csv', 3), 100);
    expect(text(whole.bytes)).toBe('a,b\n1,2\n');
    expect(whole.complete).toBe(true);
    expect(whole.container).toBe('plain');

    // Exactly the head's size: reading stops at the limit without asking whether more follows,
    // so the head is not known to be whole (the sniffer then judges all but its last line).
    const exact = await readHead(memorySource('abcdef', 'x.csv', 3), 6);
    expect(text(exact.bytes)).toBe('abcdef');
    expect(exact.complete).toBe(false);

    // Longer than the head: cut, not whole, and the stream is let go.
    const source = chunked([
      Uint8Array.of(65, 66, 67),
      Uint8Array.of(68, 69, 70),
      Uint8Array.of(71),
    ]);
    const cut = await readHead(source, 4);
    expect(text(cut.bytes)).toBe('ABCD');
    expect(cut.complete).toBe(false);
    expect(source.cancelled()).toBe(true);
  });

  it('a damaged gzip file is a read error that says what to do', async () => {
    const gz = gzipSync('a,b\n'.repeat(1000));
    const damaged = Uint8Array.from(gz);
    damaged.fill(0xff, 12, 40);
    const error = await expectAnalysisError(
      readHead(memorySource(damaged), 1 << 20),
      'read-failed',
    );
    expect(error.message).toBe(
      'The file could not be read. If it is compressed, it may be damaged; try exporting it again.',
    );
  });
});

describe('blobSource and concatBytes', () => {
  it('a Blob without a name is "file", without a date has none', () => {
    const source = blobSource(new Blob(['a']));
    expect(source.name).toBe('file');
    expect('lastModified' in source).toBe(false);
    expect(blobSource(new File(['a'], 'f.csv', { lastModified: 7 })).lastModified).toBe(7);
  });

  it('stops at the limit, mid-part or at a part’s end', () => {
    const parts = [Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5)];
    expect(concatBytes(parts, 2)).toEqual(Uint8Array.of(1, 2));
    expect(concatBytes(parts, 4)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(concatBytes(parts, 0)).toEqual(new Uint8Array(0));
  });
});
