/**
 * Customers by country and country names, with every answer computed inside its test (the cases
 * in countries.test.ts are computed in the describe body, where Stryker credits no test, and its
 * UCI comparison takes seconds): hand-made breakdowns whose sums, order and segment counts are
 * worked out by hand, and names whose key depends on a run of punctuation or a "the" inside.
 */
import { describe, expect, it } from 'vitest';
import { countryBreakdown, hasCountries } from './countries.ts';
import { countryKey, isoCountryCode } from './country-codes.ts';

describe('countryBreakdown, computed in each test', () => {
  it('sums customers, revenue and segments per trimmed name, largest revenue first', () => {
    // Germany: 100 + 50 in segments 0 and 1; EIRE (once with spaces): 400 + 20, both segment 1.
    const result = countryBreakdown(
      ['Germany', 'EIRE', 'Germany', ' EIRE ', ''],
      [100, 400, 50, 20, 5],
      [0, 1, 1, 1, 2],
      3,
    );
    expect(result.customers).toBe(5);
    expect(result.revenue).toBe(575);
    expect(result.rows).toEqual([
      { name: 'EIRE', iso3: 'IRL', customers: 2, revenue: 420, segments: [0, 2, 0] },
      { name: 'Germany', iso3: 'DEU', customers: 2, revenue: 150, segments: [1, 1, 0] },
      { name: '', iso3: null, customers: 1, revenue: 5, segments: [0, 0, 1] },
    ]);
  });

  it('orders by revenue before customers, even when the smaller one has more customers', () => {
    const result = countryBreakdown(
      ['Spain', 'France', 'France', 'France'],
      [90, 10, 20, 30],
      [0, 0, 0, 0],
      1,
    );
    expect(result.rows.map((r) => [r.name, r.customers, r.revenue])).toEqual([
      ['Spain', 1, 90],
      ['France', 3, 60],
    ]);
  });

  it('breaks revenue ties by more customers first, then by name A to Z', () => {
    const tied = countryBreakdown(
      ['b', 'a', 'c', 'c', 'd'],
      [10, 10, 5, 5, 10],
      [0, 0, 0, 0, 0],
      1,
    );
    expect(tied.rows.map((r) => r.name)).toEqual(['c', 'a', 'b', 'd']);
    const reversed = countryBreakdown(
      ['d', 'c', 'c', 'b', 'a'],
      [10, 5, 5, 10, 10],
      [0, 0, 0, 0, 0],
      1,
    );
    expect(reversed.rows.map((r) => r.name)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('counts labels below 0 (noise) and from k up in no segment, but in the country', () => {
    const result = countryBreakdown(
      ['Italy', 'Italy', 'Italy', 'Italy'],
      [1, 2, 3, 4],
      [-1, 0, 1, 2],
      2,
    );
    expect(result.rows).toEqual([
      { name: 'Italy', iso3: 'ITA', customers: 4, revenue: 10, segments: [1, 1] },
    ]);
  });

  it('refuses a monetary or a label column of another length', () => {
    expect(() => countryBreakdown(['a', 'b'], [1], [0, 0], 1)).toThrow(RangeError);
    expect(() => countryBreakdown(['a', 'b'], [1, 2], [0], 1)).toThrow(RangeError);
    expect(countryBreakdown([], [], [], 2)).toEqual({ rows: [], customers: 0, revenue: 0 });
  });
});

describe('hasCountries, computed in each test', () => {
  it('is true only when some name is more than spaces', () => {
    expect(hasCountries([])).toBe(false);
    expect(hasCountries(['', '  '])).toBe(false);
    expect(hasCountries(['', ' Spain '])).toBe(true);
  });
});

describe('country names with runs of punctuation or a "the" inside', () => {
  it('reads a run of spaces or punctuation as one space', () => {
    expect(countryKey('United  Kingdom')).toBe('united kingdom');
    expect(isoCountryCode('United  Kingdom')).toBe('GBR');
    expect(isoCountryCode('Korea, - Republic of')).toBe('KOR');
  });

  it('drops only a leading "the"', () => {
    expect(countryKey('South Georgia and the South Sandwich Islands')).toBe(
      'south georgia and the south sandwich islands',
    );
    expect(isoCountryCode('The Bahamas')).toBe('BHS');
  });
});
