import { describe, expect, it } from 'vitest';
import { contentProblem, hasWrittenDates, type MappingSample, quoteValue } from './content.ts';

const column = (values: string[], delimiter: MappingSample['delimiter'] = ','): MappingSample => ({
  rows: values.map((v) => [v]),
  delimiter,
});

describe('contentProblem', () => {
  it('accepts the numbers shops write: currency, thousands, decimal commas, (negatives)', () => {
    for (const values of [
      ['£1,234.56', '$8.00', '-$3.00', '(12.00)'],
      ['1.234,50', '0,99', '12'],
      ['1.0', '2', ''],
    ])
      expect(contentProblem('amount', 0, column(values, ';')), values.join(' ')).toBeNull();
  });

  it('refuses words as numbers, with the first one as the example', () => {
    expect(contentProblem('quantity', 0, column(['2', 'Regular', 'Large']))).toBe(
      "not numbers (e.g. 'Regular')",
    );
  });

  it('an empty column serves no role, unless the caller allows it', () => {
    expect(contentProblem('country', 0, column(['', '']))).toBe('always empty');
    expect(contentProblem('status', 0, column(['', '']), { allowEmpty: true })).toBeNull();
  });

  it('a date column needs one value that reads as a date in some format', () => {
    expect(contentProblem('date', 0, column(['abc', '01.12.2010']))).toBeNull();
    expect(contentProblem('date', 0, column(['abc', 'later']))).toBe("no dates (e.g. 'abc')");
  });

  it('a time column needs times of day', () => {
    expect(contentProblem('time', 0, column(['14:00:00', '2:05 PM']))).toBeNull();
    expect(contentProblem('time', 0, column(['Eastern Time (US & Canada)']))).toBe(
      "no times of day (e.g. 'Eastern Time (US & Canada)')",
    );
  });

  it('no rows: nothing to judge, names alone decide', () => {
    expect(contentProblem('invoice', 0, { rows: [], delimiter: ',' })).toBeNull();
  });

  it('quotes long values shortened', () => {
    expect(quoteValue('WHITE HANGING HEART T-LIGHT HOLDER')).toBe(
      "'WHITE HANGING HEART T-LIGHT...'",
    );
  });
});

describe('hasWrittenDates', () => {
  it('finds a written date in any column, but not postcodes that read as Excel days', () => {
    expect(
      hasWrittenDates(
        {
          rows: [
            ['a', '36500'],
            ['b', '97201'],
          ],
          delimiter: ',',
        },
        2,
      ),
    ).toBe(false);
    expect(
      hasWrittenDates(
        {
          rows: [
            ['a', '36500'],
            ['b', '2011-01-05'],
          ],
          delimiter: ',',
        },
        2,
      ),
    ).toBe(true);
  });
});
