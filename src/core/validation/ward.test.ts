import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../cluster/metrics.ts';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';
import { dendrogramSegments } from './dendrogram.ts';
import { cutTree, fitWard, wardLinkage, type Linkage } from './ward.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

/** Written by scripts/fixtures/ward_sklearn.py (scipy 1.10 linkage / dendrogram, sklearn 1.2). */
interface Fixture {
  datasets: {
    name: string;
    count: number;
    dims: number;
    points: number[];
    linkage: { left: number[]; right: number[]; height: number[]; size: number[] };
    labels: Record<string, number[]>;
    dendrograms: {
      p: number;
      icoord: number[][];
      dcoord: number[][];
      ivl: string[];
      leaves: number[];
    }[];
  }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/ward.sklearn.json', import.meta.url), 'utf8'),
) as Fixture;

/** |a - b| <= 1e-9 |b| for every element. */
function expectRelativelyClose(actual: ArrayLike<number>, expected: number[], tolerance = 1e-9) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((b, i) => {
    const a = actual[i]!;
    if (Math.abs(a - b) > tolerance * Math.abs(b)) expect([i, a]).toEqual([i, b]);
  });
}

/** Sum of squared distances to the mean of all points. */
function totalSumOfSquares({ count: n, dims: d, values }: Points): number {
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + t]! / n;
    for (let i = 0; i < n; i++) total += (values[i * d + t]! - mean) ** 2;
  }
  return total;
}

