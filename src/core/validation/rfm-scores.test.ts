import { describe, expect, it } from 'vitest';
import {
  crosstab,
  gridSegmentIndex,
  gridSegments,
  qcutRankBins,
  quintileScores,
  rankFirst,
  RF_GRID_SEGMENTS,
  rfGrid,
  rfmQuintiles,
  segmentGridCrosstab,
} from './rfm-scores.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

/**
 * pandas 1.5's qcut on ranks, literally, in doubles: edges by algos.quantile (linear
 * interpolation of the sorted values at linspace(0, 1, q + 1), whose values are j * (1 / q) in
 * doubles), then searchsorted(edges, x, side="left") with include_lowest. The integer formula in
 * qcutRankBins must agree with it for every n.
 */
function pandasQcut(values: number[], q: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const step = 1 / q;
  const edges = Array.from({ length: q + 1 }, (_, j) => {
    const at = j === q ? 1 : j * step; // numpy sets the last linspace value to stop exactly
    const idx = at * (n - 1);
    const lo = Math.floor(idx);
    if (idx % 1 === 0) return sorted[lo]!;
    return sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (idx % 1);
  });
  return values.map((x) => {
    if (x === edges[0]) return 1; // include_lowest
    let i = 0;
    while (i < edges.length && edges[i]! < x) i++; // searchsorted side="left"
    return i;
  });
}

