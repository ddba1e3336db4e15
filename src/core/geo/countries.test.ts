/**
 * Customers by country: a case small enough to add up by hand, then the full UCI file through
 * the real pipeline against a pandas groupby of the same cleaned lines with the reference's
 * k-means labels (fixtures/countries.pandas.json, scripts/fixtures/countries_pandas.py).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../node/file-source.ts';
import { prepare } from '../pipeline.ts';
import { analysisState } from '../results.ts';
import { loadReferenceLabels, sharedPath } from '../testing/reference.ts';
import { countryBreakdown, hasCountries } from './countries.ts';

describe('countryBreakdown by hand', () => {
  // Five customers: two in Germany (100 + 50), two in EIRE (400 + 20), one with no country (5).
  const country = ['Germany', 'EIRE', 'Germany', ' EIRE ', ''];
  const monetary = [100, 400, 50, 20, 5];
  const labels = [0, 1, 1, 1, 2];
  const { rows, customers, revenue } = countryBreakdown(country, monetary, labels, 3);

  it('sums customers, revenue and segments per country, largest revenue first', () => {
    expect(customers).toBe(5);
    expect(revenue).toBe(575);
    expect(rows).toEqual([
      { name: 'EIRE', iso3: 'IRL', customers: 2, revenue: 420, segments: [0, 2, 0] },
      { name: 'Germany', iso3: 'DEU', customers: 2, revenue: 150, segments: [1, 1, 0] },
      { name: '', iso3: null, customers: 1, revenue: 5, segments: [0, 0, 1] },
    ]);
  });

  it('breaks revenue ties by customers, then by name', () => {
    const tied = countryBreakdown(['b', 'a', 'c', 'c'], [10, 10, 5, 5], [0, 0, 0, 0], 1);
    expect(tied.rows.map((r) => r.name)).toEqual(['c', 'a', 'b']);
  });

  it("counts a label outside the segments (DBSCAN's noise) in no segment", () => {
    const noise = countryBreakdown(['France', 'France'], [1, 2], [-1, 0], 1);
    expect(noise.rows[0]).toMatchObject({ customers: 2, revenue: 3, segments: [1] });
  });

  it('refuses columns of different lengths', () => {
    expect(() => countryBreakdown(['a'], [1, 2], [0], 1)).toThrow(RangeError);
  });

  it('knows when a file has no countries', () => {
    expect(hasCountries(['', ' '])).toBe(false);
    expect(hasCountries(['', 'Spain'])).toBe(true);
  });
});

interface PandasCountries {
  labels: string;
  customers: number;
  revenue: number;
  countries: { country: string; customers: number; revenue: number; labels: number[] }[];
}

describe('online_retail.csv against pandas', () => {
  const expected = JSON.parse(
    readFileSync(new URL('./fixtures/countries.pandas.json', import.meta.url), 'utf8'),
  ) as PandasCountries;
  let breakdown: ReturnType<typeof countryBreakdown>;

  beforeAll(async () => {
    const data = await prepare(fileSource(sharedPath('data', 'online_retail.csv')), {}, () => {});
    const state = analysisState(data);
    // The reference's labels, joined by customer id, so the segment mix is pandas' crosstab.
    const reference = loadReferenceLabels();
    const column = reference.labels('rfm_log_standard', 4);
    const labelOf = new Map(reference.customerIds.map((id, i) => [id, column[i]!]));
    const labels = Int32Array.from(state.table.ids, (id) => labelOf.get(id) ?? -1);
    breakdown = countryBreakdown(state.country, state.table.features.Monetary, labels, 4);
  }, 120_000);

  it('has the same countries, customers and revenue, in the same order', () => {
    expect(breakdown.customers).toBe(expected.customers);
    expect(breakdown.revenue).toBeCloseTo(expected.revenue, 4);
    expect(breakdown.rows.map((r) => r.name)).toEqual(expected.countries.map((c) => c.country));
    breakdown.rows.forEach((row, i) => {
      const want = expected.countries[i]!;
      expect(row.customers, row.name).toBe(want.customers);
      expect(row.revenue, row.name).toBeCloseTo(want.revenue, 6);
      expect(row.segments, row.name).toEqual(want.labels);
    });
  });

  it('maps every real country of the file to its ISO code and leaves the rest', () => {
    const unmapped = breakdown.rows.filter((r) => r.iso3 === null).map((r) => r.name);
    expect(unmapped.sort()).toEqual(['Channel Islands', 'European Community', 'Unspecified']);
    const code = (name: string) => breakdown.rows.find((r) => r.name === name)?.iso3;
    expect(code('EIRE')).toBe('IRL');
    expect(code('RSA')).toBe('ZAF');
    expect(code('United Kingdom')).toBe('GBR');
    expect(code('USA')).toBe('USA');
    expect(code('Czech Republic')).toBe('CZE');
  });
});
