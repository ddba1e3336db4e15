/**
 * Which text encoding a file is in, from its first bytes, and the byte-level helpers that let the
 * reader treat every encoding as UTF-8 or Windows-1252 (the two it scans in place).
 *
 * Shop systems export UTF-8 (with or without a byte order mark) or Windows-1252; Excel's
 * "Unicode Text" save is UTF-16 little-endian with a byte order mark, tab-separated. UTF-16 is
 * transcoded to UTF-8 as it streams (`utf16AsUtf8`), so the byte-level reader never sees it and
 * its hot path stays as it is.
 */
import type { Encoding } from '../types.ts';

export type Utf16 = 'utf-16le' | 'utf-16be';

export const isUtf16 = (encoding: Encoding): encoding is Utf16 =>
  encoding === 'utf-16le' || encoding === 'utf-16be';

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/** How many bytes of a head are looked at to judge UTF-16 without a BOM, and binary content. */
const PROBE_BYTES = 64 * 1024;

/**
 * UTF-16 without a byte order mark: text in Latin script has a zero high byte in nearly every
 * code unit, so one half of the bytes is mostly zeros and the other half almost never is.
 */
function utf16ByZeros(head: Uint8Array): Utf16 | null {
  const n = Math.min(head.byteLength, PROBE_BYTES) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  if (oddZeros > units * 0.3 && evenZeros < units * 0.02) return 'utf-16le';
  if (evenZeros > units * 0.3 && oddZeros < units * 0.02) return 'utf-16be';
  return null;
}

/** The file's encoding and how many bytes its byte order mark takes (0 without one). */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16ByZeros(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    // Not valid UTF-8: shop exports that are not UTF-8 are Windows-1252 (a superset of Latin-1).
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/**
 * True when a head in a single-byte view (UTF-8 or Windows-1252) holds more control bytes than
 * text ever does: NULs and the other C0 controls but tab, line feed, form feed and carriage
 * return. More than 5% of them is binary data; a few stray NULs in a description are not.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.byteLength, PROBE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) controls++;
  }
  return controls > n * 0.05;
}

/**
 * The bytes without their NULs (a copy), or the bytes themselves when there is none. Stray NULs
 * come from a database field padded with them or a broken export; no text means them, so the sniffer
 * and the reader both drop them, and the same cells read the same either way.
 */
export function withoutNuls(bytes: Uint8Array): { bytes: Uint8Array; removed: number } {
  if (bytes.indexOf(0) === -1) return { bytes, removed: 0 };
  const copy = bytes.slice();
  const kept = dropNuls(copy);
  return { bytes: copy.subarray(0, kept), removed: bytes.byteLength - kept };
}

/** `withoutNuls` in place: moves the bytes that are not NUL to the front, and says how many. */
export function dropNuls(bytes: Uint8Array): number {
  let at = bytes.indexOf(0);
  if (at === -1) return bytes.byteLength;
  let length = at;
  for (; at < bytes.byteLength; at++) {
    const b = bytes[at] as number;
    if (b !== 0) bytes[length++] = b;
  }
  return length;
}

/** UTF-16 bytes as UTF-8 ones, as they stream (the byte order mark left out). */
export function utf16AsUtf8(
  bytes: ReadableStream<Uint8Array>,
  encoding: Utf16,
): ReadableStream<Uint8Array> {
  return bytes
    .pipeThrough(new TextDecoderStream(encoding) as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new TextEncoderStream());
}
