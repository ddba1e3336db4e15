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

describe('lifetime value columns and the slipping filter', () => {
  const value = {
    clv: Float64Array.of(30, NaN, 500, 30),
    pAlive: Float64Array.of(0.9, NaN, 0.2, 0.5),
    expectedPurchases90: Float64Array.of(1, NaN, 0.1, 0.4),
  };

  it('sorts by value, ties in index order, customers without a prediction last when descending', () => {
    const by = (column: 'clv' | 'pAlive', desc: boolean) =>
      Array.from(sortedOrder(customers, labels, ranks, { column, desc }, value));
    expect(by('clv', true)).toEqual([2, 0, 3, 1]);
    expect(by('clv', false)).toEqual([1, 0, 3, 2]);
    expect(by('pAlive', false)).toEqual([1, 2, 3, 0]);
    // Not computed yet: index order.
    expect(
      Array.from(sortedOrder(customers, labels, ranks, { column: 'clv', desc: true }, null)),
    ).toEqual([0, 1, 2, 3]);
  });

  it('keeps only the marked customers, with the other filters', () => {
    const order = Int32Array.from([0, 1, 2, 3]);
    const lower = customers.ids.map((id) => id.toLowerCase());
    const only = Uint8Array.of(1, 0, 1, 1);
    const filter = { query: '', segment: null, only };
    expect(Array.from(filterOrder(order, lower, labels, filter))).toEqual([0, 2, 3]);
    expect(Array.from(filterOrder(order, lower, labels, { ...filter, segment: 1 }))).toEqual([
      0, 3,
    ]);
    expect(Array.from(filterOrder(order, lower, labels, { ...filter, query: 'a' }))).toEqual([3]);
  });
});
