import { describe, expect, it } from 'vitest';
import { silhouetteSamples, silhouetteScore } from '../cluster/silhouette.ts';
import { downsampleSorted, summarizeSilhouettes } from './silhouette-summary.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

describe('by hand', () => {
  it('points 0, 1, 2 | 10, 11 on a line: per-segment means, negatives and sorted bars', () => {
    // Point 2 in the first segment: a = (2 + 1) / 2 = 1.5, b = (8 + 9) / 2 = 8.5 -> 7 / 8.5.
    // Point 0: a = (1 + 2) / 2 = 1.5, b = (10 + 11) / 2 = 10.5 -> 9 / 10.5.
    // Point 1: a = 1, b = 9.5 -> 8.5 / 9.5. Points 10, 11: a = 1, b = 9 and 10 -> 8/9 and 9/10.
    const points = { count: 5, dims: 1, values: Float64Array.of(0, 1, 2, 10, 11) };
    const labels = Int32Array.of(0, 0, 0, 1, 1);
    const samples = silhouetteSamples(points, labels, 2);
    expect(arr(samples).map((x) => +x.toFixed(12))).toEqual(
      [9 / 10.5, 8.5 / 9.5, 7 / 8.5, 8 / 9, 9 / 10].map((x) => +x.toFixed(12)),
    );
    const summary = summarizeSilhouettes(samples, labels, 2);
    expect(summary.segments[0]!.size).toBe(3);
    expect(arr(summary.segments[0]!.bars)).toEqual([samples[1], samples[0], samples[2]]);
    expect(arr(summary.segments[1]!.bars)).toEqual([samples[4], samples[3]]);
    expect(summary.segments[0]!.mean).toBeCloseTo((9 / 10.5 + 8.5 / 9.5 + 7 / 8.5) / 3, 14);
    expect(summary.negativeCount).toBe(0);
    expect(summary.mean).toBeCloseTo(silhouetteScore(points, labels, 2), 14);
  });

  it('a misplaced customer has a negative silhouette, counted in its segment only', () => {
    // 9 is labelled with 0, 1 although it sits beside 10, 11.
    const points = { count: 5, dims: 1, values: Float64Array.of(0, 1, 9, 10, 11) };
    const labels = Int32Array.of(0, 0, 0, 1, 1);
    const summary = summarizeSilhouettes(silhouetteSamples(points, labels, 2), labels, 2);
    // Point 9: a = (9 + 8) / 2 = 8.5, b = (1 + 2) / 2 = 1.5 -> (1.5 - 8.5) / 8.5.
    expect(summary.segments[0]!.min).toBeCloseTo(-7 / 8.5, 14);
    expect(summary.segments[0]!.negativeCount).toBe(1);
    expect(summary.segments[0]!.negativeShare).toBeCloseTo(1 / 3, 15);
    expect(summary.segments[1]!.negativeCount).toBe(0);
    expect(summary.negativeShare).toBeCloseTo(1 / 5, 15);
  });

  it('an empty segment has size 0, mean NaN and no bars', () => {
    const summary = summarizeSilhouettes(Float64Array.of(0.5, -0.5), [0, 2], 3);
    expect(summary.segments[1]).toMatchObject({ size: 0, negativeShare: 0, customersPerBar: 0 });
    expect(summary.segments[1]!.mean).toBeNaN();
    expect(() => summarizeSilhouettes(Float64Array.of(0.5), [3], 3)).toThrow(RangeError);
  });

  it('downsampling keeps the ends, the order and the share of negatives to 1 / bars', () => {
    expect(arr(downsampleSorted(Float64Array.of(9, 8, 7, 6, 5, 4, 3, 2, 1), 3))).toEqual([9, 5, 1]);
    expect(arr(downsampleSorted(Float64Array.of(9, 8, 7, 6, 5, 4, 3, 2, 1), 5))).toEqual([
      9, 7, 5, 3, 1,
    ]);
    expect(arr(downsampleSorted(Float64Array.of(3, 2), 5))).toEqual([3, 2]);
    expect(arr(downsampleSorted(Float64Array.of(3, 2, 1), 1))).toEqual([2]);
    const values = Float64Array.from({ length: 10_007 }, (_, i) => 0.8 - i / 8000)
      .sort()
      .reverse();
    const bars = downsampleSorted(values, 200);
    expect(bars.length).toBe(200);
    expect(bars[0]).toBe(values[0]);
    expect(bars[199]).toBe(values[10_006]);
    expect(arr(bars)).toEqual(arr(bars).sort((a, b) => b - a));
    const share = (xs: Float64Array) => xs.filter((x) => x < 0).length / xs.length;
    expect(Math.abs(share(bars) - share(values))).toBeLessThanOrEqual(1 / 200);
  });
});
