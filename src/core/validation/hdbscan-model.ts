/**
 * HDBSCAN (core/hdbscan, SPEC "HDBSCAN") as one of the models compared with k-means: the fit
 * reduced to what the comparison, the segments, the customer profile and the condensed tree chart
 * need. Plain data (typed arrays and numbers), so it crosses between workers as it is.
 */
import { condensedTreeChart, type CondensedTreeNode, hdbscan } from '../hdbscan/index.ts';
import type { HdbscanProgress } from '../hdbscan/index.ts';
import type { Points } from '../types.ts';
import { NOISE } from './dbscan.ts';

/** The user's settings; absent ones take the defaults below. */
export interface HdbscanChoice {
  minClusterSize?: number | undefined;
  minSamples?: number | undefined;
}

/** Defaults of the analyses this app follows (issue 13): most customers noise, a few dense groups. */
export const DEFAULT_MIN_CLUSTER_SIZE = 30;
export const DEFAULT_MIN_SAMPLES = 15;

export interface HdbscanFit {
  minClusterSize: number;
  minSamples: number;
  /** Per customer: group 0, 1, ... or NOISE (-1). */
  labels: Int32Array;
  /** Per customer: membership strength in [0, 1], 0 for noise. */
  strengths: Float64Array;
  /** Per customer: GLOSH outlier score in [0, 1). */
  outlierScores: Float64Array;
  clusters: number;
  noise: number;
  /** The condensed tree, one node per cluster (empty when there are too few customers). */
  tree: CondensedTreeNode[];
}

/** The settings a choice stands for, checked. */
export function hdbscanSettings(choice: HdbscanChoice = {}): {
  minClusterSize: number;
  minSamples: number;
} {
  const minClusterSize = choice.minClusterSize ?? DEFAULT_MIN_CLUSTER_SIZE;
  const minSamples = choice.minSamples ?? DEFAULT_MIN_SAMPLES;
  if (!Number.isInteger(minClusterSize) || minClusterSize < 2)
    throw new RangeError(
      `min_cluster_size must be a whole number of at least 2, got ${minClusterSize}`,
    );
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new RangeError(`min_samples must be a whole number of at least 1, got ${minSamples}`);
  return { minClusterSize, minSamples };
}

/**
 * HDBSCAN on the scaled customers. With fewer customers than min_samples no one has a core
 * distance: everyone is noise (no group), rather than an error that would stop the comparison.
 */
export function fitHdbscan(
  points: Points,
  choice: HdbscanChoice = {},
  onProgress?: HdbscanProgress,
  signal?: AbortSignal,
): HdbscanFit {
  const settings = hdbscanSettings(choice);
  const n = points.count;
  if (n < settings.minSamples)
    return {
      ...settings,
      labels: new Int32Array(n).fill(NOISE),
      strengths: new Float64Array(n),
      outlierScores: new Float64Array(n),
      clusters: 0,
      noise: n,
      tree: [],
    };
  const result = hdbscan(points.values, n, points.dims, settings, onProgress, signal);
  return {
    ...settings,
    labels: result.labels,
    strengths: result.strengths,
    outlierScores: result.outlierScores,
    clusters: result.clusters,
    noise: result.noise,
    tree: condensedTreeChart(result.condensedTree, result.treeClusters),
  };
}
