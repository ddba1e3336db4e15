import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseNumber } from './numbers';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseNumber with a decimal point', () => {
  it.each([
    ['12', 12],
    ['-3', -3],
    ['2.55', 2.55],
    ['-11062.06', -11062.06],
    ['0.001', 0.001],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['-.5', -0.5],
    ['1,234.50', 1234.5],
    ['1,234,567', 1234567],
    ['1 234.50', 1234.5],
    [`1${NBSP}234.50`, 1234.5],
    ["1'234.50", 1234.5],
    ['£1,234.50', 1234.5],
    ['$12', 12],
    ['US$12.5', 12.5],
    ['12 €', 12],
    ['12€', 12],
    ['USD 12.00', 12],
    ['12.00 USD', 12],
    ['12 kr', 12],
    ['(12.00)', -12],
    ['($1,200.00)', -1200],
    ['-£5', -5],
    ['£-5', -5],
    ['- £5', NaN],
    ['-£ 5', -5],
    [' 7 ', 7],
    ['00012', 12],
    ['12345678901234567890', 1.2345678901234567e19],
    ['0.12345678901234567', 0.12345678901234566],
    ['£12,345,678,901,234,567.5', 12345678901234568],
  ])('%j -> %d', (text, expected) => {
    expect(parseNumber(text, '.')).toBe(expected);
  });

  it.each([
    '',
    ' ',
    '-',
    '.',
    '£',
    'EUR',
    'abc',
    '12abc',
    '12-',
    '--5',
    '+-5',
    '(-5)',
    '1.2.3',
    '1,2,3',
    '1,25',
    '12,34.5',
    '1,2345',
    ',123',
    '0,123',
    '1,234,56',
    "1,234'567",
    '1 2',
    '1e',
    '1e+',
    'e5',
    '1e5.5',
    'NaN',
    'Infinity',
    '0x1A',
    '12 34',
    '1,234.5.6',
  ])('%j -> NaN', (text) => {
    expect(parseNumber(text, '.')).toBeNaN();
  });
});

describe('parseNumber with a decimal comma', () => {
  it.each([
    ['12', 12],
    ['-3', -3],
    ['1,25', 1.25],
    ['0,5', 0.5],
    [',5', 0.5],
    ['5,', 5],
    ['1.234,50', 1234.5],
    ['1.234', 1234],
    ['1,234', 1.234],
    ['1 234,50', 1234.5],
    [`1${NBSP}234,50`, 1234.5],
    [`1${NNBSP}234,50`, 1234.5],
    ['1.234,50 €', 1234.5],
    ['EUR 12,00', 12],
    ['12,00 zł', 12],
    ['(12,00)', -12],
    ['-€5', -5],
    ['€-5', -5],
    ['1,5e3', 1500],
    ['1.234.567.890.123.456,78', 1234567890123456.8],
  ])('%j -> %d', (text, expected) => {
    expect(parseNumber(text, ',')).toBe(expected);
  });

  it.each(['', 'abc', '2.55', '1.2.3', '1,2,3', '1.234.56', '1,234.50', '--5', '12-', '.5'])(
    '%j -> NaN',
    (text) => {
      expect(parseNumber(text, ',')).toBeNaN();
    },
  );
});

describe('detectDecimalSeparator', () => {
  it('is a point for plain and point-decimal values', () => {
    expect(detectDecimalSeparator(['12', '-3', '2.55', '0.001'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['1,234.50', '£2.55'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['1,234,567', '3'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator([], ';').decimal).toBe('.');
  });

  it('is a comma for decimal-comma values, whatever the delimiter', () => {
    expect(detectDecimalSeparator(['1,25', '3'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['0,5'], '\t').decimal).toBe(',');
    expect(detectDecimalSeparator(['1.234,50'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['1 234,50 €'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['1.234.567'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['12,3456'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['0,123'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['1234,567'], ',').decimal).toBe(',');
  });

  it('reads 1,234 alone as thousands, unless a ; file shows decimal commas elsewhere', () => {
    expect(detectDecimalSeparator(['1,234', '12'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['1,234', '12'], ';').decimal).toBe('.');
    expect(detectDecimalSeparator(['1,234', '2,5'], ';').decimal).toBe(',');
    expect(detectDecimalSeparator(['1.234', '12'], ';').decimal).toBe('.');
  });

  it('follows the majority when values disagree; a tie goes to the delimiter convention', () => {
    expect(detectDecimalSeparator(['2.55', '3.10', '1,5'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['2,55', '3,10', '1.5'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['2.55', '1,5'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['2.55', '1,5'], ';').decimal).toBe(',');
  });

  it('ignores text and empty values', () => {
    expect(detectDecimalSeparator(['', 'n/a', 'a, b', '12'], ',').decimal).toBe('.');
  });
});

describe('round trip (property)', () => {
  // Digits are written as integers and joined by hand so the text never goes through a float.
  const groupDigits = (digits: string, sep: string): string =>
    digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  it.each([
    ['.', ','],
    ['.', ' '],
    ['.', ''],
    [',', '.'],
    [',', NBSP],
    [',', NNBSP],
    [',', ''],
  ] as const)('decimal %j, thousands %j', (decimal, thousands) => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 999_999_999_999n }),
        fc.nat({ max: 9999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.constantFrom('', '£', '€ ', 'EUR '),
        (whole, fracRaw, fracDigits, negative, currency) => {
          const frac = String(fracRaw).padStart(4, '0').slice(0, fracDigits);
          const canonical = `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
          const text =
            `${negative ? '-' : ''}${currency}${groupDigits(String(whole), thousands)}` +
            (frac ? `${decimal}${frac}` : '');
          expect(parseNumber(text, decimal), text).toBe(Number(canonical));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
