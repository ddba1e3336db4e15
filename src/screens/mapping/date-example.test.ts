import { describe, expect, it } from 'vitest';
import { dateSamples, FIRST_OF_MONTH, readDateExample } from './date-example.ts';

describe('readDateExample', () => {
  it('reads a period as its month, dated the first day, never as a weekday', () => {
    for (const value of ['2010-12', '201012', '2010/12', '2010-Dec', '2010-December'])
      expect(readDateExample(value, 'year-month')).toEqual({
        reads: 'December 2010',
        detail: FIRST_OF_MONTH,
      });
    expect(readDateExample('2011-01', 'year-month')?.reads).toBe('January 2011');
    expect(readDateExample('2011-1', 'year-month')?.reads).toBe('January 2011');
  });

  it('reads a day with its weekday and the exact time', () => {
    expect(readDateExample('12/1/2010 8:26', 'mdy')).toEqual({
      reads: 'Wednesday, 1 December 2010',
      detail: '2010-12-01 08:26:00',
    });
    expect(readDateExample('12/1/2010', 'dmy')?.reads).toBe('Tuesday, 12 January 2010');
  });

  it('is null for a value that does not read in the format', () => {
    expect(readDateExample('2010-13', 'year-month')).toBeNull();
    expect(readDateExample('13/13/2010', 'mdy')).toBeNull();
  });
});

describe('dateSamples', () => {
  const rows = [
    ['S1', '2010', '12', '2010-12'],
    ['S2', '2010', '12', '2010-12'],
    ['S1', '2011', '1', '201101'],
    ['S3', '', '', ''],
  ];

  it('joins a year column and a month column into one period per row, once each', () => {
    const { samples, yearAndMonth } = dateSamples(rows, 1, 2);
    expect(yearAndMonth).toBe(true);
    expect(samples).toEqual([
      { value: '2010-12', shown: '2010 + 12' },
      { value: '2011-1', shown: '2011 + 1' },
    ]);
    expect(readDateExample(samples[0]!.value, 'year-month')?.reads).toBe('December 2010');
  });

  it('keeps a period column as written', () => {
    const { samples, yearAndMonth } = dateSamples(rows, 3, undefined);
    expect(yearAndMonth).toBe(false);
    expect(samples.map((s) => s.shown)).toEqual(['2010-12', '201101']);
    expect(samples.map((s) => readDateExample(s.value, 'year-month')?.reads)).toEqual([
      'December 2010',
      'January 2011',
    ]);
  });

  it('leaves the month column out when the date column holds more than years', () => {
    // As the analysis does: a month column beside full dates is a helper column.
    const { samples, yearAndMonth } = dateSamples(rows, 3, 2);
    expect(yearAndMonth).toBe(false);
    expect(samples[0]).toEqual({ value: '2010-12', shown: '2010-12' });
  });

  it('is empty without a date column', () => {
    expect(dateSamples(rows, undefined, 2)).toEqual({ samples: [], yearAndMonth: false });
  });
});
