/**
 * HDBSCAN on small inputs, fast enough for a mutation run (README, Mutation testing), every
 * answer computed inside its test: a line worked by hand, scikit-learn's labels
 * and strengths on the small cases of fixtures/hdbscan.sklearn.json, core distances against a
 * brute-force scan, the spanning trees against plain Prim's written out, excess of mass on
 * hand-made trees, and the checks, progress and cancel of the public function.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import { condensedTreeChart, hdbscan } from './index.ts';
import { coreDistancesSquared } from './kdtree.ts';
import { kdPrimTree, mutualReachabilityTree } from './mst.ts';
import { plainPrimTree } from './prim-plain.ts';
import { plainPrim } from './prim-reference.testing.ts';
import { excessOfMass } from './select.ts';

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
const line = (minClusterSize = 3) => hdbscan(LINE, 7, 1, { minClusterSize, minSamples: 2 });

describe('the hand-worked line', () => {
  it('core distances and the single-linkage hierarchy', () => {
    const r = line();
    expect(Array.from(r.coreDistances)).toEqual([1, 1, 1, 2, 1, 1, 2]);
    expect(Array.from(r.linkage.height)).toEqual([1, 1, 1, 2, 2, 16]);
    expect(Array.from(r.linkage.size)).toEqual([2, 3, 2, 4, 3, 7]);
    expect(Array.from(r.linkage.left)).toEqual([0, 7, 4, 8, 9, 10]);
    expect(Array.from(r.linkage.right)).toEqual([1, 2, 5, 3, 6, 11]);
    expect(r.n).toBe(7);
  });

  it('the condensed tree, its clusters and what is selected', () => {
    const r = line();
    const t = r.condensedTree;
    expect(Array.from(t.parent, (p, k) => [p, t.child[k], t.lambda[k], t.size[k]])).toEqual([
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
    expect(t.zeroDistanceLambda).toBe(1);
    const f = r.treeClusters;
    expect(Array.from(f.parent)).toEqual([-1, 0, 0]);
    expect(Array.from(f.birth)).toEqual([0, 1 / 16, 1 / 16]);
    expect(Array.from(f.death)).toEqual([1 / 16, 1, 0.5]);
    expect(Array.from(f.size)).toEqual([7, 4, 3]);
    expect(Array.from(f.stability)).toEqual([7 / 16, 3.25, 1.3125]);
    expect(Array.from(f.selected)).toEqual([0, 1, 1]);
    expect(r.selectedClusters).toEqual([
      { label: 0, treeId: 8, stability: 3.25, size: 4, birthLambda: 1 / 16, deathLambda: 1 },
      { label: 1, treeId: 9, stability: 1.3125, size: 3, birthLambda: 1 / 16, deathLambda: 0.5 },
    ]);
    expect([r.clusters, r.noise]).toEqual([2, 0]);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(r.strengths)).toEqual([1, 1, 1, 0.5, 1, 1, 1]);
    expect(Array.from(r.outlierScores)).toEqual([0, 0, 0, 0.5, 0, 0, 0.5]);
  });

  it('the chart nodes', () => {
    const r = line();
    expect(condensedTreeChart(r.condensedTree, r.treeClusters)).toEqual([
      { id: 0, parent: -1, size: 7, birthLambda: 0, deathLambda: 1 / 16, birthDistance: Infinity, deathDistance: 16, stability: 7 / 16, selected: false, label: -1, pointsLeaving: 0 }, // prettier-ignore
      { id: 1, parent: 0, size: 4, birthLambda: 1 / 16, deathLambda: 1, birthDistance: 16, deathDistance: 1, stability: 3.25, selected: true, label: 0, pointsLeaving: 4 }, // prettier-ignore
      { id: 2, parent: 0, size: 3, birthLambda: 1 / 16, deathLambda: 0.5, birthDistance: 16, deathDistance: 2, stability: 1.3125, selected: true, label: 1, pointsLeaving: 3 }, // prettier-ignore
    ]);
  });

  it('min_cluster_size 4: the root sheds the small side and nothing is a cluster', () => {
    const r = line(4);
    const t = r.condensedTree;
    expect(t.clusterCount).toBe(1);
    // B leaves the root at 1/16; at 1/2 A splits into {0,1,2} and {4}, both below 4, so all of
    // A leaves there too. Breadth first: B = {20,21} + 23 gives 23, 20, 21; {0,1,2} gives 2, 0, 1.
    expect(Array.from(t.parent)).toEqual([7, 7, 7, 7, 7, 7, 7]);
    expect(Array.from(t.lambda)).toEqual([1 / 16, 1 / 16, 1 / 16, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(t.child)).toEqual([6, 4, 5, 2, 0, 1, 3]);
    expect([r.clusters, r.noise]).toEqual([0, 7]);
    expect(Array.from(r.labels)).toEqual([-1, -1, -1, -1, -1, -1, -1]);
    expect(Array.from(r.strengths)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // GLOSH with the root as the only (leaf) cluster: its densest level is 1.
    expect(Array.from(r.outlierScores)).toEqual([0, 0, 0, 0.5, 0, 0, 0.5]);
    expect(condensedTreeChart(t, r.treeClusters)[0]?.pointsLeaving).toBe(7);
  });

  it('min_samples defaults to min_cluster_size', () => {
    const r = hdbscan(LINE, 7, 1, { minClusterSize: 3 });
    // Third nearest, the point itself counted: 0 -> 2, 1 -> 1, 2 -> 2, 4 -> 3, 20 -> 3, 21 -> 2, 23 -> 3.
    expect(Array.from(r.coreDistances)).toEqual([2, 1, 2, 3, 3, 2, 3]);
  });
});

interface SklearnCase {
  name: string;
  n: number;
  d: number;
  points: number[];
  min_cluster_size: number;
  min_samples: number;
  stable_labels: number[];
  stable_probabilities: number[];
}

const cases = (
  JSON.parse(readFileSync(new URL('./fixtures/hdbscan.sklearn.json', import.meta.url), 'utf8')) as {
    cases: SklearnCase[];
  }
).cases;

describe('scikit-learn with stable ties (fixtures/hdbscan.sklearn.json)', () => {
  it.each(['blobs', 'iris'])('%s: labels and strengths', (name) => {
    const c = cases.find((k) => k.name === name) as SklearnCase;
    const r = hdbscan(Float64Array.from(c.points), c.n, c.d, {
      minClusterSize: c.min_cluster_size,
      minSamples: c.min_samples,
    });
    expect(Array.from(r.labels)).toEqual(c.stable_labels);
    r.strengths.forEach((s, i) => expect(Math.abs(s - c.stable_probabilities[i]!)).toBeLessThan(1e-9)); // prettier-ignore
    const noise = c.stable_labels.filter((l) => l < 0).length;
    expect(r.noise).toBe(noise);
    expect(r.clusters).toBe(new Set(c.stable_labels.filter((l) => l >= 0)).size);
    expect(r.selectedClusters.map((s) => s.size)).toEqual(
      r.selectedClusters.map((s) => c.stable_labels.filter((l) => l === s.label).length),
    );
    expect(r.selectedClusters.map((s) => s.size).reduce((a, b) => a + b, 0)).toBe(c.n - noise);
    // The chart numbers the selected clusters as the labels do.
    const nodes = condensedTreeChart(r.condensedTree, r.treeClusters);
    const chosen = nodes.filter((node) => node.selected);
    expect(chosen.map((node) => [node.label, node.id + c.n])).toEqual(
      r.selectedClusters.map((s) => [s.label, s.treeId]),
    );
    expect(nodes.reduce((s, node) => s + node.pointsLeaving, 0)).toBe(c.n);
    for (const s of r.selectedClusters) {
      const node = nodes[s.treeId - c.n]!;
      expect([node.stability, node.birthLambda, node.deathLambda]).toEqual([s.stability, s.birthLambda, s.deathLambda]); // prettier-ignore
    }
    // GLOSH: in [0, 1), and 0 for the densest point of every selected leaf cluster.
    expect(r.outlierScores.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('far loners', () => {
  it('are noise, strength 0, the most outlying, and leave the clusters of the rest alone', () => {
    const c = cases.find((k) => k.name === 'blobs') as SklearnCase;
    const loners = [100, 100, -100, 100, 100, -100, -100, -100, 0, 200];
    const points = Float64Array.from([...c.points, ...loners]);
    const r = hdbscan(points, c.n + 5, 2, { minClusterSize: 5, minSamples: 5 });
    expect(Array.from(r.labels.subarray(0, c.n))).toEqual(c.stable_labels);
    expect(Array.from(r.labels.subarray(c.n))).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(r.strengths.subarray(c.n))).toEqual([0, 0, 0, 0, 0]);
    expect([r.noise, r.clusters]).toEqual([5, 3]);
    const inner = Math.max(...Array.from(r.outlierScores.subarray(0, c.n)));
    for (const score of r.outlierScores.subarray(c.n)) expect(score).toBeGreaterThan(Math.max(0.9, inner)); // prettier-ignore
  });
});

/**
 * GLOSH caps a point's level at its cluster's split, as R dbscan 1.1-11 does (SPEC "HDBSCAN":
 * R's dbscan::hdbscan; without the cap, hdbscan.reference.test.ts misses R's outlier scores on
 * the reference customers). Worked by hand, min_samples 1 (core distance 0, so mutual
 * reachability is the plain distance), min_cluster_size 3:
 *   x: 0 1 2 | 5 6 7 | 20 20.5
 * The root sheds the pair {20, 20.5} at distance 13 (lambda 1/13: two points, fewer than 3),
 * then splits at 3 (lambda 1/3) into A = {0,1,2} and B = {5,6,7}, whose points all leave at 1.
 * The pair's points belong to the root, but they first join each other at 0.5, lambda 2: far
 * denser than the root ever is as one cluster. Capped at the root's split, their level is 1/3;
 * the densest level under the root is 1 (A and B), so their score is 1 - (1/3) / 1 = 2/3.
 * Uncapped it would be 1 - 2 / 1 = -1, outside GLOSH's [0, 1).
 */
