/**
 * Customers by country: how many, what they spent and which segments they fall in, per country
 * as the file names it. A customer counts in the country of their first purchase line (the one
 * results.ts keeps for every customer), so a customer's whole spend lands in one country and the
 * countries' customers and revenue add up to the file's.
 */
import { isoCountryCode } from './country-codes.ts';

export interface CountryRow {
  /** As the file writes it; '' when the customer's line had no country. */
  name: string;
  /** ISO 3166-1 alpha-3, or null for names that are no one country. */
  iso3: string | null;
  customers: number;
  revenue: number;
  /** Customers in each segment, by segment number. */
  segments: number[];
}

export interface CountryBreakdown {
  /** Largest revenue first (then more customers, then name). */
  rows: CountryRow[];
  customers: number;
  revenue: number;
}

/**
 * Per country: customers, the sum of their Monetary value and how many fall in each of the `k`
 * segments (`labels[i]` is customer i's segment; a label outside 0..k-1 counts in no segment).
 */
export function countryBreakdown(
  country: readonly string[],
  monetary: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
): CountryBreakdown {
  if (monetary.length !== country.length || labels.length !== country.length)
    throw new RangeError('one country, monetary value and label per customer');
  const byName = new Map<string, CountryRow>();
  let revenue = 0;
  for (let i = 0; i < country.length; i++) {
    const name = (country[i] as string).trim();
    let row = byName.get(name);
    if (!row) {
      row = {
        name,
        iso3: isoCountryCode(name),
        customers: 0,
        revenue: 0,
        segments: new Array<number>(k).fill(0),
      };
      byName.set(name, row);
    }
    const spend = monetary[i] as number;
    row.customers++;
    row.revenue += spend;
    revenue += spend;
    const label = labels[i] as number;
    if (label >= 0 && label < k) row.segments[label]!++;
  }
  const rows = [...byName.values()].sort(
    (a, b) =>
      b.revenue - a.revenue ||
      b.customers - a.customers ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { rows, customers: country.length, revenue };
}

/** Whether any customer has a country: the file had a country column with something in it. */
export function hasCountries(country: readonly string[]): boolean {
  return country.some((c) => c.trim() !== '');
}
