import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import { condensedTreeChart, hdbscan } from './index.ts';
import { coreDistancesSquared } from './kdtree.ts';

/**
 * Seven points on a line, min_samples 2, min_cluster_size 3, worked by hand:
 *   x:     0  1  2  4  20  21  23
 *   core:  1  1  1  2   1   1   2   (distance to the nearest other point)
 * Mutual reachability along the line: 0-1: 1, 1-2: 1, 2-4: max(1, 2, 2) = 2, 20-21: 1,
 * 21-23: 2, 4-20: 16. Single linkage: {0,1} at 1, +2 at 1, {20,21} at 1, +4 at 2, +23 at 2,
 * everything at 16.
 * Condensed (lambda = 1 / distance): the root splits at 16 into A = {0,1,2,4} and B =
 * {20,21,23}, both born at 1/16. A sheds point 4 at 1/2, then {0,1} + {2} are both below 3, so
 * 0, 1, 2 leave at 1. B's next merge is {20,21} + {23}, both below 3: all leave at 1/2.
 * Stability A = (1/2 - 1/16) + 3 (1 - 1/16) = 3.25; B = 3 (1/2 - 1/16) = 1.3125. Both leaves are
 * selected (the root never is). Strength = lambda / the cluster's largest lambda: point 4 is
 * 0.5 / 1, the others 1. GLOSH (first-join level): 4 joins at 2 where A's densest point joins
 * at 1, so 1 - (1/2) / 1 = 0.5; 23 likewise in B (20 and 21 join at 1); the rest 0.
 */
const LINE = Float64Array.from([0, 1, 2, 4, 20, 21, 23]);

describe('hdbscan on a hand-worked example', () => {
  const result = hdbscan(LINE, 7, 1, { minClusterSize: 3, minSamples: 2 });

  it('computes the core distances and the single-linkage hierarchy', () => {
    expect(Array.from(result.coreDistances)).toEqual([1, 1, 1, 2, 1, 1, 2]);
    expect(Array.from(result.linkage.height)).toEqual([1, 1, 1, 2, 2, 16]);
    expect(Array.from(result.linkage.size)).toEqual([2, 3, 2, 4, 3, 7]);
    // Nodes 7.. are the merges in order: 7 = {0,1}, 8 = {0,1,2}, 9 = {20,21}, 10 = 8 + 4, ...
    expect(Array.from(result.linkage.left)).toEqual([0, 7, 4, 8, 9, 10]);
    expect(Array.from(result.linkage.right)).toEqual([1, 2, 5, 3, 6, 11]);
  });

  it('condenses the tree as scikit-learn does (clusters numbered from n = 7)', () => {
    const t = result.condensedTree;
    const rows = Array.from(t.parent, (p, r) => [p, t.child[r], t.lambda[r], t.size[r]]);
    expect(rows).toEqual([
      [7, 8, 1 / 16, 4],
      [7, 9, 1 / 16, 3],
      [8, 3, 0.5, 1],
      [9, 4, 0.5, 1],
      [9, 5, 0.5, 1],
      [9, 6, 0.5, 1],
      [8, 0, 1, 1],
      [8, 1, 1, 1],
      [8, 2, 1, 1],
    ]);
    expect(t.clusterCount).toBe(3);
  });

  it('selects both leaves with their stabilities, strengths and outlier scores', () => {
    expect(result.clusters).toBe(2);
    expect(result.noise).toBe(0);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(result.selectedClusters).toEqual([
      { label: 0, treeId: 8, stability: 3.25, size: 4, birthLambda: 1 / 16, deathLambda: 1 },
      { label: 1, treeId: 9, stability: 1.3125, size: 3, birthLambda: 1 / 16, deathLambda: 0.5 },
    ]);
    expect(Array.from(result.strengths)).toEqual([1, 1, 1, 0.5, 1, 1, 1]);
    expect(Array.from(result.outlierScores)).toEqual([0, 0, 0, 0.5, 0, 0, 0.5]);
  });

  it('gives a chart the clusters as nodes, parents first', () => {
    const nodes = condensedTreeChart(result.condensedTree, result.treeClusters);
    expect(
      nodes.map((c) => [c.id, c.parent, c.size, c.label, c.selected, c.pointsLeaving]),
    ).toEqual([
      [0, -1, 7, -1, false, 0],
      [1, 0, 4, 0, true, 4],
      [2, 0, 3, 1, true, 3],
    ]);
    expect(nodes[1]).toMatchObject({ birthDistance: 16, deathDistance: 1, stability: 3.25 });
    expect(nodes[0]?.birthDistance).toBe(Infinity);
  });

  it('finds nothing but noise when the root never splits into two big enough parts', () => {
    // min_cluster_size 4: A (4 points) could live, but B (3) cannot, so the root just sheds B
    // and lives on as A; the root is never selectable, so everything is noise.
    const r = hdbscan(LINE, 7, 1, { minClusterSize: 4, minSamples: 2 });
    expect(r.clusters).toBe(0);
    expect(r.noise).toBe(7);
    expect(Array.from(r.strengths)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

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
