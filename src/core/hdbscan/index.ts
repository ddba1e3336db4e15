/**
 * HDBSCAN (Campello, Moulavi & Sander 2013) as scikit-learn 1.3+ defines it (SPEC "HDBSCAN"):
 * core distances (k-d tree), Prim's minimum spanning tree over mutual reachability computed on
 * the fly (O(n) memory), the single-linkage hierarchy, the condensed tree with min_cluster_size,
 * excess-of-mass selection without the single-cluster root, labels with -1 for noise, membership
 * strengths and GLOSH outlier scores.
 *
 * Pure TypeScript on typed arrays: runs in Node and in the worker. The spanning tree is the
 * O(n^2) part; progress is reported and the signal checked throughout it.
 */
import { AnalysisError, throwIfAborted } from '../errors.ts';
import { coreDistancesSquared } from './kdtree.ts';
import { mutualReachabilityTree } from './mst.ts';
import { type ClusterFacts, outlierScores, selectClusters } from './select.ts';
import { type CondensedTree, type SingleLinkage, condenseTree, singleLinkage } from './tree.ts';

export type { CondensedTree, SingleLinkage } from './tree.ts';
export type { ClusterFacts } from './select.ts';
export { condensedTreeChart, type CondensedTreeNode } from './chart.ts';

export interface HdbscanOptions {
  /** Smallest group of customers that counts as a cluster (scikit-learn's min_cluster_size, >= 2). */
  minClusterSize: number;
  /**
   * Neighbours, counting the point itself, whose distance is a point's core distance: larger
   * values make more customers noise. Defaults to minClusterSize, as in scikit-learn.
   */
  minSamples?: number;
}

export type HdbscanPhase = 'core-distances' | 'spanning-tree' | 'hierarchy';

/** `fraction` is overall progress 0..1; about ten calls a second at most. */
export type HdbscanProgress = (fraction: number, phase: HdbscanPhase) => void;

export interface SelectedCluster {
  /** The label points of this cluster carry (0, 1, ...). */
  label: number;
  /** Its id in the condensed tree (n + index). */
  treeId: number;
  /** Excess of mass: how long and how many points the cluster persists (its own, not its subtree). */
  stability: number;
  /** Customers labelled with it. */
  size: number;
  birthLambda: number;
  deathLambda: number;
}

export interface HdbscanResult {
  n: number;
  /** Per point: cluster label 0, 1, ... or -1 for noise. */
  labels: Int32Array;
  /** Per point: membership strength in [0, 1] (lambda / the cluster's largest lambda); 0 for noise. */
  strengths: Float64Array;
  /** Per point: GLOSH outlier score in [0, 1). */
  outlierScores: Float64Array;
  /** Per point: distance to its min_samples-th nearest neighbour, itself included. */
  coreDistances: Float64Array;
  condensedTree: CondensedTree;
  /** Per condensed-tree cluster (index = tree id - n): parent, birth, death, size, stability. */
  treeClusters: ClusterFacts;
  /** The single-linkage hierarchy over mutual reachability (scipy's linkage format). */
  linkage: SingleLinkage;
  /** Number of clusters found (labels run 0 .. clusters - 1). */
  clusters: number;
  /** Number of noise points. */
  noise: number;
  selectedClusters: SelectedCluster[];
}

function validate(points: Float64Array, n: number, d: number, options: HdbscanOptions): number {
  const { minClusterSize } = options;
  const minSamples = options.minSamples ?? minClusterSize;
  // Wrong shapes and settings are the caller's bug, not the shop owner's.
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1)
    throw new RangeError(`HDBSCAN needs n >= 1 points of d >= 1 features, got n ${n}, d ${d}`);
  if (points.length !== n * d)
    throw new RangeError(`HDBSCAN expected ${n * d} values, got ${points.length}`);
  if (!Number.isInteger(minClusterSize) || minClusterSize < 2)
    throw new RangeError(`min_cluster_size must be an integer >= 2, got ${minClusterSize}`);
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new RangeError(`min_samples must be an integer >= 1, got ${minSamples}`);
  for (const v of points)
    if (!Number.isFinite(v)) throw new RangeError('HDBSCAN got a feature value that is not finite');
  if (minSamples > n)
    throw new AnalysisError(
      'too-few-customers',
      `HDBSCAN needs at least ${minSamples} customers for these settings; the data has ${n}.`,
      `min_samples ${minSamples} > n ${n}`,
    );
  return minSamples;
}

/**
 * Cluster `n` points of `d` features (row-major in `points`). Throws AnalysisError 'cancelled'
 * when `signal` aborts, 'too-few-customers' when there are fewer points than
 * min_samples, and RangeError for malformed input or settings.
 */
export function hdbscan(
  points: Float64Array,
  n: number,
  d: number,
  options: HdbscanOptions,
  onProgress?: HdbscanProgress,
  signal?: AbortSignal,
): HdbscanResult {
  const minSamples = validate(points, n, d, options);
  let lastReport = -Infinity;
  const report = (fraction: number, phase: HdbscanPhase, force = false): void => {
    throwIfAborted(signal);
    if (onProgress === undefined) return;
    const now = performance.now();
    if (!force && now - lastReport < 100) return;
    lastReport = now;
    onProgress(fraction, phase);
  };
  // Rough shares of the running time: the spanning tree dominates.
  report(0, 'core-distances', true);
  const coreSquared = coreDistancesSquared(points, n, d, minSamples, (done) =>
    report((0.1 * done) / n, 'core-distances'),
  );
  report(0.1, 'spanning-tree', true);
  // Prim's work per step shrinks as the tree grows: done steps e cost about 1 - (1 - e/n)^2.
  const tree = mutualReachabilityTree(points, n, d, coreSquared, (done) =>
    report(0.1 + 0.85 * (1 - (1 - done / n) ** 2), 'spanning-tree'),
  );
  report(0.95, 'hierarchy', true);
  const linkage = singleLinkage(tree, n);
  const condensedTree = condenseTree(linkage, options.minClusterSize);
  const selection = selectClusters(condensedTree);
  const scores = outlierScores(linkage, condensedTree, selection.clusters);
  report(1, 'hierarchy', true);

  const sizes = new Int32Array(selection.labelCluster.length);
  let noise = 0;
  for (const label of selection.labels) {
    if (label < 0) noise++;
    else sizes[label] = (sizes[label] as number) + 1;
  }
  const facts = selection.clusters;
  const selectedClusters = Array.from(selection.labelCluster, (c, label) => ({
    label,
    treeId: n + c,
    stability: facts.stability[c] as number,
    size: sizes[label] as number,
    birthLambda: facts.birth[c] as number,
    deathLambda: facts.death[c] as number,
  }));
  return {
    n,
    labels: selection.labels,
    strengths: selection.strengths,
    outlierScores: scores,
    coreDistances: coreSquared.map(Math.sqrt),
    condensedTree,
    treeClusters: facts,
    linkage,
    clusters: selectedClusters.length,
    noise,
    selectedClusters,
  };
}
