/**
 * Cases written for the survivors of a mutation run on dates.ts (README "Mutation testing"): the
 * month and period readings a monthly file relies on, the edges of the calendar and of the time
 * of day, and how detection weighs formats. Every expected value is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { detectDateFormat } from './date-detection.ts';
import { parseDate, parseTimeOfDay } from './dates.ts';
import { isYear, monthNumber } from './year-month.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('monthNumber', () => {
  it('reads numbers 1..12, one or two digits, and nothing else', () => {
    expect(['7', '07', ' 11 ', '10.'].map(monthNumber)).toEqual([7, 7, 11, 10]);
    expect(['00', '99', '123', '-1', '1 2'].map(monthNumber)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('reads English names from three letters on, in any case, with a trailing dot', () => {
    expect(
      ['Jun', 'jul', 'MAY', 'Mar.', 'august', 'Nov', 'DECEMBER', ' feb '].map(monthNumber),
    ).toEqual([6, 7, 5, 3, 8, 11, 12, 2]);
    // Two letters name no month on their own ('ma' is March or May); a longer wrong name is none.
    expect(['ma', 'ju', 'no', 'marc h', 'junee', 'oct..'].map(monthNumber)).toEqual([
      -1, -1, -1, -1, -1, -1,
    ]);
  });
});

describe('isYear', () => {
  it('is four digits, spaces around allowed', () => {
    expect(['2011', ' 2011 ', '\t1999'].map(isYear)).toEqual([true, true, true]);
    expect(['201', '20111', '2011a', 'a2011', '2011-01', ''].map(isYear)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('parseDate year-month', () => {
  it('is the first of the month, for every separator and a name', () => {
    const july = Date.UTC(2011, 6, 1);
    for (const v of ['2011-07', '2011/07', '2011.07', '201107', '2011-7', '2011.7', '2011/jul'])
      expect(parseDate(v, 'year-month'), v).toBe(july);
    expect(parseDate(' 2011-Sept. ', 'year-month')).toBe(Date.UTC(2011, 8, 1));
    expect(parseDate('2011', 'year-month')).toBe(Date.UTC(2011, 0, 1));
  });

  it('takes years 1900..2199 only, so a code or a count is no period', () => {
    expect(parseDate('1900-01', 'year-month')).toBe(Date.UTC(1900, 0, 1));
    expect(parseDate('2199-12', 'year-month')).toBe(Date.UTC(2199, 11, 1));
    for (const v of ['1899-12', '2200-01', '2011-', '2011-1-', '20111', '2011--01', '2011 01'])
      expect(parseDate(v, 'year-month'), v).toBeNaN();
  });

  it('is what detection chooses for a column of periods', () => {
    expect(detectDateFormat(['2011-01', '2011-02', '2011-Mar'])).toEqual({
      format: 'year-month',
      ambiguous: false,
      candidates: ['year-month'],
    });
  });
});

describe('calendar and clock edges', () => {
  it('the first four-digit year is 1000; three-digit years are not dates', () => {
    expect(parseDate('1000-01-01', 'iso')).toBe(Date.UTC(1000, 0, 1));
    expect(parseDate('0999-12-31', 'iso')).toBeNaN();
  });

  it('December has 31 days, the short months 30', () => {
    expect(parseDate('2011-12-31', 'iso')).toBe(Date.UTC(2011, 11, 31));
    expect(parseDate('2011-01-31', 'iso')).toBe(Date.UTC(2011, 0, 31));
    for (const v of ['2011-06-31', '2011-09-31', '2011-11-31', '2011-12-32'])
      expect(parseDate(v, 'iso'), v).toBeNaN();
  });

  it('the last minute and second of a day, and a decimal comma before milliseconds', () => {
    expect(parseTimeOfDay('23:59:59')).toBe(23 * HOUR + 59 * MINUTE + 59_000);
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('08:26:00,5')).toBe(8 * HOUR + 26 * MINUTE + 500);
    expect(parseTimeOfDay('08:26:00.')).toBeNaN();
    expect(parseTimeOfDay('08:26:0')).toBeNaN();
  });

  it('12 AM is midnight and 12 PM noon; AM/PM needs an hour of 1..12', () => {
    expect(parseTimeOfDay('12:30 AM')).toBe(30 * MINUTE);
    expect(parseTimeOfDay('12:30 pm')).toBe(12 * HOUR + 30 * MINUTE);
    expect(parseTimeOfDay('1:00 am')).toBe(HOUR);
    expect(parseTimeOfDay('11:00PM')).toBe(23 * HOUR);
    expect(parseTimeOfDay('0:30 PM')).toBeNaN();
  });

  it('a zone after a time column value is dropped; an offset of one digit is not a zone', () => {
    expect(parseTimeOfDay('14:05 Z')).toBe(14 * HOUR + 5 * MINUTE);
    expect(parseTimeOfDay('14:05+0100')).toBe(14 * HOUR + 5 * MINUTE);
    expect(parseTimeOfDay('14:05 GMT')).toBe(14 * HOUR + 5 * MINUTE);
    expect(parseTimeOfDay('14:05 +1')).toBeNaN();
    expect(parseTimeOfDay('14:05 +01:0')).toBeNaN();
  });

  it('a compact time has both hour digits; its seconds are optional', () => {
    expect(parseDate('20101201 0826', 'ymd-compact')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate('20101201T082659', 'ymd-compact')).toBe(Date.UTC(2010, 11, 1, 8, 26, 59));
    expect(parseDate('20101201 08265', 'ymd-compact')).toBeNaN();
    expect(parseDate('20101201 08', 'ymd-compact')).toBeNaN();
    expect(parseDate('20101201 08:26 +0100', 'ymd-compact')).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  it('a tab separates the time as a space does; a lower-case z is a zone', () => {
    expect(parseDate('2011-12-09\t12:50', 'iso')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(parseDate('12/9/2011\t12:50', 'mdy')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(parseDate('2011-12-09T12:50:00z', 'iso')).toBe(Date.UTC(2011, 11, 9, 12, 50));
  });

  it('day/month dates take no zone, and a space must separate the time', () => {
    expect(parseDate('12/1/2010 08:26 UTC', 'mdy')).toBeNaN();
    expect(parseDate('12/1/201008:26', 'mdy')).toBeNaN();
    expect(parseDate('2011-12-0908:26', 'iso')).toBeNaN();
    expect(parseDate('2011-12-09t08:26', 'iso')).toBe(Date.UTC(2011, 11, 9, 8, 26));
  });

  it('Excel serials: a fraction of a day to the second, and only plain digits', () => {
    expect(parseDate('40513.5', 'excel-serial')).toBe(Date.UTC(2010, 11, 1, 12));
    expect(parseDate('40513.', 'excel-serial')).toBe(Date.UTC(2010, 11, 1));
    expect(parseDate('', 'excel-serial')).toBeNaN();
    expect(parseDate('40513/5', 'excel-serial')).toBeNaN();
  });
});

describe('what is not a date stays unread', () => {
  it('a time that fails after a good date does not reuse that date', () => {
    expect(parseDate('12/1/10 8:26', 'mdy')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseDate('12/1/10 25:00', 'mdy')).toBeNaN();
    expect(parseDate('1/12/10 8:26 ax', 'dmy')).toBeNaN();
  });

  it('four digits without a colon are a time in compact dates only', () => {
    expect(parseDate('2011-12-09 1250', 'iso')).toBeNaN();
    expect(parseDate('12/9/2011 1250', 'mdy')).toBeNaN();
    expect(parseTimeOfDay('1405')).toBeNaN();
  });

  it('a fraction of a second ends at its last digit; a zone follows it', () => {
    expect(parseTimeOfDay('08:26:00.5 +01:00')).toBe(8 * HOUR + 26 * MINUTE + 500);
    expect(parseTimeOfDay('14:05 ~0100')).toBeNaN();
  });

  it('a period has a separator of - / . or none', () => {
    expect(parseDate('2011x07', 'year-month')).toBeNaN();
  });
});

describe('detectDateFormat weighing', () => {
  it('allows floor(1%) failures: one bad value in 100 is tolerated, one in 99 is not', () => {
    const good = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `2011-01-${String((i % 28) + 1).padStart(2, '0')} 0${i % 10}:00`,
      );
    expect(detectDateFormat([...good(99), 'bad'])?.format).toBe('iso');
    expect(detectDateFormat([...good(98), 'bad'])).toBeNull();
  });

  it('empty values are neither counted nor failed', () => {
    const values = ['', '2011-01-05', '', '2011-02-05', ''];
    expect(detectDateFormat(values)).toEqual({
      format: 'iso',
      ambiguous: false,
      candidates: ['iso'],
    });
  });

  it('the fewest failures win among the candidates, whatever their preference order', () => {
    // 200 values, both readings within 1% (2 failures allowed): 197 read either way, plus values
    // only one order reads (a first field above 12 is day-first only, a second one month-first).
    const both = Array.from({ length: 197 }, (_, i) => `${(i % 12) + 1}/${(i % 11) + 1}/2011`);
    const dayFirstWins = detectDateFormat([...both, '13/1/2011', '14/2/2011', '1/13/2011']);
    expect(dayFirstWins).toEqual({ format: 'dmy', ambiguous: false, candidates: ['mdy', 'dmy'] });
    const monthFirstWins = detectDateFormat([...both, '1/13/2011', '2/14/2011', '13/1/2011']);
    expect(monthFirstWins).toEqual({ format: 'mdy', ambiguous: false, candidates: ['mdy', 'dmy'] });
  });

  it('dots decide day-first only when every value read is dotted', () => {
    expect(detectDateFormat(['1.2.2011', '3.4.2011'])?.format).toBe('dmy');
    expect(detectDateFormat(['9.1.2011', '3.4.2011'])?.format).toBe('dmy');
    // An unreadable value (within 1%) is not a date without dots.
    const dotted = Array.from({ length: 100 }, (_, i) => `${(i % 12) + 1}.${(i % 11) + 1}.2011`);
    expect(detectDateFormat([...dotted, 'n/a'])?.format).toBe('dmy');
    expect(detectDateFormat(['1.2.2011', '3/4/2011'])?.format).toBe('mdy');
    // Dotted ISO dates are no evidence: the column is ISO, not ambiguous.
    expect(detectDateFormat(['2011.02.01', '2011.04.03'])?.ambiguous).toBe(false);
  });
});
