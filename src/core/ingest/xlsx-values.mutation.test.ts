/**
 * The byte-level helpers of the .xlsx reader on hand-picked cases: column letters, CSV quoting,
 * which numbers are copied as written (`roundTrips`), which are finite (`isFiniteNumber`), and
 * ASCII and UTF-8 text. Each case is worked out by hand or against the JavaScript built-in the
 * helper stands in for, and read from the middle of a buffer where the helper takes offsets.
 */
import { describe, expect, it } from 'vitest';
import { asciiText, columnOf, csvText, isFiniteNumber, roundTrips, utf8 } from './xlsx-values.ts';

/** `text` in the middle of a buffer, between bytes that would change the answer if read. */
const framed = (text: string): [Uint8Array, number, number] => {
  const inner = new TextEncoder().encode(text);
  const bytes = new Uint8Array(inner.length + 4);
  bytes.set([57, 57], 0); // "99" before
  bytes.set(inner, 2);
  bytes.set([48, 48], inner.length + 2); // "00" after
  return [bytes, 2, 2 + inner.length];
};

describe('columnOf', () => {
  it.each([
    ['A1', 0],
    ['Z9', 25],
    ['AA1', 26],
    ['AB12', 27],
    ['az3', 51],
    ['BA1', 52],
    ['XFD1048576', 16383],
    ['', -1],
    ['12', -1],
  ])('%s is column %i', (reference, column) => {
    const bytes = new TextEncoder().encode(`[${reference}]`);
    expect(columnOf(bytes, 1, bytes.length - 1)).toBe(column);
  });

  it('stops at the end it is given', () => {
    const bytes = new TextEncoder().encode('ABC');
    expect(columnOf(bytes, 0, 2)).toBe(27);
    expect(columnOf(bytes, 1, 3)).toBe(54);
  });
});

describe('csvText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\nlf"'],
    ['lone\rcr', '"lone\ncr"'],
    ['', ''],
  ])('%j is written %j', (text, csv) => expect(csvText(text)).toBe(csv));
});

describe('roundTrips, read from the middle of a buffer', () => {
  it.each([
    ['0', true],
    ['7', true],
    ['-7', true],
    ['0.5', true],
    ['-0.5', true],
    ['10.25', true],
    ['0.000001', true],
    ['0.0000012', true],
    ['0.00001', true],
    ['999999999999999', true],
    ['99999999999999.9', true],
    ['1.0000005', true],
    ['-999999999999999', true],
    ['0.10', false],
    ['1.0', false],
    ['1.', false],
    ['.5', false],
    ['-', false],
    ['-0', false],
    ['00', false],
    ['01', false],
    ['1x', false],
    ['1.5x', false],
    ['1.2.3', false],
    ['1.5-', false],
    ['0.0000001', false],
    ['1000000000000000', false],
    ['9999999999999.999', false],
    ['1e5', false],
  ])('%s: %s', (text, copied) => {
    expect(roundTrips(...framed(text))).toBe(copied);
    if (copied) expect(String(Number(text))).toBe(text);
  });
});

describe('isFiniteNumber, read from the middle of a buffer', () => {
  it.each([
    '0',
    '-12.5',
    '12.',
    '1.5E-3',
    '1e+05',
    '2E10',
    '1e99',
    '1e308',
    '1e400',
    '-1e400',
    '1e-400',
    '9'.repeat(199),
    '9'.repeat(400),
    '.5',
    '+1',
    ' 1',
    '0x10',
    'Infinity',
    '-',
    '1e',
    '1e+',
    'e5',
    '1.2.3',
    'abc',
    '1,5',
  ])('%s: as Number.isFinite(Number(text))', (text) => {
    expect(isFiniteNumber(...framed(text))).toBe(Number.isFinite(Number(text)));
  });
});

describe('asciiText and utf8', () => {
  it('reads the bytes between the offsets as characters', () => {
    expect(asciiText(...framed('40513.5'))).toBe('40513.5');
    expect(asciiText(new Uint8Array([65, 66]), 1, 1)).toBe('');
  });

  it('gives the bytes TextEncoder gives, ASCII or not', () => {
    for (const text of ['', 'abc', 'Zoë', '\u007f', '\u0080', 'a\u20acb', '😀'])
      expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});
