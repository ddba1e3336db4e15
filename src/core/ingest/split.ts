/**
 * Reading a large file on two threads (the CLI): the main thread reads the bytes up to a line break
 * near the middle, the k-means thread (idle while the file is read) reads the rest, and the second
 * part's rows are added to the first's (`RowSink.append`): the same table, codes and dictionaries
 * as one pass would give. A split point is a guess: a quoted field may run across it, which only
 * the first part's reader can tell (it then does not end at a row's end), and then the file is
 * read again in one piece (`SplitMisaligned`).
 *
 * Measured on a 2-core machine: on ten times the UCI file (481 MB) the CLI's whole analysis took
 * 13.1 s instead of 15.3 s, at a peak of about 410 MiB instead of 340 MiB (the second part's codes
 * exist twice until they are added). On the UCI file itself (47 MB) the two halves first ran no
 * faster together than the whole alone: the thread started with the read, and booting it took
 * most of the time the split saved. Booted while the CLI starts (`nodeKMeansPool`'s `start`), the
 * whole process took 2.22 s against 2.33 s (13 runs each, alternating, the same machine), the
 * read 0.72 against 0.79 s. Not half: each half took 0.45 to 0.62 s beside the other, where
 * either alone took about 0.45 s (two processes each reading half of the file showed the same),
 * as the two cores slow each other down. In the app the split made the overview slower (3 of 3
 * runs, alternating): Chromium's own processes already use the second core while the worker
 * reads.
 * So only files of SPLIT_MIN_BYTES and more are split, and only by the CLI.
 */
import { EncodingMismatch, isBreakAt, lineBreak, type ScannedEncoding } from './bytes.ts';
import { isUtf16 } from './encoding.ts';
import type { SinkPart } from './rows.ts';
import { type ReadSettings, scanSource } from './scan.ts';
import { type ByteSource, concatBytes } from './source.ts';

/** Below this, two threads read no faster than one (see above). */
export const SPLIT_MIN_BYTES = 16 << 20;
/** How far past the middle a line break is looked for. */
const SPLIT_WINDOW_BYTES = 1 << 20;

/**
 * A source whose bytes can be read from any offset, and by another thread (`handle`: a value
 * that can be posted to it, from which that thread's platform reopens the bytes: a file's path
 * and range in the CLI, `FileRange`).
 */
export interface SliceableSource extends ByteSource {
  slice(start: number, end: number): ByteSource & { handle: unknown };
}

export const isSliceable = (source: ByteSource): source is SliceableSource =>
  typeof (source as Partial<SliceableSource>).slice === 'function';

/** What another thread reads: the rest of the file from the split, as `settings` describe it. */
export interface RestRequest {
  settings: ReadSettings;
  /** The encoding the first part is read with (Windows-1252 after a fallback). */
  encoding: ScannedEncoding;
}

/**
 * The rest of the file read, or why not: `encoding` if it is not valid UTF-8 (the file is then
 * read again as Windows-1252), `failed` for anything else (then read again in one piece, which
 * reports the problem with its line number in the file).
 */
export type RestOutcome =
  { part: SinkPart; nulBytes: number } | { failed: 'encoding' | 'other'; message?: string };

/** The other thread: reads the rest of a file after a split. */
export interface RestReader {
  readRest(handle: unknown, request: RestRequest): Promise<RestOutcome>;
  /** Files smaller than this are read in one piece (default `SPLIT_MIN_BYTES`; tests use less). */
  minBytes?: number;
}

/**
 * Where to split `source` for two threads: just after the first line break at or past its middle,
 * or null when it is not worth it or not possible (small, compressed, UTF-16, no break near the
 * middle).
 */
export async function splitPoint(
  source: SliceableSource,
  settings: ReadSettings,
  minBytes = SPLIT_MIN_BYTES,
): Promise<number | null> {
  if (source.size < minBytes || isUtf16(settings.encoding)) return null;
  // The stored bytes must be the text: not a gzip stream.
  const start = await storedBytes(source.slice(0, 2));
  if (start[0] === 0x1f && start[1] === 0x8b) return null;
  const middle = Math.floor(source.size / 2);
  const window = await storedBytes(
    source.slice(middle, Math.min(source.size, middle + SPLIT_WINDOW_BYTES)),
  );
  const nl = lineBreak(settings.newline);
  for (let i = 0; i + nl.length <= window.length; i++)
    if (isBreakAt(window, i, nl)) {
      const split = middle + i + nl.length;
      return split < source.size ? split : null;
    }
  return null;
}

/** The bytes of a (small) source as stored. */
async function storedBytes(source: ByteSource): Promise<Uint8Array> {
  const reader = source.stream().getReader();
  const parts: Uint8Array[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read())
    parts.push(next.value);
  return concatBytes(parts);
}

const noReport = () => undefined;

/** The other thread's side: reads `source` (the rest of a file after a split) as `request` says. */
export async function readRest(source: ByteSource, request: RestRequest): Promise<RestOutcome> {
  try {
    const { sink, nulBytes } = await scanSource(
      source,
      request.settings,
      request.encoding,
      noReport,
      undefined,
      'rest',
    );
    return { part: sink.part(), nulBytes };
  } catch (error) {
    if (error instanceof EncodingMismatch) return { failed: 'encoding' };
    return { failed: 'other', message: String(error) };
  }
}
