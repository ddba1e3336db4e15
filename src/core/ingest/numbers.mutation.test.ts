/**
 * Cases written for the survivors of a mutation run on numbers.ts (README "Mutation testing"):
 * the spaces, apostrophes and currency tokens at the edges of what is accepted, thousands groups
 * of the wrong size, and which values count as evidence for the decimal mark.
 */
import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseNumber } from './numbers.ts';

const THIN = '\u2009';
const NNBSP = '\u202f';
const RIGHT_QUOTE = '\u2019';

describe('parseNumber: spaces and group marks', () => {
  it('trims tabs and reads every space kind and the typographic apostrophe as thousands', () => {
    expect(parseNumber('\t12\t', '.')).toBe(12);
    expect(parseNumber(`1${THIN}234.5`, '.')).toBe(1234.5);
    expect(parseNumber(`1${NNBSP}234${NNBSP}567`, '.')).toBe(1234567);
    expect(parseNumber(`1${RIGHT_QUOTE}234.5`, '.')).toBe(1234.5);
    expect(parseNumber('1\t234', '.')).toBe(1234);
  });

  it('a first group has 1 to 3 digits; later groups exactly 3', () => {
    expect(parseNumber('12,345', '.')).toBe(12345);
    expect(parseNumber('123,456.7', '.')).toBe(123456.7);
    expect(parseNumber('1234,567', '.')).toBeNaN();
    expect(parseNumber('1,2345.6', '.')).toBeNaN();
    expect(parseNumber('1.23', ',')).toBeNaN();
    // Indian lakh grouping (1,23,456) is not read as thousands.
    expect(parseNumber('1,23,456.5', '.')).toBeNaN();
    expect(parseNumber('12.345,6', ',')).toBe(12345.6);
  });

  it('an upper-case exponent and a signed one', () => {
    expect(parseNumber('2E3', '.')).toBe(2000);
    expect(parseNumber('2e+3', '.')).toBe(2000);
    expect(parseNumber('-2,5E-1', ',')).toBe(-0.25);
    expect(parseNumber('2e3x', '.')).toBeNaN();
  });

  it('brackets need both ends, and something inside', () => {
    expect(parseNumber('(5', '.')).toBeNaN();
    expect(parseNumber('5)', '.')).toBeNaN();
    expect(parseNumber('()', '.')).toBeNaN();
    expect(parseNumber('(5)', '.')).toBe(-5);
    expect(parseNumber('12)', '.')).toBeNaN();
    expect(parseNumber('(12', '.')).toBeNaN();
    expect(parseNumber(' ( 5 ) ', ',')).toBeNaN();
  });
});

describe('parseNumber: currency tokens', () => {
  it('symbols of the Latin-1 and Unicode currency ranges, before or after', () => {
    expect(parseNumber('¢50', '.')).toBe(50);
    expect(parseNumber('¥1,000', '.')).toBe(1000);
    expect(parseNumber('₹1,234', '.')).toBe(1234);
    expect(parseNumber('12 ₽', ',')).toBe(12);
    expect(parseNumber('\u20a05', '.')).toBe(5);
    expect(parseNumber('\u20cf5', '.')).toBe(5);
    expect(parseNumber('\u21925', '.')).toBeNaN();
    expect(parseNumber('¦5', '.')).toBeNaN();
    expect(parseNumber('¡5', '.')).toBeNaN();
  });

  it('up to three capitals before a symbol, or an ISO code of exactly three', () => {
    expect(parseNumber('A$5', '.')).toBe(5);
    expect(parseNumber('CHF12', '.')).toBe(12);
    expect(parseNumber('ZAR 12', '.')).toBe(12);
    expect(parseNumber('12 CHF', '.')).toBe(12);
    expect(parseNumber('12 US$', '.')).toBe(12);
    expect(parseNumber('12 AUD$', '.')).toBe(12);
    expect(parseNumber('12 ABCD$', '.')).toBeNaN();
    expect(parseNumber('ABCD 12', '.')).toBeNaN();
    expect(parseNumber('12 ABCD', '.')).toBeNaN();
    expect(parseNumber('EU 12', '.')).toBeNaN();
    expect(parseNumber('12 EU', '.')).toBeNaN();
    expect(parseNumber('@12', '.')).toBeNaN();
    expect(parseNumber('[12', '.')).toBeNaN();
  });

  it('kr and zł on either side', () => {
    expect(parseNumber('kr 12', ',')).toBe(12);
    expect(parseNumber('zł12,5', ',')).toBe(12.5);
    expect(parseNumber('12kr', '.')).toBe(12);
    expect(parseNumber('-12,50 zł', ',')).toBe(-12.5);
    expect(parseNumber('k12', '.')).toBeNaN();
  });

  it('one currency only, and a second sign after it is garbage', () => {
    expect(parseNumber('££5', '.')).toBeNaN();
    expect(parseNumber('-£-5', '.')).toBeNaN();
    expect(parseNumber('+£5', '.')).toBe(5);
    expect(parseNumber('£+5', '.')).toBe(5);
  });
});

describe('detectDecimalSeparator: what counts as evidence', () => {
  it('repeated valid groups testify for the other mark', () => {
    expect(detectDecimalSeparator(['1,234,567', '2,000,000', '1,5'], ',').decimal).toBe('.');
    expect(detectDecimalSeparator(['12.345.678', '3'], ',').decimal).toBe(',');
  });

  it('a mark with no digit before it, or not three after, is the decimal mark', () => {
    expect(detectDecimalSeparator([',567'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['1,5678', '2.5'], ';').decimal).toBe(',');
    expect(detectDecimalSeparator(['12345,678'], ',').decimal).toBe(',');
  });

  it('1,234 or 10,123 alone says nothing; a lone 0 before three digits does', () => {
    expect(detectDecimalSeparator(['10,123', '5,123'], ';').decimal).toBe('.');
    expect(detectDecimalSeparator(['0,123'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['0.123'], ';').decimal).toBe('.');
  });

  it('text that only looks like a number testifies for neither mark', () => {
    expect(detectDecimalSeparator(['Mr. X', '1,5'], ',').decimal).toBe(',');
    expect(detectDecimalSeparator(['a,b', 'c,d', '2.5'], ',').decimal).toBe('.');
  });

  it('a tie goes to the comma only in a semicolon file', () => {
    expect(detectDecimalSeparator(['1,25', '2.5'], ';').decimal).toBe(',');
    expect(detectDecimalSeparator(['1,25', '2.5'], '\t').decimal).toBe('.');
    expect(detectDecimalSeparator(['1,25', '2.5', '3.5'], ';').decimal).toBe('.');
  });
});
