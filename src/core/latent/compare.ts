/**
 * Groups found in the learned (latent) space side by side with groups found in the raw scaled
 * features, by HDBSCAN and by k-means: how many groups, their sizes, the share left as noise, how
 * stable the grouping is over bootstrap resamples, and where the segments on screen went
 * (crosstab). The point of the comparison: density clustering on a handful of skewed features
 * usually leaves most customers as noise, and a learned 2-3 number summary can pack them into
 * dense groups; whether it does, for this file, is what the numbers say.
 *
 * Stability: for each of B resamples (n customers drawn with replacement, seeded), each of the
 * four groupings is fitted again on the resample and compared with its full-data labels of the
 * same customers by the adjusted Rand index, noise counted as one more group (so customers that
 * move between noise and a group lower it). The autoencoder is not retrained per resample: the
 * question is whether the groups in this space are stable, not whether training is.
 *
 * Costs per fit: HDBSCAN O(n^2 d) for its spanning tree with O(n) memory; k-means
 * O(restarts x iterations x n k d). B + 1 fits of each; about B seconds for a few thousand
 * customers. A generator, so the worker can run it a step at a time.
 */
import { fitKMeans } from '../cluster/kmeans.ts';
import { adjustedRandIndex } from '../cluster/metrics.ts';
import { sizesLargestFirst } from '../cluster/sweep.ts';
import { hdbscan } from '../hdbscan/index.ts';
import { createRng, DEFAULT_SEED, randomInt } from '../random.ts';
import type { Points } from '../types.ts';
import { runToEnd } from './steps.ts';
import { NOISE } from '../validation/dbscan.ts';
import { type Crosstab, crosstab } from '../validation/rfm-scores.ts';
import { meanAndStd, readStability, type StabilityReading } from '../validation/stability.ts';

export type Space = 'raw' | 'latent';
export type GroupingModel = 'hdbscan' | 'kmeans';
export const GROUPINGS: readonly { space: Space; model: GroupingModel }[] = [
  { space: 'latent', model: 'hdbscan' },
  { space: 'raw', model: 'hdbscan' },
  { space: 'latent', model: 'kmeans' },
  { space: 'raw', model: 'kmeans' },
];

export interface SpaceComparisonOptions {
  /** k-means' number of groups (the k on screen). */
  k: number;
  minClusterSize?: number;
  minSamples?: number;
  /** Bootstrap resamples, B. */
  resamples?: number;
  /** k-means starts per fit. */
  restarts?: number;
  seed?: number;
}

export interface GroupingStability {
  mean: number;
  std: number;
  reading: StabilityReading;
}

export interface GroupingRow {
  space: Space;
  model: GroupingModel;
  groups: number;
  /** Customers per group, largest first. */
  sizes: number[];
  noiseCount: number;
  noiseShare: number;
  stability: GroupingStability;
  /** The segments on screen (rows) against this grouping's groups (columns, noise last if any). */
  crosstab: Crosstab;
}

export interface SpaceComparison {
  k: number;
  minClusterSize: number;
  minSamples: number;
  resamples: number;
  rows: GroupingRow[];
  /** Every customer's group in each grouping (NOISE for noise), in GROUPINGS order. */
  labels: Int32Array[];
  /** The comparison in plain words, most important first. */
  summary: string[];
}

export interface ComparisonProgress {
  done: number;
  total: number;
}

/** Groups of a labelling (NOISE aside) and its noise count. */
function countGroups(labels: Int32Array): { groups: number; noise: number } {
  let groups = 0;
  let noise = 0;
  for (const label of labels) {
    if (label === NOISE) noise++;
    else groups = Math.max(groups, label + 1);
  }
  return { groups, noise };
}

/** 78%; one decimal where whole percents would say 0% or 100% of a share that is neither. */
export function percent(share: number): string {
  const whole = Math.round(100 * share);
  const exact = share === 0 || share === 1;
  return !exact && (whole === 0 || whole === 100) ? `${(100 * share).toFixed(1)}%` : `${whole}%`;
}
const groupsWord = (g: number) => (g === 1 ? '1 group' : `${g} groups`);

/**
 * One HDBSCAN row in words, for a singular or plural subject: "puts 78% of customers into 4
 * groups" or "leave 96% of customers as noise (2 groups for the rest)".
 */
function densityPhrase(row: GroupingRow, plural: boolean): string {
  const s = plural ? '' : 's';
  if (row.groups === 0) return `find${s} no dense group at all: every customer is noise`;
  return row.noiseShare > 0.5
    ? `leave${s} ${percent(row.noiseShare)} of customers as noise (${groupsWord(row.groups)} for the rest)`
    : `put${s} ${percent(1 - row.noiseShare)} of customers into ${groupsWord(row.groups)}`;
}

