/**
 * serialToIso (README "Mutation testing"): Excel day numbers in both date systems, worked out by
 * hand from their epochs (1899-12-30 and 1904-01-01), and the time of day shown only when there is one.
 */
import { describe, expect, it } from 'vitest';
import { serialToIso } from './serial.ts';

describe('serialToIso', () => {
  it('a whole serial is a date alone, in either date system', () => {
    expect(serialToIso(40513, false)).toBe('2010-12-01');
    expect(serialToIso(0, true)).toBe('1904-01-01');
    // The 1904 system counts 1462 days fewer for the same date.
    expect(serialToIso(40513 - 1462, true)).toBe('2010-12-01');
  });

  it('a fraction is the time of day, rounded to the second, every field padded', () => {
    expect(serialToIso(40513.5, false)).toBe('2010-12-01 12:00:00');
    expect(serialToIso(40513.3513889, false)).toBe('2010-12-01 08:26:00');
    // 0.0003 of a day is 25.92 s: 26 s.
    expect(serialToIso(40513.0003, false)).toBe('2010-12-01 00:00:26');
    expect(serialToIso(40461 + (10 * 3600 + 10 * 60 + 10) / 86400, false)).toBe(
      '2010-10-10 10:10:10',
    );
  });

  it('a fraction that rounds to midnight is the date alone', () => {
    expect(serialToIso(40513.999999, false)).toBe('2010-12-02');
  });
});
