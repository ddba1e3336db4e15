/**
 * The Explore analysis of one clustering: the autoencoder, the latent-vs-raw comparison and the
 * customer map, each a resumable run kept for the last inputs asked. The worker advances a run
 * for a short time budget per call and returns how far it got, so the page shows progress (the
 * loss curve as it falls), other questions are answered in between, and cancelling is just not
 * asking again: the worker, and the analysis in it, stay alive. A run resumed later ends with
 * exactly what an uninterrupted one would have.
 */
import type { Points } from '../types.ts';
import { type Autoencoder, autoencoderTraining, type TrainingProgress } from './autoencoder.ts';
import { type ComparisonProgress, type SpaceComparison, spaceComparisonSteps } from './compare.ts';
import { type CustomerMap, customerMapSteps, loadUmap, type MapProgress } from './map.ts';
import { pcaReconstructionError } from './pca-baseline.ts';
import { Resumable } from './steps.ts';

/** What the page chooses on the Explore screen. */
export interface ExploreSettings {
  /** Numbers in the learned summary: 2 or 3. */
  latentDims: number;
  /** HDBSCAN's smallest group and its min_samples. */
  minClusterSize: number;
  minSamples: number;
}

export const DEFAULT_EXPLORE_SETTINGS: ExploreSettings = {
  latentDims: 2,
  minClusterSize: 30,
  minSamples: 15,
};

/** The trained autoencoder as the page sees it: its curve and how well it reproduces customers. */
export interface LatentSummary {
  latentDims: number;
  epochs: number;
  losses: Float64Array;
  reconstructionError: number;
  /** PCA's error with as many components: the best a straight-line summary can do. */
  pcaError: number;
  /** Mean squared scaled feature (per customer and feature): the error of knowing nothing. */
  baselineError: number;
}

export interface TrainingStep {
  progress: TrainingProgress | null;
  result: LatentSummary | null;
}

export interface ComparisonStep {
  progress: ComparisonProgress | null;
  result: SpaceComparison | null;
}

export interface MapStep {
  progress: MapProgress | null;
  result: CustomerMap | null;
}

/** Mean squared deviation from the feature means: reconstruction by "everyone is average". */
function varianceError({ count: n, dims: d, values }: Points): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + j]!;
    mean /= n;
    for (let i = 0; i < n; i++) total += (values[i * d + j]! - mean) ** 2;
  }
  return total / (n * d);
}

/** A one-entry cache of a run by key. */
class Slot<T> {
  private entry: { key: string; value: T } | null = null;
  get(key: string, start: () => T): T {
    if (this.entry?.key !== key) this.entry = { key, value: start() };
    return this.entry.value;
  }
}

export class Explore {
  private training = new Slot<Resumable<TrainingProgress, Autoencoder>>();
  private comparison = new Slot<Resumable<ComparisonProgress, SpaceComparison>>();
  private map = new Slot<Resumable<MapProgress, CustomerMap>>();
  private summaries = new Slot<LatentSummary>();

  /** `points`: the clustering's scaled features; `seed`: the analysis' seed. */
  constructor(
    private readonly points: Points,
    private readonly seed: number,
  ) {}

  private trainingRun(latentDims: number) {
    return this.training.get(
      String(latentDims),
      () => new Resumable(autoencoderTraining(this.points, { latentDims, seed: this.seed })),
    );
  }

  /** Trains the autoencoder with `latentDims` for about `budgetMs` more. */
  train(latentDims: number, budgetMs: number): TrainingStep {
    const { progress, result } = this.trainingRun(latentDims).advance(budgetMs);
    if (!result) return { progress, result: null };
    const summary = this.summaries.get(String(latentDims), () => ({
      latentDims,
      epochs: result.losses.length,
      losses: result.losses,
      reconstructionError: result.reconstructionError,
      pcaError: pcaReconstructionError(this.points, latentDims),
      baselineError: varianceError(this.points),
    }));
    return { progress, result: summary };
  }

  /**
   * HDBSCAN and k-means on the latent space and the raw features for about `budgetMs` more,
   * against the segments `segmentLabels` (0..segmentCount-1) on screen, `segmentsKey` naming them.
   * Needs the autoencoder trained first (train until it has a result).
   */
  compare(
    settings: ExploreSettings,
    k: number,
    segmentsKey: string,
    segmentLabels: Int32Array,
    segmentCount: number,
    budgetMs: number,
  ): ComparisonStep {
    const trained = this.trainingRun(settings.latentDims).result;
    if (!trained) throw new Error('explore: train the autoencoder before comparing');
    const key = JSON.stringify([settings, k, segmentsKey]);
    const run = this.comparison.get(
      key,
      () =>
        new Resumable(
          spaceComparisonSteps(this.points, trained.latent, segmentLabels, segmentCount, {
            k,
            minClusterSize: settings.minClusterSize,
            minSamples: settings.minSamples,
            seed: this.seed,
          }),
        ),
    );
    return run.advance(budgetMs);
  }

  /** The 2D map of the customers' scaled features, for about `budgetMs` more. */
  async customerMap(budgetMs: number): Promise<MapStep> {
    const Umap = await loadUmap();
    return this.map
      .get('map', () => new Resumable(customerMapSteps(this.points, { seed: this.seed }, Umap)))
      .advance(budgetMs);
  }
}
