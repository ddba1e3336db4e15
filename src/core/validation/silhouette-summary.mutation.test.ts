/**
 * summarizeSilhouettes and downsampleSorted at their edges, with silhouettes written by hand: no
 * customers, an empty segment, a silhouette of exactly 0, downsampled bars, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { downsampleSorted, summarizeSilhouettes } from './silhouette-summary.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

describe('summarizeSilhouettes by hand', () => {
  it('segments of 0.5, -0.25, 0 | 0.75 | none: means, negatives, ends and bars', () => {
    const summary = summarizeSilhouettes(Float64Array.of(0.5, 0.75, -0.25, 0), [0, 1, 0, 0], 3);
    expect(summary.mean).toBeCloseTo(1 / 4, 15);
    // A silhouette of exactly 0 is not negative.
    expect(summary.negativeCount).toBe(1);
    expect(summary.negativeShare).toBe(1 / 4);
    const [first, second, empty] = summary.segments;
    expect(first).toMatchObject({
      segment: 0,
      size: 3,
      negativeCount: 1,
      negativeShare: 1 / 3,
      min: -0.25,
      max: 0.5,
      customersPerBar: 1,
    });
    expect(first!.mean).toBeCloseTo(0.25 / 3, 15);
    expect(arr(first!.bars)).toEqual([0.5, 0, -0.25]);
    expect(second).toMatchObject({ segment: 1, size: 1, mean: 0.75, min: 0.75, max: 0.75 });
    expect(empty).toMatchObject({ segment: 2, size: 0, negativeCount: 0, customersPerBar: 0 });
    expect(empty!.min).toBeNaN();
    expect(empty!.max).toBeNaN();
    expect(empty!.bars.length).toBe(0);
  });

  it('no customers: mean NaN, no negatives, every segment empty', () => {
    const summary = summarizeSilhouettes(new Float64Array(0), [], 2);
    expect(summary.mean).toBeNaN();
    expect(summary.negativeCount).toBe(0);
    expect(summary.negativeShare).toBe(0);
    expect(summary.segments.map((s) => s.size)).toEqual([0, 0]);
  });

  it('downsampled bars stand for size / bars customers each', () => {
    const samples = Float64Array.from({ length: 10 }, (_, i) => i / 10);
    const summary = summarizeSilhouettes(samples, new Int32Array(10), 1, 4);
    expect(arr(summary.segments[0]!.bars)).toEqual([0.9, 0.6, 0.3, 0]);
    expect(summary.segments[0]!.customersPerBar).toBe(2.5);
  });

  it('refuses labels of other customers or outside 0..k-1, naming them', () => {
    expect(() => summarizeSilhouettes(Float64Array.of(0.1, 0.2), [0], 2)).toThrow(
      '1 labels for 2 silhouettes',
    );
    expect(() => summarizeSilhouettes(Float64Array.of(0.1), [-1], 2)).toThrow(
      'label -1 of customer 0 is outside 0..1',
    );
    expect(() => summarizeSilhouettes(Float64Array.of(0.1), [2], 2)).toThrow(RangeError);
    expect(() => summarizeSilhouettes(Float64Array.of(0.1), [0.5], 2)).toThrow(RangeError);
    // The largest label is allowed.
    expect(summarizeSilhouettes(Float64Array.of(0.1), [1], 2).segments[1]!.size).toBe(1);
  });
});

describe('downsampleSorted at its edges', () => {
  it('exactly maxBars values are kept as a copy; two bars are the two ends', () => {
    const values = Float64Array.of(3, 2, 1);
    const kept = downsampleSorted(values, 3);
    expect(arr(kept)).toEqual([3, 2, 1]);
    kept[0] = 9;
    expect(values[0]).toBe(3);
    expect(arr(downsampleSorted(Float64Array.of(4, 3, 2, 1), 2))).toEqual([4, 1]);
    // One bar is the middle customer (the lower middle of an even count).
    expect(arr(downsampleSorted(Float64Array.of(4, 3, 2, 1), 1))).toEqual([3]);
  });

  it('refuses a bar count that is not a positive whole number', () => {
    expect(() => downsampleSorted(Float64Array.of(1), 0)).toThrow(
      'maxBars must be a positive integer, got 0',
    );
    expect(() => downsampleSorted(Float64Array.of(1), 1.5)).toThrow(RangeError);
  });
});