describe('GLOSH outlier scores', () => {
  it("cap a point's level at its cluster's split: a tight pair shed early is still an outlier", () => {
    const points = Float64Array.from([0, 1, 2, 5, 6, 7, 20, 20.5]);
    const r = hdbscan(points, 8, 1, { minClusterSize: 3, minSamples: 1 });
    expect(Array.from(r.linkage.height)).toEqual([0.5, 1, 1, 1, 1, 3, 13]);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 1, -1, -1]);
    expect(Array.from(r.treeClusters.death)).toEqual([1 / 3, 1, 1]);
    expect(Array.from(r.outlierScores)).toEqual([0, 0, 0, 0, 0, 0, 1 - 1 / 3, 1 - 1 / 3]);
  });
});

/** The condensed tree's rows as [parent, child, lambda, size]. */
const rows = (t: {
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  size: Int32Array;
}) => Array.from(t.parent, (p, k) => [p, t.child[k], t.lambda[k], t.size[k]]);

describe('the condensed tree at its edges (min_samples 1: mutual reachability is the distance)', () => {
  it('copies merge at distance 0 with the finite lambda 1 / the smallest positive distance', () => {
    // 0, 0, 0, 2 | 10, 10.5, 11, min_cluster_size 3. Merges: the copies at 0 and 0, 10.5 joins
    // its neighbours at 0.5 and 0.5, 2 joins the copies at 2, all at 8. Smallest positive
    // distance 0.5: distance 0 counts as lambda 2. The root splits at 1/8 into A (the copies and
    // 2) and B; A sheds 2 at 1/2, then its copies split into pieces below 3 at distance 0: they
    // leave at lambda 2, as B's points do at 1 / 0.5. Stability A = (1/2 - 1/8) + 3 (2 - 1/8) = 6,
    // B = 3 (2 - 1/8) = 5.625; strength of 2 = (1/2) / 2; GLOSH of 2 = 1 - (1/2) / 2.
    const r = hdbscan(Float64Array.from([0, 0, 0, 2, 10, 10.5, 11]), 7, 1, { minClusterSize: 3, minSamples: 1 }); // prettier-ignore
    expect(Array.from(r.linkage.height)).toEqual([0, 0, 0.5, 0.5, 2, 8]);
    expect(r.condensedTree.zeroDistanceLambda).toBe(2);
    expect(rows(r.condensedTree)).toEqual([
      [7, 8, 0.125, 4],
      [7, 9, 0.125, 3],
      [8, 3, 0.5, 1],
      [9, 4, 2, 1],
      [9, 5, 2, 1],
      [9, 6, 2, 1],
      [8, 0, 2, 1],
      [8, 1, 2, 1],
      [8, 2, 2, 1],
    ]);
    expect(Array.from(r.treeClusters.stability)).toEqual([0.875, 6, 5.625]);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(r.strengths)).toEqual([1, 1, 1, 0.25, 1, 1, 1]);
    expect(Array.from(r.outlierScores)).toEqual([0, 0, 0, 0.75, 0, 0, 0]);
  });

  it('min_cluster_size 2: the first merge (node n, two points) is a cluster, or the part that lives on', () => {
    // 0, 1 | 10, 11: both pairs hold 2 points, so the root splits at 1/9 into two clusters.
    const pairs = hdbscan(Float64Array.from([0, 1, 10, 11]), 4, 1, { minClusterSize: 2, minSamples: 1 }); // prettier-ignore
    expect(rows(pairs.condensedTree)).toEqual([
      [4, 5, 1 / 9, 2],
      [4, 6, 1 / 9, 2],
      [5, 0, 1, 1],
      [5, 1, 1, 1],
      [6, 2, 1, 1],
      [6, 3, 1, 1],
    ]);
    expect(Array.from(pairs.labels)).toEqual([0, 0, 1, 1]);
    // 0, 1 | 10: 10 leaves the root at 1/9 and the root lives on as the pair {0, 1} (node 3 = n),
    // which then splits into single points at 1: they leave the root there, not at 1/9.
    const r = hdbscan(Float64Array.from([0, 1, 10]), 3, 1, { minClusterSize: 2, minSamples: 1 });
    expect(rows(r.condensedTree)).toEqual([
      [3, 2, 1 / 9, 1],
      [3, 0, 1, 1],
      [3, 1, 1, 1],
    ]);
    expect(Array.from(r.outlierScores)).toEqual([0, 0, 1 - 1 / 9]);
  });

  it('two points leave the root together at 1 / their distance; one point makes no row', () => {
    const two = hdbscan(Float64Array.from([3, 7]), 2, 1, { minClusterSize: 2, minSamples: 1 });
    expect(rows(two.condensedTree)).toEqual([
      [2, 0, 0.25, 1],
      [2, 1, 0.25, 1],
    ]);
    expect([two.condensedTree.clusterCount, two.condensedTree.zeroDistanceLambda]).toEqual([1, 0.25]); // prettier-ignore
    expect([two.clusters, two.noise]).toEqual([0, 2]);
    const one = hdbscan(Float64Array.from([5]), 1, 1, { minClusterSize: 2, minSamples: 1 });
    expect(rows(one.condensedTree)).toEqual([]);
    expect([one.condensedTree.clusterCount, one.condensedTree.zeroDistanceLambda]).toEqual([1, 1]);
    expect(Array.from(one.labels)).toEqual([-1]);
  });
});

