import { describe, expect, it } from 'vitest';
import { datePart, otherOrder, twoReadings } from './date-order.ts';

describe('twoReadings', () => {
  it('gives both meanings of the first date that reads as two different days', () => {
    // 05.05.2011 reads as the same day both ways: it tells the owner nothing.
    expect(twoReadings(['05.05.2011 10:00', '01.12.2010 08:26', '02.12.2010 09:00'])).toEqual({
      raw: '01.12.2010 08:26',
      dayFirst: '1 December',
      monthFirst: '12 January',
    });
  });

  it('is null when no date reads both ways as different days', () => {
    expect(twoReadings([])).toBeNull();
    expect(twoReadings(['05.05.2011', '13.12.2010', '2011-01-02'])).toBeNull();
  });
});

describe('datePart and otherOrder', () => {
  it('keeps the date of a timestamp for a sentence', () => {
    expect(datePart('01.12.2010 08:26')).toBe('01.12.2010');
    expect(datePart('2010-12-01T08:26')).toBe('2010-12-01');
    expect(datePart(' 1/12/10 ')).toBe('1/12/10');
  });

  it('switches day-first and month-first only', () => {
    expect(otherOrder('dmy')).toBe('mdy');
    expect(otherOrder('mdy')).toBe('dmy');
    expect(otherOrder('iso')).toBeNull();
  });
});
