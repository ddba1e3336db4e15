/**
 * formatDateExample (README "Mutation testing"): every field two digits wide, the year four, and
 * nothing for what is not a time.
 */
import { describe, expect, it } from 'vitest';
import { formatDateExample } from './date-example.ts';

describe('formatDateExample', () => {
  it('pads each field to two digits, and not one with two already', () => {
    expect(formatDateExample(Date.UTC(2010, 9, 10, 10, 10, 10))).toBe('2010-10-10 10:10:10');
    expect(formatDateExample(Date.UTC(2010, 8, 9, 9, 9, 9))).toBe('2010-09-09 09:09:09');
    expect(formatDateExample(Date.UTC(2011, 11, 31, 23, 59, 59))).toBe('2011-12-31 23:59:59');
  });

  it('pads a year below 1000 to four digits', () => {
    // Date.UTC reads only years 0..99 as 19xx, so 999 is the year 999.
    expect(formatDateExample(Date.UTC(999, 0, 1))).toBe('0999-01-01 00:00:00');
  });

  it('is empty for infinities and for times a Date cannot hold', () => {
    expect(formatDateExample(Infinity)).toBe('');
    expect(formatDateExample(-Infinity)).toBe('');
    expect(formatDateExample(8.64e15 + 1)).toBe('');
  });
});