/** Points on a coarse grid (many ties and copies), seeded. */
function grid(seed: number, n: number, d: number, steps: number): Float64Array {
  const random = createRng(seed);
  return Float64Array.from({ length: n * d }, () => Math.floor(random() * steps));
}

function bruteCore(points: Float64Array, n: number, d: number, k: number): number[] {
  return Array.from({ length: n }, (_, q) => {
    const all = Array.from({ length: n }, (_, p) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (points[q * d + j]! - points[p * d + j]!) ** 2;
      return s;
    }).sort((a, b) => a - b);
    return all[k - 1]!;
  });
}

describe('core distances through the k-d tree', () => {
  it.each([
    [1, 90, 3, 6],
    [2, 80, 2, 40],
    [3, 70, 4, 3],
    [4, 40, 1, 1000],
  ])('equal a brute-force scan (seed %i, %i points, %i features)', (seed, n, d, steps) => {
    const points = grid(seed, n, d, steps);
    for (const k of [1, 2, 5, 17, n]) {
      const seen: number[] = [];
      expect(Array.from(coreDistancesSquared(points, n, d, k, (q) => seen.push(q)))).toEqual(
        bruteCore(points, n, d, k),
      );
      expect(seen).toEqual([0]);
    }
  });

  it('reports every 256 points and refuses k outside 1..n', () => {
    const points = grid(5, 600, 2, 50);
    const seen: number[] = [];
    coreDistancesSquared(points, 600, 2, 3, (q) => seen.push(q));
    expect(seen).toEqual([0, 256, 512]);
    expect(() => coreDistancesSquared(points, 600, 2, 0)).toThrow(RangeError);
    expect(() => coreDistancesSquared(points, 600, 2, 601)).toThrow(RangeError);
  });

  it('a leaf of copies larger than a leaf, beside other points', () => {
    const points = new Float64Array(60);
    for (let i = 40; i < 60; i++) points[i] = i; // 40 copies of 0, then 20 spread points
    expect(Array.from(coreDistancesSquared(points, 60, 1, 3))).toEqual(bruteCore(points, 60, 1, 3)); // prettier-ignore
  });
});

