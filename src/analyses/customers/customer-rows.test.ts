import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, type FeatureName } from '../../core/types.ts';
import { countryRanks, filterOrder, sortedOrder } from './customer-rows.ts';

const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, new Float64Array(4)])) as Record<
  FeatureName,
  Float64Array
>;
features.Monetary.set([50, 400, 50, 10]);
const customers = {
  ids: ['2', '10', '12', 'A7'],
  features,
  country: ['United Kingdom', 'France', 'EIRE', 'France'],
};
const labels = Int32Array.from([1, 0, 2, 1]);
const ranks = countryRanks(customers.country);

describe('sortedOrder', () => {
  it("keeps the engine's natural id order, or reverses it", () => {
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'id', desc: false })),
    ).toEqual([0, 1, 2, 3]);
    expect(Array.from(sortedOrder(customers, labels, ranks, { column: 'id', desc: true }))).toEqual(
      [3, 2, 1, 0],
    );
  });

  it('sorts a feature numerically, ties in index order', () => {
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'Monetary', desc: false })),
    ).toEqual([3, 0, 2, 1]);
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'Monetary', desc: true })),
    ).toEqual([1, 0, 2, 3]);
  });

  it('sorts by segment number and by country name', () => {
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'segment', desc: false })),
    ).toEqual([1, 0, 3, 2]);
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'country', desc: false })),
    ).toEqual([2, 1, 3, 0]);
  });
});

describe('filterOrder', () => {
  const order = Int32Array.from([3, 2, 1, 0]);
  const lower = customers.ids.map((id) => id.toLowerCase());

  it('finds ids containing the search text, any case, in the sorted order', () => {
    expect(Array.from(filterOrder(order, lower, labels, { query: '1', segment: null }))).toEqual([
      2, 1,
    ]);
    expect(Array.from(filterOrder(order, lower, labels, { query: ' a7 ', segment: null }))).toEqual(
      [3],
    );
  });

  it('keeps one segment, combined with the search', () => {
    expect(Array.from(filterOrder(order, lower, labels, { query: '', segment: 1 }))).toEqual([
      3, 0,
    ]);
    expect(Array.from(filterOrder(order, lower, labels, { query: '2', segment: 1 }))).toEqual([0]);
  });
});
