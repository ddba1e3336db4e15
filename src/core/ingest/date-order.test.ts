import { describe, expect, it } from 'vitest';
import { detectDateFormat } from './date-detection.ts';
import { parseDate } from './dates';

// 2010-12-01 08:26:00 as naive UTC epoch ms (Python: datetime(2010,12,1,8,26) - epoch).
const FIRST_UCI_LINE = 1291191960000;

/** The UCI file's first and last days in a German export: every day and month both <= 12. */
const GERMAN_FIRST_ROWS = ['01.12.2010 08:26', '01.12.2010 08:28', '02.12.2010 07:45'];

describe('detectDateFormat: day or month first', () => {
  it('reads dates written with dots day-first when both orders read every value', () => {
    expect(detectDateFormat(GERMAN_FIRST_ROWS)).toEqual({
      format: 'dmy',
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
    });
    expect(parseDate('01.12.2010 08:26', 'dmy')).toBe(FIRST_UCI_LINE);
  });

  it('keeps month-first (SPEC) for the same dates written with slashes or dashes', () => {
    for (const sep of ['/', '-']) {
      const values = GERMAN_FIRST_ROWS.map((v) => v.replaceAll('.', sep));
      expect(detectDateFormat(values)).toEqual({
        format: 'mdy',
        ambiguous: true,
        candidates: ['mdy', 'dmy'],
      });
    }
  });

  it('does not apply the dot rule unless every date is written with dots', () => {
    const values = ['01.12.2010 08:26', '02/12/2010 09:00', '03.12.2010 10:00'];
    expect(detectDateFormat(values)?.format).toBe('mdy');
  });

  it('lets the values decide over the dots: a second field above 12 is month-first', () => {
    expect(detectDateFormat(['12.13.2010', '1.2.2011', '3.4.2011'])).toEqual({
      format: 'mdy',
      ambiguous: false,
      candidates: ['mdy'],
    });
  });

  it('reads a whole German column (days up to 31) day-first without ambiguity', () => {
    const values: string[] = [];
    for (let month = 1; month <= 12; month++)
      for (let day = 1; day <= 28; day++)
        values.push(`${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.2011 10:00`);
    expect(detectDateFormat(values)).toEqual({
      format: 'dmy',
      ambiguous: false,
      candidates: ['dmy'],
    });
  });

  it('is not fooled by ISO dates written with dots', () => {
    expect(detectDateFormat(['2010.12.01', '2011.01.02'])).toEqual({
      format: 'iso',
      ambiguous: false,
      candidates: ['iso'],
    });
  });
});
