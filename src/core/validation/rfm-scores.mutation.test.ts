/**
 * RFM scores where rfm-scores.test.ts leaves the answer open: first-ranking of many ties in
 * mixed order and of NaN (documented to sort last), and every input check with its message.
 */
import { describe, expect, it } from 'vitest';
import {
  crosstab,
  gridSegmentIndex,
  qcutRankBins,
  rankFirst,
  rfGrid,
  rfmQuintiles,
} from './rfm-scores.ts';

describe('rankFirst', () => {
  it('ranks 40 values with many ties by value, then by position', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i * 7) % 5);
    const expected = new Array<number>(40);
    // The literal definition: positions sorted by (value, position), ranked 1..n in that order.
    Array.from({ length: 40 }, (_, i) => i)
      .sort((a, b) => values[a]! - values[b]! || a - b)
      .forEach((position, r) => (expected[position] = r + 1));
    expect(Array.from(rankFirst(values))).toEqual(expected);
    expect(Array.from(rankFirst([3, 1, 2, 1, 3, 2, 1]))).toEqual([6, 1, 4, 2, 7, 5, 3]);
  });

  it('puts NaN last, after every number', () => {
    expect(Array.from(rankFirst([Number.NaN, 2, 1, Number.NaN, 0]))).toEqual([4, 3, 2, 5, 1]);
  });
});

describe('input checks', () => {
  it('refuse a q or a rank outside their ranges, naming the value', () => {
    for (const q of [0, 256, 2.5]) expect(() => qcutRankBins([1, 2], q)).toThrow(`q must be 1..255, got ${q}`); // prettier-ignore
    expect(Array.from(qcutRankBins([1, 2], 255))).toEqual([1, 255]);
    expect(Array.from(qcutRankBins([2, 1], 1))).toEqual([1, 1]);
    for (const r of [0, 3, 1.5]) expect(() => qcutRankBins([1, r], 5)).toThrow(`rank ${r} is not in 1..2`); // prettier-ignore
  });

  it('refuse features, labels and monetary values of different lengths', () => {
    expect(() => rfmQuintiles([1, 2], [1], [1, 2])).toThrow('feature lengths differ: 2, 1, 2');
    expect(() => rfmQuintiles([1, 2], [1, 2], [1])).toThrow('feature lengths differ: 2, 2, 1');
    const scores = rfmQuintiles([1, 2], [1, 2], [1, 2]);
    expect(() => rfGrid(scores, [1])).toThrow('1 monetary values for 2 customers');
    expect(() => crosstab([0, 1], 2, [0], 2)).toThrow('labelings differ in length: 2 vs 1');
  });

  it('refuse grid scores outside 1..5 and crosstab labels outside the table', () => {
    for (const [r, f] of [
      [0, 1],
      [1, 6],
      [2.5, 1],
      [1, 1.5],
    ] as const)
      expect(() => gridSegmentIndex(r, f)).toThrow(`no grid segment for R ${r}, F ${f}`);
    for (const b of [-1, 3, 1.5])
      expect(() => crosstab([0], 2, [b], 3)).toThrow(`labels (0, ${b}) of customer 0 outside 2 x 3`); // prettier-ignore
    expect(() => crosstab([2], 2, [0], 3)).toThrow('labels (2, 0) of customer 0 outside 2 x 3');
    expect(crosstab([1], 2, [2], 3).counts).toEqual([[0, 0, 0], [0, 0, 1]]); // prettier-ignore
  });
});