describe('by hand', () => {
  // Points (1-D), listed out of order: id 0 = 14, 1 = 5, 2 = 0, 3 = 7, 4 = 1.
  // Ward distance of groups A, B: sqrt(2 |A||B| / (|A| + |B|)) |mean A - mean B|; for two
  // points it is their distance.
  //   merge 0: {0}+{1} (ids 2, 4), distance 1, the closest pair      -> cluster 5, size 2
  //   merge 1: {5}+{7} (ids 1, 3), distance 2                        -> cluster 6, size 2
  //   then: {0,1} (mean 0.5) vs {5,7} (mean 6): 2 x (2x2/4) x 5.5^2 = 60.5;
  //         {5,7} vs {14}: 2 x (2/3) x 8^2 = 85.33; {0,1} vs {14}: 2 x (2/3) x 13.5^2 = 243
  //   merge 2: clusters 5 + 6, height sqrt(60.5) = 7.778            -> cluster 7, size 4
  //   merge 3: {0,1,5,7} (mean 3.25) + {14}: 2 x (4/5) x 10.75^2 = 184.9,
  //            height sqrt(184.9) = 13.598                          -> cluster 8, size 5
  // Check: height^2 / 2 is the rise in the within sum of squares. {0,1,5,7}: 32.75 = 0.5 + 2 +
  // 60.5 / 2; all five about 5.4: 125.2 = 32.75 + 184.9 / 2.
  const points = line([14, 5, 0, 7, 1]);
  const linkage = wardLinkage(points);

  it('merges, heights, sizes and scipy cluster ids', () => {
    expect(linkage.count).toBe(5);
    expect(arr(linkage.left)).toEqual([2, 1, 5, 0]);
    expect(arr(linkage.right)).toEqual([4, 3, 6, 7]);
    expect(arr(linkage.size)).toEqual([2, 2, 4, 5]);
    expect(arr(linkage.height)).toEqual(
      [1, 2, Math.sqrt(60.5), Math.sqrt(184.9)].map((h) => expect.closeTo(h, 12)),
    );
  });

  it('cutTree undoes the last k - 1 merges; labels by first appearance', () => {
    expect(arr(cutTree(linkage, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(arr(cutTree(linkage, 2))).toEqual([0, 1, 1, 1, 1]);
    expect(arr(cutTree(linkage, 3))).toEqual([0, 1, 2, 1, 2]);
    expect(arr(cutTree(linkage, 4))).toEqual([0, 1, 2, 3, 2]);
    expect(arr(cutTree(linkage, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(() => cutTree(linkage, 0)).toThrow(RangeError);
    expect(() => cutTree(linkage, 6)).toThrow(RangeError);
  });

  it('dendrogram: leaves 0 | 0, 1 | 5, 7 left to right; U-shapes after their children', () => {
    const h2 = Math.sqrt(60.5);
    const h3 = Math.sqrt(184.9);
    const full = dendrogramSegments(linkage);
    expect(full.leafLabels).toEqual(['0', '2', '4', '1', '3']);
    expect(arr(full.leaves)).toEqual([0, 2, 4, 1, 3]);
    expect(arr(full.leafSizes)).toEqual([1, 1, 1, 1, 1]);
    expect(arr(full.merges)).toEqual([0, 1, 2, 3]);
    // Leaves at x = 5, 15, ..., 45; a merge's top sits halfway between its children's legs.
    expect(arr(full.xs)).toEqual([15, 15, 25, 25, 35, 35, 45, 45, 20, 20, 40, 40, 5, 5, 30, 30]);
    expect(arr(full.ys)).toEqual([0, 1, 1, 0, 0, 2, 2, 0, 1, h2, h2, 2, 0, h3, h3, h2]);
    // Truncated to 3 leaves: clusters 5 and 6 become leaves "(2)" with legs down to 0.
    const cut = dendrogramSegments(linkage, { truncateTo: 3 });
    expect(cut.leafLabels).toEqual(['0', '(2)', '(2)']);
    expect(arr(cut.leaves)).toEqual([0, 5, 6]);
    expect(arr(cut.leafSizes)).toEqual([1, 2, 2]);
    expect(arr(cut.merges)).toEqual([2, 3]);
    expect(arr(cut.xs)).toEqual([15, 15, 25, 25, 5, 5, 20, 20]);
    expect(arr(cut.ys)).toEqual([0, h2, h2, 0, 0, h3, h3, h2]);
    const root = dendrogramSegments(linkage, { truncateTo: 1 });
    expect(root.leafLabels).toEqual(['(5)']);
    expect(root.xs.length).toBe(0);
  });

  it('edge cases: no points, one point, duplicates, bad input', () => {
    expect(wardLinkage(line([])).left.length).toBe(0);
    const one = wardLinkage(line([3]));
    expect(one.height.length).toBe(0);
    expect(arr(cutTree(one, 1))).toEqual([0]);
    expect(dendrogramSegments(one).leafLabels).toEqual(['0']);
    // Three equal points merge at height 0 before the far one.
    const dup = wardLinkage(line([2, 2, 9, 2]));
    expect(arr(dup.height.subarray(0, 2))).toEqual([0, 0]);
    expect(arr(cutTree(dup, 2))).toEqual([0, 0, 1, 0]);
    expect(() => wardLinkage(line([1, NaN]))).toThrow(RangeError);
    expect(() => dendrogramSegments(one, { truncateTo: 0 })).toThrow(RangeError);
  });
});

describe('against scipy / scikit-learn (fixtures/ward.sklearn.json)', () => {
  for (const data of fixture.datasets) {
    const points: Points = {
      count: data.count,
      dims: data.dims,
      values: Float64Array.from(data.points),
    };
    const linkage = wardLinkage(points);

    it(`${data.name}: scipy's merges, heights (1e-9) and sizes`, () => {
      expect(arr(linkage.left)).toEqual(data.linkage.left);
      expect(arr(linkage.right)).toEqual(data.linkage.right);
      expect(arr(linkage.size)).toEqual(data.linkage.size);
      expectRelativelyClose(linkage.height, data.linkage.height);
      // Ward's identity: the squared heights sum to twice the total sum of squares.
      const total = totalSumOfSquares(points);
      const halfSquares = arr(linkage.height).reduce((s, h) => s + (h * h) / 2, 0);
      expect(halfSquares / total).toBeCloseTo(1, 10);
    });

    it(`${data.name}: cutTree(k) is sklearn's partition for k = 2..6 (ARI 1)`, () => {
      for (const [k, expected] of Object.entries(data.labels)) {
        const labels = cutTree(linkage, Number(k));
        expect(adjustedRandIndex(labels, Int32Array.from(expected))).toBe(1);
        expect(Math.max(...labels)).toBe(Number(k) - 1);
        // Numbered by first appearance.
        let seen = -1;
        for (const label of labels) {
          expect(label).toBeLessThanOrEqual(seen + 1);
          seen = Math.max(seen, label);
        }
      }
    });

    for (const expected of data.dendrograms) {
      it(`${data.name}: dendrogram with truncate_mode='lastp', p = ${expected.p} as scipy's`, () => {
        const drawn = dendrogramSegments(linkage, { truncateTo: expected.p });
        expect(drawn.leafLabels).toEqual(expected.ivl);
        expect(arr(drawn.leaves)).toEqual(expected.leaves);
        expect(arr(drawn.xs)).toEqual(expected.icoord.flat());
        expectRelativelyClose(drawn.ys, expected.dcoord.flat());
        expect(drawn.merges.length).toBe(Math.min(expected.p, data.count) - 1);
        expect(arr(drawn.leafSizes).reduce((s, x) => s + x, 0)).toBe(data.count);
      });
    }
  }

  it('the rfm fixtures are the reference variants (first 400 customers)', () => {
    for (const name of ['rfm_log_standard', 'rfm_standard'] as const) {
      const data = fixture.datasets.find((d) => d.name === name)!;
      const reference = referenceVariantPoints(name).points;
      expect(reference.dims).toBe(data.dims);
      const ours = reference.values.subarray(0, data.count * data.dims);
      data.points.forEach((x, i) => expect(Math.abs(ours[i]! - x)).toBeLessThan(1e-12));
    }
  });
});

describe('fitWard', () => {
  // Three 2-D blobs of 200 customers each (uniform in a 4 x 4 square, centres 20 apart).
  const rng = createRng(11);
  const centres = [
    [0, 0],
    [20, 0],
    [10, 20],
  ];
  const values = new Float64Array(600 * 2);
  for (let i = 0; i < 600; i++) {
    const c = centres[i % 3]!;
    values[2 * i] = c[0]! + 4 * rng() - 2;
    values[2 * i + 1] = c[1]! + 4 * rng() - 2;
  }
  const points: Points = { count: 600, dims: 2, values };
  const truth = Int32Array.from({ length: 600 }, (_, i) => i % 3);

  it('without sampling: the tree of everyone cut at k', () => {
    const fit = fitWard(points, 3);
    expect(fit.sampled).toBe(false);
    expect(fit.sampleIndices.length).toBe(600);
    expect(fit.linkage.count).toBe(600);
    expect(arr(fit.labels)).toEqual(arr(cutTree(wardLinkage(points), 3)));
    expect(adjustedRandIndex(fit.labels, truth)).toBe(1);
    expect(arr(fit.sizes)).toEqual([200, 200, 200]);
  });

  it('sampled: labels for everyone, tree labels for the sample, nearest centroid for the rest', () => {
    // Uniform customers, so the k = 5 clusters of the tree are not separated by empty space and
    // some sampled customers are nearer another cluster's centroid than their own (Ward's clusters
    // are not Voronoi cells): those must keep their tree label.
    const rng = createRng(1);
    const uniform = Float64Array.from({ length: 1200 }, () => rng());
    const fit = fitWard({ count: 600, dims: 2, values: uniform }, 5, { maxPoints: 90, seed: 5 });
    expect(fit.sampled).toBe(true);
    expect(fit.labels.length).toBe(600);
    expect(fit.linkage.count).toBe(90);
    const sample = arr(fit.sampleIndices);
    expect(new Set(sample).size).toBe(90);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    const treeLabels = cutTree(fit.linkage, 5);
    // Centroids of the sample clusters, recomputed here.
    const sums = Array.from({ length: 5 }, () => [0, 0, 0]);
    sample.forEach((i, s) => {
      const g = sums[treeLabels[s]!]!;
      g[0]! += uniform[2 * i]!;
      g[1]! += uniform[2 * i + 1]!;
      g[2]!++;
    });
    const centroids = sums.map(([x, y, n]) => [x! / n!, y! / n!]);
    centroids.forEach(([x, y], c) => {
      expect(fit.centroids[2 * c]).toBeCloseTo(x!, 12);
      expect(fit.centroids[2 * c + 1]).toBeCloseTo(y!, 12);
    });
    const nearest = (i: number) => {
      const distances = centroids.map(
        ([x, y]) => (uniform[2 * i]! - x!) ** 2 + (uniform[2 * i + 1]! - y!) ** 2,
      );
      return distances.indexOf(Math.min(...distances));
    };
    let sampledElsewhere = 0;
    sample.forEach((i, s) => {
      expect(fit.labels[i]).toBe(treeLabels[s]);
      if (nearest(i) !== treeLabels[s]) sampledElsewhere++;
    });
    expect(sampledElsewhere).toBeGreaterThan(0);
    const inSample = new Set(sample);
    let others = 0;
    for (let i = 0; i < 600; i++) {
      if (inSample.has(i)) continue;
      others++;
      expect(fit.labels[i]).toBe(nearest(i));
    }
    expect(others).toBe(510);
    const sizes = [0, 0, 0, 0, 0];
    for (const label of fit.labels) sizes[label]!++;
    expect(arr(fit.sizes)).toEqual(sizes);
    // On the blobs, k = 3 from a sample of 90 still finds the three blobs for everyone.
    expect(adjustedRandIndex(fitWard(points, 3, { maxPoints: 90 }).labels, truth)).toBe(1);
  });

  it('is deterministic for a seed; another seed draws another sample', () => {
    const a = fitWard(points, 4, { maxPoints: 90, seed: 5 });
    const b = fitWard(points, 4, { maxPoints: 90, seed: 5 });
    expect(arr(a.labels)).toEqual(arr(b.labels));
    expect(arr(a.sampleIndices)).toEqual(arr(b.sampleIndices));
    expect(arr(a.linkage.height)).toEqual(arr(b.linkage.height));
    const c = fitWard(points, 4, { maxPoints: 90, seed: 6 });
    expect(arr(c.sampleIndices)).not.toEqual(arr(a.sampleIndices));
  });

  it('rejects k outside 1..tree size', () => {
    expect(() => fitWard(points, 0)).toThrow(RangeError);
    expect(() => fitWard(points, 91, { maxPoints: 90 })).toThrow(RangeError);
    expect(() => fitWard(points, 2, { maxPoints: 0 })).toThrow(RangeError);
  });
});

describe('abort', () => {
  const points = line(Array.from({ length: 50 }, (_, i) => (i * 7) % 13));
  const aborted = new AbortController();
  aborted.abort();

  it('an aborted signal throws the cancelled error', () => {
    const cancelled = expect.objectContaining({ code: 'cancelled' }) as AnalysisError;
    expect(() => wardLinkage(points, aborted.signal)).toThrow(AnalysisError);
    expect(() => wardLinkage(points, aborted.signal)).toThrow(cancelled);
    expect(() => fitWard(points, 3, { signal: aborted.signal })).toThrow(cancelled);
    // A live signal changes nothing.
    const live: Linkage = wardLinkage(points, new AbortController().signal);
    expect(arr(live.height)).toEqual(arr(wardLinkage(points).height));
  });

  it('a signal aborted during the merges stops them', () => {
    const rng = createRng(3);
    const big = line(Array.from({ length: 2000 }, () => rng()));
    const controller = new AbortController();
    let reads = 0;
    // The distances take 1 + 32 checks (one per 64 rows); abort on the 40th, among the merges.
    const signal = {
      get aborted() {
        if (++reads === 40) controller.abort();
        return controller.signal.aborted;
      },
    } as AbortSignal;
    expect(() => wardLinkage(big, signal)).toThrow(AnalysisError);
    expect(reads).toBe(40);
  });
});

describe('dendrogramSegments edge cases', () => {
  it('refuses a truncation that is not a positive whole number; an empty tree draws nothing', () => {
    const linkage = wardLinkage({ count: 3, dims: 1, values: Float64Array.of(0, 1, 5) });
    expect(() => dendrogramSegments(linkage, { truncateTo: 0 })).toThrow(
      'truncateTo must be a positive integer, got 0',
    );
    expect(() => dendrogramSegments(linkage, { truncateTo: 1.5 })).toThrow(RangeError);
    const empty = dendrogramSegments(
      wardLinkage({ count: 0, dims: 1, values: new Float64Array(0) }),
    );
    expect(empty.leafLabels).toEqual([]);
    expect(empty.xs.length + empty.leaves.length + empty.merges.length).toBe(0);
  });
});