describe('spanning trees against plain Prim’s', () => {
  it.each([
    [11, 60, 2, 4, 3],
    [12, 90, 3, 5, 7],
    [13, 100, 1, 30, 2],
    [14, 80, 4, 3, 1],
    [15, 80, 2, 1000, 5],
    [16, 45, 3, 2, 8],
  ])('seed %i, %i points of %i features', (seed, n, d, steps, k) => {
    const points = grid(seed, n, d, steps);
    const core = coreDistancesSquared(points, n, d, k);
    const plain = plainPrim(points, n, d, core);
    expect(kdPrimTree(points, n, d, core)).toEqual(plain);
    expect(plainPrimTree(points, n, d, core)).toEqual(plain);
    expect(mutualReachabilityTree(points, n, d, core)).toEqual(plain);
  });

  it('plain Prim’s reports progress every n / 200 steps', () => {
    const n = 450;
    const points = grid(21, n, 2, 30);
    const core = coreDistancesSquared(points, n, 2, 4);
    const seen: number[] = [];
    plainPrimTree(points, n, 2, core, (e) => seen.push(e));
    expect(seen).toEqual(Array.from({ length: 225 }, (_, i) => 2 * i));
  });

  it('falls back to plain Prim’s past the budget, with progress never going back', () => {
    const n = 120;
    const points = Float64Array.from({ length: n * 2 }, (_, i) => ((i * 7919) % 101) / 10);
    const core = coreDistancesSquared(points, n, 2, 100);
    expect(kdPrimTree(points, n, 2, core, undefined, (n * n) / 4)).toBeNull();
    const steps: number[] = [];
    expect(mutualReachabilityTree(points, n, 2, core, (e) => steps.push(e))).toEqual(
      plainPrim(points, n, 2, core),
    );
    expect(steps.every((s, i) => i === 0 || s >= steps[i - 1]!)).toBe(true);
    expect(steps.at(-1)).toBe(n - 2);
  });

  it('no edge for one point; one edge of the mutual reachability for two', () => {
    for (const build of [kdPrimTree, plainPrimTree]) {
      expect(build(Float64Array.of(1), 1, 1, Float64Array.of(0))).toEqual({
        from: new Int32Array(0),
        to: new Int32Array(0),
        weight: new Float64Array(0),
      });
      const two = build(Float64Array.of(0, 0, 3, 4), 2, 2, Float64Array.of(1, 36));
      expect([Array.from(two!.from), Array.from(two!.to), Array.from(two!.weight)]).toEqual([[0], [1], [6]]); // prettier-ignore
    }
  });
});