/** The plain-words reading of the four rows (in GROUPINGS order). */
export function summarise(rows: readonly GroupingRow[], latentDims: number): string[] {
  const [latent, raw, latentKmeans, rawKmeans] = rows;
  if (!latent || !raw || !latentKmeans || !rawKmeans) return [];
  const steadier = (a: GroupingRow, b: GroupingRow) =>
    Math.abs(a.stability.mean - b.stability.mean) < 0.05
      ? 'about as stable as'
      : a.stability.mean > b.stability.mean
        ? 'more stable than'
        : 'less stable than';
  const agreement = (row: GroupingRow) => row.stability.mean.toFixed(2);
  return [
    `Looking for dense groups, the learned ${latentDims}-number summary ` +
      `${densityPhrase(latent, false)}; the raw features ${densityPhrase(raw, true)}.`,
    `Fitted again on resampled customers, the learned space's dense groups are ` +
      `${latent.stability.reading} (agreement ${agreement(latent)} of 1) and ` +
      `${steadier(latent, raw)} the raw features' (${agreement(raw)}).`,
    `Split into ${latentKmeans.groups} by k-means, the learned space's groups are ` +
      `${latentKmeans.stability.reading} (${agreement(latentKmeans)}); the raw features' are ` +
      `${rawKmeans.stability.reading} (${agreement(rawKmeans)}).`,
  ];
}

/** The comparison as a generator: yields after each full fit and each resample. */
export function* spaceComparisonSteps(
  raw: Points,
  latent: Points,
  segmentLabels: Int32Array,
  segmentCount: number,
  options: SpaceComparisonOptions,
): Generator<ComparisonProgress, SpaceComparison, void> {
  const n = raw.count;
  if (latent.count !== n || segmentLabels.length !== n)
    throw new Error(`raw ${n}, latent ${latent.count} and ${segmentLabels.length} labels differ`);
  const { k } = options;
  const minClusterSize = options.minClusterSize ?? 30;
  const minSamples = options.minSamples ?? 15;
  const resamples = options.resamples ?? 10;
  const seed = options.seed ?? DEFAULT_SEED;
  const spaces: Record<Space, Points> = { raw, latent };
  const total = GROUPINGS.length + resamples;
  let done = 0;

  const fit = (points: Points, model: GroupingModel, fitSeed: number): Int32Array =>
    model === 'hdbscan'
      ? hdbscan(points.values, points.count, points.dims, { minClusterSize, minSamples }).labels
      : fitKMeans(points, k, {
          seed: fitSeed,
          ...(options.restarts !== undefined && { restarts: options.restarts }),
        }).labels;

  const labels: Int32Array[] = [];
  for (const { space, model } of GROUPINGS) {
    labels.push(fit(spaces[space], model, seed));
    yield { done: ++done, total };
  }

  // One resampling stream for all four groupings, so each is judged on the same resamples.
  const rng = createRng(seed * 7919 + 3571);
  const aris: number[][] = GROUPINGS.map(() => []);
  const drawn = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let s = 0; s < n; s++) drawn[s] = randomInt(rng, n);
    GROUPINGS.forEach(({ space, model }, g) => {
      const points = spaces[space];
      const d = points.dims;
      const values = new Float64Array(n * d);
      drawn.forEach((i, s) => values.set(points.values.subarray(i * d, i * d + d), s * d));
      const refit = fit({ count: n, dims: d, values }, model, seed + 1 + b);
      aris[g]!.push(
        adjustedRandIndex(
          Int32Array.from(drawn, (i) => labels[g]![i]!),
          refit,
        ),
      );
    });
    yield { done: ++done, total };
  }

  const rows = GROUPINGS.map(({ space, model }, g): GroupingRow => {
    const own = labels[g]!;
    const { groups, noise } = countGroups(own);
    const grouped = own.filter((x) => x !== NOISE);
    const columns = groups + (noise > 0 ? 1 : 0);
    const { mean, std } = meanAndStd(aris[g]!);
    return {
      space,
      model,
      groups,
      sizes: sizesLargestFirst(grouped, groups),
      noiseCount: noise,
      noiseShare: n > 0 ? noise / n : 0,
      stability: { mean, std, reading: readStability({ mean, std, min: Math.min(...aris[g]!) }) },
      crosstab: crosstab(
        segmentLabels,
        segmentCount,
        Int32Array.from(own, (x) => (x === NOISE ? groups : x)),
        columns,
      ),
    };
  });
  return {
    k,
    minClusterSize,
    minSamples,
    resamples,
    rows,
    labels,
    summary: summarise(rows, latent.dims),
  };
}

/**
 * The whole comparison; `onProgress` after each fit and resample, `signal` checked between them
 * (AnalysisError 'cancelled').
 */
export function compareSpaces(
  raw: Points,
  latent: Points,
  segmentLabels: Int32Array,
  segmentCount: number,
  options: SpaceComparisonOptions,
  onProgress?: (progress: ComparisonProgress) => void,
  signal?: AbortSignal,
): SpaceComparison {
  const steps = spaceComparisonSteps(raw, latent, segmentLabels, segmentCount, options);
  return runToEnd(steps, onProgress, signal);
}
