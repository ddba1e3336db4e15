/**
 * Cases written for the survivors of a mutation run on intern.ts (README "Mutation testing"): a
 * column's dictionary must give one code per distinct trimmed value, in first-appearance order,
 * whether a cell arrives as a string or as the file's bytes, past the points where the table is
 * rehashed (1,024 values), the codes widen (256 and 65,536 values) and the code array grows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textDecoder, textEncoder } from './bytes.ts';
import { HASH_SEED, hashStep } from './byte-keys.ts';
import { ColumnBuilder } from './intern.ts';

const utf8 = () => new ColumnBuilder(textDecoder('utf-8'), textEncoder('utf-8'));
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const hashOf = (bytes: Uint8Array) => bytes.reduce((h, b) => hashStep(h, b), HASH_SEED);

describe('ColumnBuilder: one code per distinct trimmed value', () => {
  it('strings: trimmed, in first-appearance order, repeats found again', () => {
    const b = utf8();
    ['b', ' a', 'b', 'a ', '', '  ', 'c\t', 'b'].forEach((cell, row) => b.push(row, cell));
    b.push(8, undefined);
    const { codes, values } = b.finish(9);
    expect(values).toEqual(['b', 'a', '', 'c']);
    expect([...codes]).toEqual([0, 1, 0, 1, 2, 2, 3, 0, 2]);
  });

  it('an empty first cell is a value like any other', () => {
    const b = utf8();
    b.push(0, '');
    b.push(1, ' ');
    b.push(2, 'a');
    const { codes, values } = b.finish(3);
    expect(values).toEqual(['', 'a']);
    expect([...codes]).toEqual([0, 0, 1]);
  });

  it('bytes and strings of the same value share its code, trimmed alike', () => {
    const b = utf8();
    const line = ascii('x, x ,y,\tx,ab,ac,ab');
    // Field bounds in `line`: x | ' x ' | y | '\tx' | ab | ac | ab.
    const fields: [number, number][] = [
      [0, 1],
      [2, 5],
      [6, 7],
      [8, 10],
      [11, 13],
      [14, 16],
      [17, 19],
    ];
    const scanned = fields.map(([s, e]) => b.codeOfScanned(line, s, e, true));
    // 'ab' then 'ac': the same length as the previous value, other bytes, so a new value.
    expect(scanned).toEqual([0, 0, 1, 0, 2, 3, 2]);
    expect(b.codeOfText('ac')).toBe(3);
    expect(b.codeOfText(' y')).toBe(1);
    expect(b.codeOfText('z')).toBe(4);
    const [s, e] = [0, 1];
    expect(b.codeOfBytes(line, s, e, hashOf(line.subarray(s, e)), true)).toBe(0);
    expect(b.codeOfBytes(ascii('z'), 0, 1, hashOf(ascii('z')), true)).toBe(4);
    expect(b.codeOfBytes(ascii(' q'), 0, 2, hashOf(ascii(' q')), true)).toBe(5);
    expect(b.values).toEqual(['x', 'y', 'ab', 'ac', 'z', 'q']);
  });

  it('the previous value is not taken for a different one of the same length', () => {
    const b = utf8();
    const bytes = ascii('abcabdabc');
    expect(b.codeOfScanned(bytes, 0, 3, true)).toBe(0);
    expect(b.codeOfScanned(bytes, 3, 6, true)).toBe(1);
    expect(b.codeOfScanned(bytes, 6, 9, true)).toBe(0);
    // And an empty cell is not the previous value either.
    expect(b.codeOfScanned(bytes, 0, 0, true)).toBe(2);
    expect(b.values).toEqual(['abc', 'abd', '']);
    const c = utf8();
    expect(c.codeOfBytes(bytes, 0, 3, hashOf(bytes.subarray(0, 3)), true)).toBe(0);
    // Same hash given, other bytes: still another value.
    expect(c.codeOfBytes(bytes, 3, 6, hashOf(bytes.subarray(0, 3)), true)).toBe(1);
  });

  it('a cell with a space at its end only is trimmed too; a shorter cell is not its prefix', () => {
    const b = utf8();
    const bytes = ascii('y |y|abc|ab');
    expect(b.codeOfScanned(bytes, 0, 2, true)).toBe(0);
    expect(b.codeOfScanned(bytes, 3, 4, true)).toBe(0);
    expect(b.codeOfScanned(bytes, 5, 8, true)).toBe(1);
    // 'ab' right after 'abc': the previous value's first bytes are not enough.
    expect(b.codeOfScanned(bytes, 9, 11, true)).toBe(2);
    expect(b.codeOfBytes(bytes, 5, 8, hashOf(ascii('abc')), true)).toBe(1);
    expect(b.codeOfBytes(bytes, 9, 11, hashOf(ascii('ab')), true)).toBe(2);
    expect(b.values).toEqual(['y', 'abc', 'ab']);
  });

  it('trims on the bytes exactly as trim() does: ASCII white space, not control characters', () => {
    const cells = [' a ', 'a', '\t\r\na\f\v', '\u0001a ', '\u0001a', '  ', '', ' a\u0001 b '];
    const byBytes = utf8();
    const codes = cells.map((cell) => {
      const bytes = ascii(cell);
      return byBytes.codeOfBytes(bytes, 0, bytes.length, hashOf(bytes), true);
    });
    expect(byBytes.values).toEqual(['a', '\u0001a', '', 'a\u0001 b']);
    expect(codes).toEqual([0, 0, 0, 1, 1, 2, 2, 3]);
    // Each value's key is its trimmed bytes: the same cells as strings find the same codes.
    expect(cells.map((cell) => byBytes.codeOfText(cell))).toEqual(codes);
  });

  it('an end left above 127 after the spaces is trimmed by the text: a no-break space', () => {
    const b = utf8();
    const nbsp = new TextEncoder().encode(' \u00a0a\u00a0 ');
    expect(b.codeOfScanned(nbsp, 0, nbsp.length, false)).toBe(0);
    const e = new TextEncoder().encode(' é ');
    expect(b.codeOfScanned(e, 0, e.length, false)).toBe(1);
    expect(b.values).toEqual(['a', 'é']);
    const w = new ColumnBuilder(textDecoder('windows-1252'), textEncoder('windows-1252'));
    expect(w.codeOfScanned(Uint8Array.of(0x20, 0xa0, 0x61, 0x20), 0, 4, false)).toBe(0);
    expect(w.codeOfText('a')).toBe(0);
    expect(w.values).toEqual(['a']);
  });

  it('bytes and text give the same codes and values, whatever the spaces (property)', () => {
    const cell = fc
      .array(
        fc.constantFrom(
          ' ',
          '\t',
          '\n',
          '\v',
          'a',
          'b',
          '\u00a0',
          '\u0001',
          '\u001c',
          'é',
          '\u2003',
        ),
        {
          maxLength: 6,
        },
      )
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        const byBytes = utf8();
        const byText = utf8();
        const encoder = new TextEncoder();
        const scanned = cells.map((text) => {
          const bytes = encoder.encode(text);
          return byBytes.codeOfScanned(
            bytes,
            0,
            bytes.length,
            bytes.every((byte) => byte < 128),
          );
        });
        expect(scanned).toEqual(cells.map((text) => byText.codeOfText(text)));
        expect(byBytes.values).toEqual(byText.values);
      }),
      { numRuns: 500 },
    );
  });

  it('values compared four bytes at a time: one byte different anywhere is another value', () => {
    // Every length from 1 to 13 (under, at and past whole words), each byte changed in turn,
    // read from a buffer at an odd offset so no cell starts on a word boundary.
    for (let length = 1; length <= 13; length++) {
      const b = utf8();
      const base = 'abcdefghijklm'.slice(0, length);
      const variants = [
        base,
        ...Array.from(base, (_, i) => base.slice(0, i) + 'Z' + base.slice(i + 1)),
      ];
      const text = `#${variants.join('|')}|${variants.join('|')}`;
      const buffer = ascii(`...${text}`).subarray(3);
      const codes: number[] = [];
      for (let start = 1; start < buffer.length; start += length + 1) {
        codes.push(b.codeOfScanned(buffer, start, start + length, true));
        // The same cell looked up by its hash, past the previous-row check.
        codes.push(b.codeOfBytes(buffer, start, start + length, hashOf(buffer.subarray(start, start + length)), true)); // prettier-ignore
      }
      const firstTime = variants.flatMap((_, code) => [code, code]);
      expect(codes).toEqual([...firstTime, ...firstTime]);
      expect(b.values).toEqual(variants);
    }
  });

  it('values added after the bytes kept grew are found again by their bytes', () => {
    const b = utf8();
    // 70,000 bytes of values: past the first 64 KiB kept.
    const value = (i: number) => `value-${String(i).padStart(8, '0')}`;
    const count = 5000;
    for (let i = 0; i < count; i++) b.codeOfText(value(i));
    const line = ascii(`${value(count - 1)},${value(count - 2)},${value(3)},${value(count)}`);
    const width = value(0).length;
    const found = [0, 1, 2, 3].map((f) =>
      b.codeOfScanned(line, f * (width + 1), f * (width + 1) + width, true),
    );
    expect(found).toEqual([count - 1, count - 2, 3, count]);
  });

  it('a value longer than twice the bytes kept so far is kept whole', () => {
    const b = utf8();
    // 140,000 bytes: more than the first 64 KiB doubled.
    const long = 'x'.repeat(139_999) + 'y';
    const line = ascii(`${long},${long},${long.slice(0, -1)}z`);
    const width = long.length;
    const codes = [0, 1, 2].map(
      (f) =>
      b.codeOfBytes(line, f * (width + 1), f * (width + 1) + width, hashOf(line.subarray(f * (width + 1), f * (width + 1) + width)), true), // prettier-ignore
    );
    expect(codes).toEqual([0, 0, 1]);
    expect(b.values[0]).toBe(long);
  });

  it('non-ASCII bytes decode in the file encoding (UTF-8 and Windows-1252)', () => {
    const b = utf8();
    const cafe = new TextEncoder().encode('café');
    expect(b.codeOfScanned(cafe, 0, cafe.length, false)).toBe(0);
    expect(b.codeOfText('café')).toBe(0);
    expect(b.values).toEqual(['café']);
    const w = new ColumnBuilder(textDecoder('windows-1252'), textEncoder('windows-1252'));
    const euro = Uint8Array.of(0x80, 0x35);
    expect(w.codeOfScanned(euro, 0, 2, false)).toBe(0);
    expect(w.codeOfText('€5')).toBe(0);
    expect(w.values).toEqual(['€5']);
  });
});

describe('ColumnBuilder: many values and rows', () => {
  it('past the rehash and the 256-value widening, every row keeps its value', () => {
    for (const fromBytes of [false, true]) {
      const b = utf8();
      // Past 1,024 values: the table of slots and the per-value arrays double.
      const n = 1500;
      // Each value twice, the repeat n rows later: found again after every rehash.
      for (let row = 0; row < 2 * n; row++) {
        const value = `v${row % n}`;
        if (fromBytes) b.setCode(row, b.codeOfScanned(ascii(value), 0, value.length, true));
        else b.push(row, value);
      }
      const { codes, values } = b.finish(2 * n);
      expect(values.length).toBe(n);
      expect(codes).toBeInstanceOf(Uint16Array);
      expect(codes.length).toBe(2 * n);
      const expected = Array.from({ length: 2 * n }, (_, row) => `v${row % n}`);
      expect(Array.from(codes, (code) => values[code])).toEqual(expected);
    }
  });

  it('255 and 256 values fit a byte, 257 need two', () => {
    const sizes = [255, 256, 257].map((n) => {
      const b = utf8();
      for (let row = 0; row < n; row++) b.push(row, String(row));
      const { codes, values } = b.finish(n);
      expect(values[codes[n - 1]!]).toBe(String(n - 1));
      return codes.BYTES_PER_ELEMENT;
    });
    expect(sizes).toEqual([1, 1, 2]);
  });

  it('more than 65,536 values take four bytes a code', () => {
    const b = utf8();
    const n = 65_540;
    for (let row = 0; row < n; row++) b.push(row, String(row));
    const { codes, values } = b.finish(n);
    expect(codes).toBeInstanceOf(Int32Array);
    const rows = [0, 255, 256, 65_535, 65_536, 65_539];
    expect(rows.map((row) => values[codes[row]!])).toEqual(rows.map(String));
  });

  it('rows past the first 65,536 codes grow the array and keep the earlier codes', () => {
    const b = utf8();
    const rows = 70_000;
    for (let row = 0; row < rows; row++) b.push(row, row % 3 === 0 ? 'a' : 'b');
    const { codes } = b.finish(rows);
    // Still one byte a code: growing keeps the width.
    expect(codes).toBeInstanceOf(Uint8Array);
    expect(codes.length).toBe(rows);
    expect([codes[0], codes[1], codes[65_535], codes[65_536], codes[69_999]]).toEqual([
      0, 1, 0, 1, 0,
    ]);
  });

  it('grows at once to the rows expected', () => {
    const b = utf8();
    b.expectedRows = 200_000;
    b.push(70_000, 'a');
    expect(b.codes.length).toBe(200_000);
    const c = utf8();
    c.push(70_000, 'a');
    // A quarter more than the 65,536 there were, not just the row needed.
    expect(c.codes.length).toBe(81_920);
  });

  it('a short column does not keep the whole code array: it is copied out', () => {
    const b = utf8();
    for (let row = 0; row < 10; row++) b.push(row, 'x');
    const small = b.finish(10).codes;
    expect(small.length).toBe(10);
    expect(small.buffer.byteLength).toBe(10);
    // A full array is handed over as it is.
    const full = utf8();
    full.expectedRows = 100;
    for (let row = 0; row < 65_536; row++) full.push(row, 'x');
    expect(full.finish(65_536).codes.buffer.byteLength).toBe(65_536);
    expect(full.finish(60_000).codes.buffer.byteLength).toBe(65_536);
  });
});

describe('ColumnBuilder: a part read by another builder, added by its values’ keys', () => {
  it('carries exactly its values’ bytes and hashes, and is added as one builder would have', () => {
    const head = utf8();
    ['a', 'b', ' c '].forEach((cell, row) => head.push(row, cell));
    const rest = utf8();
    ['b', 'c', 'd', 'é', 'd'].forEach((cell, row) => rest.push(row, cell));
    const part = rest.finishPart(5);
    // Only the values' own keys travel to the other thread, nothing of the spare room.
    expect(part.values).toEqual(['b', 'c', 'd', 'é']);
    expect([...part.keys.start]).toEqual([0, 1, 2, 3]);
    expect([...part.keys.length]).toEqual([1, 1, 1, 2]);
    expect([...part.keys.hash]).toEqual(['b', 'c', 'd', 'é'].map((v) => hashOf(new TextEncoder().encode(v)))); // prettier-ignore
    expect(part.keys.bytes).toEqual(new TextEncoder().encode('bcdé'));

    head.append(part, 3, 8);
    const one = utf8();
    ['a', 'b', ' c ', 'b', 'c', 'd', 'é', 'd'].forEach((cell, row) => one.push(row, cell));
    const joined = head.finish(8);
    expect(joined.values).toEqual(one.finish(8).values);
    expect([...joined.codes]).toEqual([...one.finish(8).codes]);
    // The values the part added are found again, not added a second time.
    expect(head.codeOfText('d')).toBe(3);
    expect(head.codeOfText('é')).toBe(4);
    expect(head.values).toHaveLength(5);
  });
});