describe('excess of mass on hand-made trees', () => {
  it.each([
    // Children 3 and 4 (0.4 + 0.7 = 1.1) beat their parent 1 (1); 2 is a leaf.
    [
      [-1, 0, 0, 1, 1],
      [9, 1, 5, 0.4, 0.7],
      [0, 0, 1, 1, 1],
    ],
    // A tie keeps the parent.
    [
      [-1, 0, 0, 1, 1],
      [9, 1.1, 5, 0.4, 0.7],
      [0, 1, 1, 0, 0],
    ],
    // 1 beats its children, so 3's own children (better than 3) are covered by 1.
    [
      [-1, 0, 0, 1, 1, 3, 3],
      [9, 10, 1, 2, 3, 1.5, 1.5],
      [0, 1, 1, 0, 0, 0, 0],
    ],
    // Grandchildren beat their parent and, summed, the grandparent.
    [
      [-1, 0, 0, 1, 1, 3, 3],
      [9, 4, 1, 2, 1, 2, 1.5],
      [0, 0, 1, 0, 1, 1, 1],
    ],
    // The root is never selected, however stable.
    [
      [-1, 0, 0],
      [100, 1, 1],
      [0, 1, 1],
    ],
  ])(
    'parents %j, stabilities %j -> %j',
    (parent, stability, selected) =>
    expect(Array.from(excessOfMass(Int32Array.from(parent), Float64Array.from(stability)))).toEqual(selected), // prettier-ignore
  );
});