describe('rank(method="first") and qcut, by hand', () => {
  // Frequency of 10 customers in table order. pandas by hand:
  //   rank(method="first"): the five 1s at positions 0,1,2,4,8 get ranks 1..5 in that order,
  //   the 2s at 3,7 get 6,7, then 3 -> 8, 4 -> 9, 5 -> 10.
  //   qcut(ranks, 5): edges 1 + 9 * [0, .2, .4, .6, .8, 1] = 1, 2.8, 4.6, 6.4, 8.2, 10, so
  //   ranks 1-2 -> 1, 3-4 -> 2, 5-6 -> 3, 7-8 -> 4, 9-10 -> 5.
  const frequency = [1, 1, 1, 2, 1, 3, 5, 2, 1, 4];

  it('ranks ties in order of appearance', () => {
    expect(arr(rankFirst(frequency))).toEqual([1, 2, 3, 6, 4, 8, 10, 7, 5, 9]);
  });

  it('F scores: ties straddling an edge get different scores, the first listed the lower', () => {
    const f = quintileScores(frequency, true);
    expect(arr(f)).toEqual([1, 1, 2, 3, 2, 4, 5, 4, 3, 5]);
    // Customers 4 and 8 both have one order, yet score 2 and 3; 3 and 7 (two orders) 3 and 4.
    expect([f[4], f[8], f[3], f[7]]).toEqual([2, 3, 3, 4]);
  });

  it('R scores: fewer days is better; of tied recencies the first listed scores higher', () => {
    // Recency (days) of 6 customers. Ascending first-ranks: 5 (pos 1) -> 1, 10 (pos 0) -> 2,
    // 10 (pos 3) -> 3, 10 (pos 5) -> 4, 40 -> 5, 300 -> 6. Edges 1 + 5 * q = 1, 2, 3, 4, 5, 6:
    // rank r is in bin r - 1 (rank 1 in bin 1). R = 6 - bin: 5, 5, 4, 3, 2, 1 by rank.
    const recency = [10, 5, 300, 10, 40, 10];
    expect(arr(rankFirst(recency))).toEqual([2, 1, 6, 3, 5, 4]);
    expect(arr(quintileScores(recency, false))).toEqual([5, 5, 1, 4, 2, 3]);
    expect(arr(quintileScores(recency, false))).toEqual(
      pandasQcut(arr(rankFirst(recency)), 5).map((b) => 6 - b),
    );
  });

  it('an edge exactly on an integer rank (n = 11: edges 1, 3, 5, 7, 9, 11) keeps it below', () => {
    const ranks = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(arr(qcutRankBins(ranks))).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(pandasQcut(ranks, 5)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('the integer formula equals pandas qcut in doubles for every n = 2..600 and q = 3, 4, 5, 10', () => {
    for (const q of [3, 4, 5, 10])
      for (let n = 2; n <= 600; n++) {
        const ranks = Array.from({ length: n }, (_, i) => i + 1);
        const ours = arr(qcutRankBins(ranks, q));
        const theirs = pandasQcut(ranks, q);
        if (ours.join() !== theirs.join()) expect({ n, q, ours }).toEqual({ n, q, ours: theirs });
      }
  });

  it('n = 1 is bin 1 (pandas raises); n = 0 is empty; a rank outside 1..n throws', () => {
    expect(arr(qcutRankBins([1]))).toEqual([1]);
    expect(arr(qcutRankBins([]))).toEqual([]);
    expect(() => qcutRankBins([1, 3])).toThrow(RangeError);
  });
});

describe('RFM cells, grid and crosstabs, by hand', () => {
  it('R, F and M quintiles of five customers', () => {
    // 5 customers: each rank is its own quintile (edges 1, 1.8, 2.6, 3.4, 4.2, 5). Recency
    // 1..5 days -> R 5..1; Frequency 5..1 -> F 5..1; Monetary 10, 50, 30, 20, 40 -> M 1, 5, 3, 2, 4.
    const scores = rfmQuintiles([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [10, 50, 30, 20, 40]);
    const cell = (i: number) => `${scores.r[i]}${scores.f[i]}${scores.m[i]}`;
    expect([0, 1, 2, 3, 4].map(cell)).toEqual(['551', '445', '333', '222', '114']);
  });

  it('the grid rules name each of the 25 (R, F) cells exactly once', () => {
    const named = new Map<string, string>();
    for (const rule of RF_GRID_SEGMENTS)
      for (let r = rule.r[0]; r <= rule.r[1]; r++)
        for (let f = rule.f[0]; f <= rule.f[1]; f++) {
          expect(named.has(`${r}${f}`), `${r}${f}`).toBe(false);
          named.set(`${r}${f}`, rule.name);
        }
    expect(named.size).toBe(25);
    expect(RF_GRID_SEGMENTS.map((s) => s.name)).toEqual([
      'Champions',
      'Loyal',
      'Potential loyalists',
      'New customers',
      'Promising',
      'Need attention',
      'About to sleep',
      'At risk',
      "Can't lose them",
      'Hibernating',
      'Lost',
    ]);
    const name = (r: number, f: number) => RF_GRID_SEGMENTS[gridSegmentIndex(r, f)]!.name;
    // The classic regex map: 5[4-5] Champions, [3-4][4-5] Loyal, [4-5][2-3] Potential
    // loyalists, 51 New, 41 Promising, 33 Need attention, 3[1-2] About to sleep, [1-2][3-4] At
    // risk, [1-2]5 Can't lose, [1-2][1-2] Hibernating (R 1 split off as Lost).
    expect([name(5, 5), name(5, 4), name(4, 4), name(3, 5), name(4, 2), name(5, 3)]).toEqual([
      'Champions',
      'Champions',
      'Loyal',
      'Loyal',
      'Potential loyalists',
      'Potential loyalists',
    ]);
    expect([name(5, 1), name(4, 1), name(3, 3), name(3, 1), name(3, 2)]).toEqual([
      'New customers',
      'Promising',
      'Need attention',
      'About to sleep',
      'About to sleep',
    ]);
    expect([name(2, 3), name(1, 4), name(1, 5), name(2, 5), name(2, 1), name(2, 2)]).toEqual([
      'At risk',
      'At risk',
      "Can't lose them",
      "Can't lose them",
      'Hibernating',
      'Hibernating',
    ]);
    expect([name(1, 1), name(1, 2)]).toEqual(['Lost', 'Lost']);
    expect(() => gridSegmentIndex(0, 3)).toThrow(RangeError);
    expect(() => gridSegmentIndex(3, 6)).toThrow(RangeError);
  });

  it('crosstab: counts, row shares (an empty row is zeros) and totals', () => {
    const table = crosstab([0, 0, 0, 1, 2, 2], 4, [1, 1, 0, 2, 2, 0], 3);
    expect(table.counts).toEqual([
      [1, 2, 0],
      [0, 0, 1],
      [1, 0, 1],
      [0, 0, 0],
    ]);
    expect(table.rowShares).toEqual([
      [1 / 3, 2 / 3, 0],
      [0, 0, 1],
      [0.5, 0, 0.5],
      [0, 0, 0],
    ]);
    expect(table.rowTotals).toEqual([3, 1, 2, 0]);
    expect(table.columnTotals).toEqual([2, 2, 2]);
    expect(() => crosstab([0, 5], 2, [0, 0], 1)).toThrow(RangeError);
    expect(() => crosstab([0], 1, [0, 0], 1)).toThrow();
  });

  it('rfGrid: counts and revenue per (R, F) cell, with the segment of each cell', () => {
    const scores = rfmQuintiles([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [10, 50, 30, 20, 40]);
    const grid = rfGrid(scores, [10, 50, 30, 20, 40]);
    // Cells (R, F): (5, 5), (4, 4), (3, 3), (2, 2), (1, 1).
    expect(grid.counts[4]![4]).toBe(1);
    expect(grid.counts[4]![0]).toBe(0);
    expect(grid.revenue[4]![4]).toBe(10);
    expect(grid.revenue[3]![3]).toBe(50);
    expect(grid.revenue[0]![0]).toBe(40);
    expect(grid.counts.flat().reduce((s, x) => s + x, 0)).toBe(5);
    expect(RF_GRID_SEGMENTS[grid.segment[4]![4]!]!.name).toBe('Champions');
    expect(gridSegments(scores)[0]).toBe(gridSegmentIndex(5, 5));
    const cross = segmentGridCrosstab([0, 0, 1, 1, 1], 2, scores);
    expect(cross.counts[0]![gridSegmentIndex(5, 5)]).toBe(1);
    expect(cross.counts[0]![gridSegmentIndex(4, 4)]).toBe(1);
    expect(cross.rowTotals).toEqual([2, 3]);
  });
});
