import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import { hdbscan } from './index.ts';
import { coreDistancesSquared } from './kdtree.ts';

/** Three well-separated 3-D blobs of 60 points each (seeded), the first 60 rows blob 0, ... */
function blobs(seed: number, perBlob = 60, spread = 0.3): Float64Array {
  const random = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = [
    [0, 0, 0],
    [6, 0, 0],
    [0, 6, 6],
  ];
  const points = new Float64Array(centres.length * perBlob * 3);
  centres.forEach((centre, b) => {
    for (let i = 0; i < perBlob; i++)
      for (let j = 0; j < 3; j++)
        points[(b * perBlob + i) * 3 + j] = (centre[j] as number) + spread * gauss();
  });
  return points;
}

describe('core distances through the k-d tree', () => {
  it('equal a brute-force k-th nearest neighbour, duplicates included', () => {
    const random = createRng(7);
    const n = 500;
    const d = 4;
    const points = Float64Array.from({ length: n * d }, () => Math.round(random() * 20) / 4);
    // Many exact duplicates from the coarse grid, plus one point copied 30 times.
    for (let i = 1; i <= 30; i++) points.copyWithin(i * d, 0, d);
    for (const k of [1, 2, 5, 15, 40]) {
      const fast = coreDistancesSquared(points, n, d, k);
      for (let q = 0; q < n; q++) {
        const all = Array.from({ length: n }, (_, p) => {
          let s = 0;
          for (let j = 0; j < d; j++)
            s += ((points[q * d + j] as number) - (points[p * d + j] as number)) ** 2;
          return s;
        }).sort((a, b) => a - b);
        expect(fast[q]).toBe(all[k - 1]);
      }
    }
  });
});

describe('hdbscan on blobs (scikit-learn and R test-suite cases)', () => {
  const points = blobs(42);
  const n = 180;

  it('finds the three blobs with no noise at min_cluster_size 5', () => {
    const r = hdbscan(points, n, 3, { minClusterSize: 5 });
    expect(r.clusters).toBe(3);
    expect(r.noise).toBe(0);
    for (let b = 0; b < 3; b++) {
      const label = r.labels[b * 60];
      for (let i = 0; i < 60; i++) expect(r.labels[b * 60 + i]).toBe(label);
    }
  });

  it('gives no cluster at min_cluster_size = n - 1 (sklearn test_hdbscan_no_clusters)', () => {
    const r = hdbscan(points, n, 3, { minClusterSize: n - 1 });
    expect(r.clusters).toBe(0);
    expect(r.labels.every((l) => l === -1)).toBe(true);
  });

  it('never makes a cluster smaller than min_cluster_size (sklearn test_hdbscan_min_cluster_size)', () => {
    for (let m = 2; m < n; m += 7) {
      const r = hdbscan(points, n, 3, { minClusterSize: m });
      for (const c of r.selectedClusters) expect(c.size).toBeGreaterThanOrEqual(m);
    }
  });
});

describe('duplicate points', () => {
  it('keep every lambda, strength and score finite, and leave the clustering of the rest alone', () => {
    const base = blobs(3);
    // 25 more copies of point 0: more than min_samples, so they merge at distance 0.
    const points = new Float64Array(base.length + 25 * 3);
    points.set(base);
    for (let i = 0; i < 25; i++) points.set(base.subarray(0, 3), base.length + i * 3);
    const n = 205;
    const plain = hdbscan(base, 180, 3, { minClusterSize: 10, minSamples: 10 });
    const r = hdbscan(points, n, 3, { minClusterSize: 10, minSamples: 10 });
    expect(r.condensedTree.lambda.every(Number.isFinite)).toBe(true);
    expect(r.strengths.every((s) => Number.isFinite(s) && s >= 0 && s <= 1)).toBe(true);
    expect(r.outlierScores.every((s) => Number.isFinite(s) && s >= 0 && s < 1)).toBe(true);
    expect(r.treeClusters.stability.every(Number.isFinite)).toBe(true);
    expect(Array.from(r.labels.subarray(0, 180))).toEqual(Array.from(plain.labels));
    // The copies are the densest members of point 0's cluster, as scikit-learn rates them (1).
    for (let i = 180; i < n; i++) {
      expect(r.labels[i]).toBe(r.labels[0]);
      expect(r.strengths[i]).toBe(1);
    }
    expect(r.coreDistances[0]).toBe(0);
    expect(r.condensedTree.zeroDistanceLambda).toBeGreaterThan(0);
  });

  it('all points identical: one merge level, no split, all noise, nothing infinite', () => {
    const r = hdbscan(new Float64Array(40).fill(2.5), 20, 2, { minClusterSize: 5 });
    expect(r.clusters).toBe(0);
    expect(r.noise).toBe(20);
    expect(r.condensedTree.zeroDistanceLambda).toBe(1);
    expect(r.outlierScores.every((s) => s === 0)).toBe(true);
  });
});

describe('hdbscan inputs, progress and cancel', () => {
  it('rejects malformed input and settings the data cannot hold', () => {
    const p = Float64Array.from([0, 1, 2, 3]);
    expect(() => hdbscan(p, 3, 1, { minClusterSize: 2 })).toThrow(RangeError);
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 1 })).toThrow(RangeError);
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 2.5 })).toThrow(RangeError);
    expect(() => hdbscan(Float64Array.from([0, NaN]), 2, 1, { minClusterSize: 2 })).toThrow(
      RangeError,
    );
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 2, minSamples: 5 })).toThrow(AnalysisError);
  });

  it('handles a single point and two points', () => {
    const one = hdbscan(Float64Array.from([1, 2]), 1, 2, { minClusterSize: 2, minSamples: 1 });
    expect(Array.from(one.labels)).toEqual([-1]);
    const two = hdbscan(Float64Array.from([0, 3]), 2, 1, { minClusterSize: 2 });
    expect(Array.from(two.labels)).toEqual([-1, -1]);
    expect(Array.from(two.linkage.height)).toEqual([3]);
  });

  it('reports progress from 0 to 1 in order and stops when the signal aborts', () => {
    const points = blobs(5, 400);
    const seen: number[] = [];
    hdbscan(points, 1200, 3, { minClusterSize: 15 }, (f) => seen.push(f));
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] as number);

    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      hdbscan(
        points,
        1200,
        3,
        { minClusterSize: 15 },
        (_, phase) => {
          calls++;
          if (phase === 'spanning-tree') controller.abort();
        },
        controller.signal,
      );
    expect(run).toThrow(expect.objectContaining({ code: 'cancelled' }) as Error);
    expect(calls).toBeGreaterThan(0);
  });
});