describe('checks, progress and cancel', () => {
  it('rejects malformed input, naming what is wrong', () => {
    const p = Float64Array.from([0, 1, 2, 3]);
    expect(() => hdbscan(p, 0, 1, { minClusterSize: 2 })).toThrow('n >= 1 points');
    expect(() => hdbscan(p, 4, 0, { minClusterSize: 2 })).toThrow('d >= 1 features');
    expect(() => hdbscan(p, 2.5, 1, { minClusterSize: 2 })).toThrow(RangeError);
    expect(() => hdbscan(p, 4, 1.5, { minClusterSize: 2 })).toThrow(RangeError);
    expect(() => hdbscan(p, 3, 1, { minClusterSize: 2 })).toThrow('expected 3 values, got 4');
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 1 })).toThrow('min_cluster_size');
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 2, minSamples: 0 })).toThrow('min_samples');
    expect(() => hdbscan(p, 4, 1, { minClusterSize: 2, minSamples: 1.5 })).toThrow('min_samples');
    expect(() => hdbscan(Float64Array.of(0, Infinity), 2, 1, { minClusterSize: 2 })).toThrow('not finite'); // prettier-ignore
    expect(hdbscan(p, 4, 1, { minClusterSize: 2, minSamples: 4 }).coreDistances).toHaveLength(4);
    try {
      hdbscan(p, 4, 1, { minClusterSize: 5 });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(AnalysisError);
      expect((error as AnalysisError).code).toBe('too-few-customers');
      expect((error as Error).message).toContain('at least 5 customers');
      expect((error as Error).message).toContain('has 4');
    }
  });

  it('reports the phases in order, from 0 to 1', () => {
    const seen: [number, string][] = [];
    hdbscan(grid(31, 300, 2, 1000), 300, 2, { minClusterSize: 5 }, (f, phase) =>
      seen.push([f, phase]),
    );
    expect(seen[0]).toEqual([0, 'core-distances']);
    expect(seen).toContainEqual([0.1, 'spanning-tree']);
    expect(seen.at(-2)).toEqual([0.95, 'hierarchy']);
    expect(seen.at(-1)).toEqual([1, 'hierarchy']);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]); // prettier-ignore
  });

  it('stops when the signal aborts, before or during the work', () => {
    const points = grid(32, 300, 2, 1000);
    const aborted = new AbortController();
    aborted.abort();
    expect(() => hdbscan(points, 300, 2, { minClusterSize: 5 }, undefined, aborted.signal)).toThrow(
      expect.objectContaining({ code: 'cancelled' }) as Error,
    );
    const controller = new AbortController();
    const phases: string[] = [];
    const run = () =>
      hdbscan(
        points,
        300,
        2,
        { minClusterSize: 5 },
        (_, phase) => {
          phases.push(phase);
          if (phase === 'spanning-tree') controller.abort();
        },
        controller.signal,
      );
    expect(run).toThrow(expect.objectContaining({ code: 'cancelled' }) as Error);
    // Throttled reports of the first phase may come in between, depending on the machine's speed.
    expect(phases[0]).toBe('core-distances');
    expect(phases.at(-1)).toBe('spanning-tree');
    expect(phases.filter((p) => p === 'spanning-tree')).toHaveLength(1);
  });
});
