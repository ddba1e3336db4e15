/**
 * Cases written for the survivors of a mutation run on encoding.ts (README "Mutation testing"):
 * the zero-byte shares that tell UTF-16 without a byte order mark, the share of control bytes that
 * makes a file binary, and what is kept around stray NULs. Byte counts are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { detectEncoding, isUtf16, looksBinary, withoutNuls } from './encoding.ts';

/** `units` two-byte code units: `pairs` lists [count, first byte, second byte]. */
function units(...pairs: [number, number, number][]): Uint8Array {
  const out: number[] = [];
  for (const [count, a, b] of pairs) for (let i = 0; i < count; i++) out.push(a, b);
  return Uint8Array.from(out);
}

describe('UTF-16 without a byte order mark', () => {
  it('needs 8 bytes (4 code units) to be judged', () => {
    expect(detectEncoding(units([4, 0x61, 0])).encoding).toBe('utf-16le');
    expect(detectEncoding(units([4, 0, 0x61])).encoding).toBe('utf-16be');
    // Three code units are too few: valid UTF-8 (NUL is a character there).
    expect(detectEncoding(units([3, 0x61, 0]))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('one half more than 30% zeros: 31 of 100 code units is UTF-16, 30 is not', () => {
    expect(detectEncoding(units([31, 0x41, 0], [69, 0x41, 0x42])).encoding).toBe('utf-16le');
    expect(detectEncoding(units([30, 0x41, 0], [70, 0x41, 0x42])).encoding).toBe('utf-8');
    expect(detectEncoding(units([31, 0, 0x41], [69, 0x41, 0x42])).encoding).toBe('utf-16be');
    expect(detectEncoding(units([30, 0, 0x41], [70, 0x41, 0x42])).encoding).toBe('utf-8');
  });

  it('the other half under 2% zeros: 1 of 100 code units is still UTF-16, 2 are not', () => {
    expect(detectEncoding(units([50, 0x41, 0], [1, 0, 0x41], [49, 0x41, 0x42])).encoding).toBe(
      'utf-16le',
    );
    expect(detectEncoding(units([50, 0x41, 0], [2, 0, 0x41], [48, 0x41, 0x42])).encoding).toBe(
      'utf-8',
    );
    expect(detectEncoding(units([50, 0, 0x41], [1, 0x41, 0], [49, 0x41, 0x42])).encoding).toBe(
      'utf-16be',
    );
    expect(detectEncoding(units([50, 0, 0x41], [2, 0x41, 0], [48, 0x41, 0x42])).encoding).toBe(
      'utf-8',
    );
  });
});

describe('detectEncoding', () => {
  it('a byte order mark must be whole', () => {
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0x41))).toEqual({
      encoding: 'windows-1252',
      bomLength: 0,
    });
    expect(detectEncoding(Uint8Array.of(0xff, 0x41))).toEqual({
      encoding: 'windows-1252',
      bomLength: 0,
    });
  });

  it('a UTF-8 character cut at the end of the head is still UTF-8', () => {
    // 'Caf' and the first byte of 'é' (C3 A9).
    expect(detectEncoding(Uint8Array.of(0x43, 0x61, 0x66, 0xc3)).encoding).toBe('utf-8');
  });

  it('isUtf16 names the two UTF-16 byte orders only', () => {
    expect(
      ['utf-16le', 'utf-16be', 'utf-8', 'windows-1252'].map((e) => isUtf16(e as never)),
    ).toEqual([true, true, false, false]);
  });
});

describe('looksBinary', () => {
  const text = (n: number) => new Uint8Array(n).fill(0x41);

  it('more than 5% control bytes: 6 in 100 is binary, 5 is not', () => {
    const five = text(100);
    five.fill(0x01, 0, 5);
    expect(looksBinary(five)).toBe(false);
    const six = text(100);
    six.fill(0x1f, 0, 6);
    expect(looksBinary(six)).toBe(true);
  });

  it('tab, line feed, form feed and carriage return are text; vertical tab and space edges', () => {
    expect(looksBinary(Uint8Array.of(0x09, 0x0a, 0x0c, 0x0d))).toBe(false);
    expect(looksBinary(Uint8Array.of(0x0b, 0x0b, 0x41, 0x41))).toBe(true);
    expect(looksBinary(Uint8Array.of(0x20, 0x20, 0x20, 0x20))).toBe(false);
  });

  it('looks at the first 64 KiB only', () => {
    const head = new Uint8Array(128 * 1024);
    head.fill(0x41, 0, 64 * 1024);
    expect(looksBinary(head)).toBe(false);
  });
});

describe('withoutNuls', () => {
  it('keeps the bytes before the first NUL and after the last', () => {
    expect(withoutNuls(Uint8Array.of(5, 6, 0, 7))).toEqual({
      bytes: Uint8Array.of(5, 6, 7),
      removed: 1,
    });
  });
});
