import { describe, expect, it } from 'vitest';
import {
  featureScore,
  medianOf,
  percentileAmong,
  percentileRanks,
  rfmScores,
  sortedCopy,
} from './ranks.ts';

const arr = (xs: ArrayLike<number>) => Array.from(xs);

describe('percentileRanks (pandas rank(pct=True), average ranks)', () => {
  it('ranks over the count, ties sharing their mean rank', () => {
    // 10, 2, 3, 1, 2 -> ranks 5, 2.5, 4, 1, 2.5 of 5.
    expect(arr(percentileRanks(Float64Array.of(10, 2, 3, 1, 2)))).toEqual([
      1,
      2.5 / 5,
      4 / 5,
      1 / 5,
      2.5 / 5,
    ]);
    expect(arr(percentileRanks(Float64Array.of(7, 7, 7)))).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(arr(percentileRanks(Float64Array.of(3)))).toEqual([1]);
    expect(arr(percentileRanks(new Float64Array(0)))).toEqual([]);
  });

  it('sorts numerically, not as text', () => {
    expect(arr(percentileRanks(Float64Array.of(100, 9, 20)))).toEqual([1, 1 / 3, 2 / 3]);
  });
});

describe('percentileAmong: a new customer among the others', () => {
  // Five customers: 1, 2, 2, 3, 10.
  const sorted = sortedCopy(Float64Array.of(10, 2, 3, 1, 2));

  it('sortedCopy sorts numerically and leaves its input alone', () => {
    const values = Float64Array.of(10, 2, 3, 1, 2);
    expect(arr(sortedCopy(values))).toEqual([1, 2, 2, 3, 10]);
    expect(arr(values)).toEqual([10, 2, 3, 1, 2]);
  });

  it('is its rank among the six, ties sharing the mean rank, over six', () => {
    // 2: one below, two tied -> ranks 2, 3, 4 -> 3 of 6.
    expect(percentileAmong(sorted, 2)).toBe(3 / 6);
    // 5: four below -> rank 5 of 6.
    expect(percentileAmong(sorted, 5)).toBe(5 / 6);
    expect(percentileAmong(sorted, 20)).toBe(1);
    expect(percentileAmong(sorted, 0)).toBe(1 / 6);
    expect(percentileAmong(sorted, 10)).toBe(5.5 / 6);
    expect(percentileAmong(new Float64Array(0), 3)).toBe(1);
    expect(percentileAmong(sorted, NaN)).toBeNaN();
  });

  it("a customer's own percentile is its percentile among the others", () => {
    const values = Float64Array.of(5, 1, 3, 3, 8, 3, 0, 5);
    const ranks = percentileRanks(values);
    values.forEach((v, i) => {
      const others = sortedCopy(values.filter((_, j) => j !== i));
      expect(percentileAmong(others, v), `customer ${i}`).toBe(ranks[i]);
    });
  });
});

describe('medianOf: the median customer', () => {
  it('is the middle value, the upper middle one for an even count, 0 with none', () => {
    expect(medianOf(sortedCopy(Float64Array.of(10, 2, 3, 1, 2)))).toBe(2);
    expect(medianOf(sortedCopy(Float64Array.of(4, 1, 3, 2)))).toBe(3);
    expect(medianOf(Float64Array.of(7))).toBe(7);
    expect(medianOf(new Float64Array(0))).toBe(0);
  });
});

describe('scores: a high score is the better customer, recency included', () => {
  it('recency is reversed, every other feature is its percentile', () => {
    expect(featureScore('Recency', 0.2)).toBe(0.8);
    expect(featureScore('Recency', 1)).toBe(0);
    for (const f of ['Frequency', 'Monetary', 'Tenure', 'TotalQuantity'] as const)
      expect(featureScore(f, 0.2)).toBe(0.2);
    expect(rfmScores({ Recency: 0.25, Frequency: 0.5, Monetary: 0.875 })).toEqual({
      recency: 0.75,
      frequency: 0.5,
      monetary: 0.875,
    });
  });

  it('the most recent buyer (fewest days) has the highest recency score', () => {
    const days = Float64Array.of(300, 2, 45, 120);
    const scores = arr(percentileRanks(days)).map((p) => featureScore('Recency', p));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
    expect(scores.indexOf(Math.min(...scores))).toBe(0);
  });
});
