/**
 * RFM quintile scores on the 4,334 reference customers (../shared/reference/online_retail.customers.csv),
 * moved here from rfm-scores.test.ts unchanged so that a mutation run can name only the fast tests.
 */
import { describe, expect, it } from 'vitest';
import { loadReferenceCustomers } from '../testing/reference.ts';
import { gridSegments, RF_GRID_SEGMENTS, rfGrid, rfmQuintiles } from './rfm-scores.ts';

describe('on the 4,334 reference customers', () => {
  const customers = loadReferenceCustomers();
  const recency = customers.column('Recency');
  const frequency = customers.column('Frequency');
  const monetary = customers.column('Monetary');
  const scores = rfmQuintiles(recency, frequency, monetary);
  const n = customers.count;

  it('every customer gets scores 1..5 and a grid segment', () => {
    expect(n).toBe(4334);
    for (const s of [scores.r, scores.f, scores.m])
      expect(s.every((q) => Number.isInteger(q) && q >= 1 && q <= 5)).toBe(true);
    const segments = gridSegments(scores);
    expect(segments.every((s) => s < RF_GRID_SEGMENTS.length)).toBe(true);
    const grid = rfGrid(scores, monetary);
    expect(grid.counts.flat().reduce((s, x) => s + x, 0)).toBe(n);
    const revenue = grid.revenue.flat().reduce((s, x) => s + x, 0);
    const total = monetary.reduce((s, x) => s + x, 0);
    expect(Math.abs(revenue - total) / total).toBeLessThan(1e-12);
  });

  it('quintile sizes differ by at most one (first-ranking never lets ties grow a bin)', () => {
    // 4334 = 5 x 866 + 4; n - 1 = 4333: bin 1 gets floor(4333 / 5) + 1 = 867.
    for (const s of [scores.r, scores.f, scores.m]) {
      const sizes = [1, 2, 3, 4, 5].map((q) => s.filter((x) => x === q).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('scores are monotone in the feature: a higher quintile never has a worse value', () => {
    const check = (values: Float64Array, s: Uint8Array, higherIsBetter: boolean) => {
      for (let q = 1; q < 5; q++) {
        const worse = values.filter((_, i) => s[i] === q);
        const better = values.filter((_, i) => s[i] === q + 1);
        if (higherIsBetter) expect(Math.max(...worse)).toBeLessThanOrEqual(Math.min(...better));
        else expect(Math.min(...worse)).toBeGreaterThanOrEqual(Math.max(...better));
      }
    };
    check(recency, scores.r, false);
    check(frequency, scores.f, true);
    check(monetary, scores.m, true);
  });

  it('ties cross F bins (a third of customers have one order) and the cut follows table order', () => {
    const single = frequency.filter((x) => x === 1).length;
    expect(single).toBeGreaterThan(n / 5);
    const fOfSingles = new Set(Array.from(scores.f).filter((_, i) => frequency[i] === 1));
    expect(fOfSingles.size).toBeGreaterThan(1);
    // Within one Frequency value, scores never decrease down the table (the first listed ranks
    // lower).
    let last = 0;
    for (let i = 0; i < n; i++)
      if (frequency[i] === 1) {
        expect(scores.f[i]!).toBeGreaterThanOrEqual(last);
        last = scores.f[i]!;
      }
  });
});
