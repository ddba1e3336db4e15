import type { Encoding } from '../types.ts';

/** The encodings read byte by byte in place (UTF-16 is transcoded to UTF-8 before). */
export type ScannedEncoding = Extract<Encoding, 'utf-8' | 'windows-1252'>;

/** The file is not valid UTF-8 after all: the reader starts again as Windows-1252. */
export class EncodingMismatch extends Error {}

/** A line break as bytes: LF, CR, or CR LF (`second` is -1 for a one-byte break). */
export interface LineBreak {
  first: number;
  second: number;
  length: number;
}

export function lineBreak(newline: '\n' | '\r\n' | '\r'): LineBreak {
  return {
    first: newline.charCodeAt(0),
    second: newline.length > 1 ? newline.charCodeAt(1) : -1,
    length: newline.length,
  };
}

/** Where the first line break at or after `from` starts, or -1. */
export function indexOfBreak(bytes: Uint8Array, from: number, nl: LineBreak): number {
  let i = bytes.indexOf(nl.first, from);
  if (nl.second < 0) return i;
  while (i !== -1 && bytes[i + 1] !== nl.second) i = bytes.indexOf(nl.first, i + 1);
  return i;
}

/** Where the last line break starting at or before `before` starts, or -1. */
export function lastIndexOfBreak(bytes: Uint8Array, before: number, nl: LineBreak): number {
  if (nl.second < 0) return bytes.lastIndexOf(nl.first, before);
  let i = bytes.lastIndexOf(nl.second, before + 1);
  while (i > 0 && bytes[i - 1] !== nl.first) i = bytes.lastIndexOf(nl.second, i - 1);
  return i > 0 ? i - 1 : -1;
}

export const isBreakAt = (bytes: Uint8Array, at: number, nl: LineBreak): boolean =>
  bytes[at] === nl.first && (nl.second < 0 || bytes[at + 1] === nl.second);

/** Bytes -> text in the file's encoding. */
export type TextOf = (bytes: Uint8Array, start: number, end: number, ascii?: boolean) => string;

/**
 * Decodes parts of the file on their own, as they read within the whole: delimiters, quotes and
 * line breaks are ASCII, which UTF-8 never uses inside a multi-byte character, so text cut at them
 * decodes to the same characters. A byte-order mark is only skipped at the start of the file (by
 * the reader), not at the start of every part. Invalid UTF-8 throws `EncodingMismatch`.
 */
export function textDecoder(encoding: ScannedEncoding): TextOf {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
  // Node 20.18.3+ decodes Windows-1252 as Latin-1 (0x80-0x9F wrong) unless streaming
  // (nodejs/node#60888); a single-byte encoding never holds bytes back between calls.
  const options = { stream: encoding !== 'utf-8' };
  const codes: number[] = [];
  return (bytes, start, end, ascii = false) => {
    // Most values are short and ASCII: building them directly skips the decoder's per-call cost.
    if (ascii && end - start <= 64) {
      codes.length = end - start;
      for (let i = start; i < end; i++) codes[i - start] = bytes[i] as number;
      return String.fromCharCode.apply(null, codes);
    }
    try {
      return decoder.decode(bytes.subarray(start, end), options);
    } catch {
      throw new EncodingMismatch();
    }
  };
}

/** Text -> bytes in the file's encoding (a view of a buffer that the next call reuses). */
export type BytesOf = (text: string) => Uint8Array;

/**
 * The inverse of `textDecoder`, for text that came from it (cells PapaParse split, trimmed
 * cells): the bytes the file had for them.
 */
export function textEncoder(encoding: ScannedEncoding): BytesOf {
  let buffer = new Uint8Array(256);
  if (encoding === 'utf-8') {
    const encoder = new TextEncoder();
    return (text) => {
      if (text.length * 3 > buffer.length) buffer = new Uint8Array(text.length * 3);
      return buffer.subarray(0, encoder.encodeInto(text, buffer).written);
    };
  }
  // Windows-1252: the byte of each character, as the decoder in use reads each byte.
  const decoder = new TextDecoder(encoding);
  const byteOf = new Map<number, number>();
  for (let byte = 0; byte < 256; byte++)
    byteOf.set(decoder.decode(Uint8Array.of(byte), { stream: true }).charCodeAt(0), byte);
  return (text) => {
    if (text.length > buffer.length) buffer = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const byte = code < 0x80 ? code : byteOf.get(code);
      if (byte === undefined) throw new Error(`${encoding} has no byte for U+${code.toString(16)}`);
      buffer[i] = byte;
    }
    return buffer.subarray(0, text.length);
  };
}

/** The UTF-8 byte-order mark. */
const BOM = [0xef, 0xbb, 0xbf];
const bomAt = (bytes: Uint8Array, at: number) => BOM.every((b, i) => bytes[at + i] === b);

/**
 * Bytes of byte-order marks at the start of a file: a UTF-8 decoder drops one, and the reader
 * drops a second one too (files re-saved by tools that add one whatever is there).
 */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding !== 'utf-8' || !bomAt(bytes, 0)) return 0;
  return bomAt(bytes, 3) ? 6 : 3;
}
