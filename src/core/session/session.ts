/**
 * One analysis, from the file to every answer about it. The session keeps what later questions
 * need (the customers, the clustering, a few results that are slow to compute) and nothing else:
 * the rows go once the customers are grouped. Every question names its inputs (k, model, DBSCAN's
 * settings, the user's names), so the answer is for those inputs, never for whatever was asked
 * last. The worker exposes this object; the CLI drives it directly.
 */
import type { Segmentation } from '../cluster/segments.ts';
import { cluster, type ClusterOptions, type Clustering, segmentsFor } from '../clustering.ts';
import { lifetimeValue } from '../clv/index.ts';
import { clvMessages } from '../clv/messages.ts';
import { type ClvChoice, valueView, type ValueView } from '../clv/view.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
import type { SegmentationModel } from '../model/document.ts';
import { type LoadOptions, prepare, type PreparedData } from '../pipeline.ts';
import type { Reporter } from '../progress.ts';
import {
  type AnalysisState,
  analysisState,
  customerDetail,
  type CustomerDetail,
  featurePercentiles,
  whatIf,
  type WhatIfResult,
} from '../results.ts';
import { withNames } from '../segment-names.ts';
import { tableWithoutRows } from '../features/customers.ts';
import {
  type AnalysisSnapshot,
  COMPARISON_META,
  type DbscanChoice,
  Latest,
  type ModelMeta,
  need,
  type PeriodsChoice,
  type Quality,
  restoredClustering,
  type SegmentsChoice,
  type SessionOptions,
  type StabilityProgress,
  type WhatIfInput,
  resamplesWithin,
} from './inputs.ts';
import { analystCsv, type CustomerExportFormat, ownerExport } from './exports.ts';
import { ClusteringResults } from './kept.ts';
import { analysisKey } from './key.ts';
import {
  compareAtDate,
  compareWithEarlier,
  type KeptRows,
  modelOfSegments,
  needRows,
  type PeriodComparison,
  renamedModel,
  type SavedModel,
  scoredClustering,
} from './models.ts';
import {
  type ComparisonStep,
  Explore,
  type ExploreSettings,
  type MapStep,
  type TrainingStep,
} from '../latent/explore.ts';
import type { FeatureName } from '../types.ts';
import { compareModels, withHdbscan, type ModelComparison } from '../validation/models.ts';
import {
  type HdbscanChoice,
  type HdbscanFit,
  hdbscanSettings,
} from '../validation/hdbscan-model.ts';
import type { HdbscanProgress } from '../hdbscan/index.ts';
import { qualityReport } from '../validation/quality.ts';
import { startBootstrap } from '../validation/stability.ts';

export type * from './inputs.ts';
export type { CustomerExportFormat } from './exports.ts';

export class AnalysisSession {
  private state: AnalysisState | null = null;
  private clustering: Clustering | null = null;
  private percentiles: Record<FeatureName, Float64Array> | null = null;
  private values = new Latest<ValueView>();
  // Kept after grouping only so the file can be cut at a date or compared with an earlier one.
  private rows: KeptRows | null = null;
  private kept = new ClusteringResults();

  constructor(private readonly options: SessionOptions = {}) {}

  /** Reads and cleans the file and groups it by customer; what was analysed before is dropped. */
  async prepare(
    source: ByteSource,
    load: LoadOptions,
    report: Reporter,
    signal?: AbortSignal,
    sniff?: FileSniff,
  ): Promise<PreparedData> {
    return this.adopt(await prepare(source, load, report, signal, sniff, this.options.reader?.()));
  }

  /** Data read and cleaned elsewhere (a read ahead: read-ahead.ts), taken as `prepare` would. */
  adopt(data: PreparedData): PreparedData {
    const state = analysisState(data, { monthly: !this.options.noMonthlyActivity });
    const drop = this.options.dropRows;
    this.reset(drop ? { ...state, table: tableWithoutRows(state.table, drop.behaviour) } : state);
    this.rows = drop ? null : { fileName: data.sniff.name, tx: data.tx, kept: data.cleaned.kept };
    return data;
  }

  /** The customers as kept (table, countries, monthly activity). */
  get customers(): AnalysisState {
    return need(this.state, 'data');
  }

  /** Scales the chosen features and sweeps k; results of the previous clustering are dropped. */
  async cluster(options: ClusterOptions, report: Reporter, signal?: AbortSignal) {
    const next = await cluster(
      this.customers.table,
      options,
      report,
      signal,
      this.options.pool?.(),
    );
    this.reset(this.state, next);
    return next;
  }

  /** The clustering in use (the last `cluster` or `restore`). */
  get current(): Clustering {
    return need(this.clustering, 'clustering');
  }

  /**
   * The segments for a choice: k-means from the sweep's fit, or another model's groups for the
   * same k (fitted on first use), numbered and named as the app shows them.
   */
  segments(choice: SegmentsChoice): Segmentation {
    const unnamed = this.unnamedSegments(choice);
    return { ...unnamed, segments: withNames(unnamed.segments, choice.names) };
  }

  private unnamedSegments({ k, model = 'kmeans', dbscan, hdbscan }: SegmentsChoice): Segmentation {
    // A scored file's segments are the saved model's, whatever k the choice names.
    if (this.kept.scored && model === 'kmeans') return this.kept.scored.segmentation;
    const clustering = this.current;
    const { table } = this.customers;
    const { options } = clustering;
    if (model === 'kmeans')
      return this.kept.kmeansSegments.get(analysisKey(options, k), () =>
        segmentsFor(table, clustering, k),
      );
    const settings = model === 'hdbscan' ? hdbscanSettings(hdbscan) : dbscan;
    return this.kept.otherSegments.get(analysisKey(options, k, [model, settings]), () => {
      const labels =
        model === 'hdbscan'
          ? this.kept.hdbscans.labels(clustering, hdbscan)
          : this.comparison(k, dbscan).labels[model];
      return segmentsFor(table, clustering, k, {}, labels);
    });
  }

  /** Silhouettes, the classifier audit, PCA, outliers and RFM scores of the chosen segments. */
  quality(choice: SegmentsChoice): Quality {
    const { labels, k } = this.segments(choice);
    const { points, scaler, outliers, options } = this.current;
    return qualityReport(this.customers.table, points, scaler, labels, k, outliers, {
      seed: options.seed,
    });
  }

  /**
   * Bootstrap stability of the k-means segments of k, a few resamples per call (about `budgetMs`
   * of work) so other questions are answered in between; call again until `result` is set. A
   * budget of Infinity runs it to the end. With a k-means pool (the other core) the resamples are
   * fitted there, in the background, and a call waits for them up to `budgetMs`: this thread is
   * free meanwhile for the quality report and the model comparison. The answers are the same.
   */
  async stability(k: number, budgetMs = 200): Promise<StabilityProgress> {
    const { points, options } = this.current;
    const run = this.kept.bootstraps.get(analysisKey(options, k), () =>
      startBootstrap(points, this.segments({ k }).labels, k, {
        seed: options.seed,
        restarts: options.restarts,
      }),
    );
    const pool = this.options.pool?.();
    if (pool) await resamplesWithin(run, pool, budgetMs);
    else {
      const until = performance.now() + budgetMs;
      while (run.aris.length < run.total && performance.now() < until) run.step();
    }
    const done = run.aris.length;
    return { done, total: run.total, result: done === run.total ? run.result() : null };
  }

  /**
   * Gaussian mixture, DBSCAN and Ward against the k-means segments of k, and HDBSCAN when its fit
   * for `hdbscan` is at hand (`hdbscan()` or `provideHdbscan()` first; it is not fitted here):
   * its row is added to the others, which are not fitted again.
   */
  comparison(k: number, dbscan: DbscanChoice = {}, hdbscan?: HdbscanChoice): ModelComparison {
    const { points, options } = this.current;
    const fit = hdbscan ? this.kept.hdbscans.fitted(this.current, hdbscan) : undefined;
    const base = this.kept.comparisons.get(analysisKey(options, k, [dbscan, null]), () =>
      compareModels(points, this.segments({ k }).labels, k, { ...dbscan, seed: options.seed }),
    );
    const key = analysisKey(options, k, [dbscan, fit && hdbscanSettings(hdbscan)]);
    return fit
      ? this.kept.withHdbscan.get(key, () => withHdbscan(base, points, fit, options.seed))
      : base;
  }

  /** HDBSCAN on the clustered customers with these settings (fitted once, then kept). */
  hdbscan(
    choice: HdbscanChoice = {},
    onProgress?: HdbscanProgress,
    signal?: AbortSignal,
  ): HdbscanFit {
    return this.kept.hdbscans.fit(this.current, choice, onProgress, signal);
  }

  /** An HDBSCAN fit of the current clustering's points made elsewhere (the page's own worker). */
  provideHdbscan(fit: HdbscanFit): void {
    this.kept.hdbscans.provide(this.current, fit);
  }

  /** One customer: features, percentiles, distance to each chosen segment, monthly spend. */
  customerDetail(choice: SegmentsChoice, index: number): CustomerDetail {
    this.percentiles ??= featurePercentiles(this.customers.table);
    const detail = customerDetail(
      this.customers,
      this.current,
      this.segments(choice),
      this.percentiles,
      index,
    );
    const fit = this.kept.hdbscans.fitted(this.current, choice.hdbscan ?? {});
    if (!fit) return detail;
    return {
      ...detail,
      hdbscan: {
        group: fit.labels[index]!,
        strength: fit.strengths[index]!,
        outlierScore: fit.outlierScores[index]!,
      },
    };
  }

  /** The chosen segment a hypothetical customer would fall in. */
  whatIf(choice: SegmentsChoice, input: WhatIfInput): WhatIfResult {
    return whatIf(this.customers.table, this.current, this.segments(choice), input);
  }

  /**
   * Lifetime value (issue 12) for a horizon, discount and calibration end: both fits, every
   * customer's predictions, the check. It needs no segments and is kept until the file changes.
   */
  lifetimeValue(choice: ClvChoice = {}, onProgress?: (fraction: number) => void): ValueView {
    const { purchaseDays, table } = this.customers;
    if (!purchaseDays) return { ok: false, problem: clvMessages.noPurchaseDays() };
    return this.values.get(JSON.stringify(choice), () =>
      valueView(lifetimeValue(purchaseDays, choice, onProgress), table.ids.length),
    );
  }

  /**
   * Customers with their features and the chosen segments' names, as CSV text; with `clv`, also
   * their lifetime value columns (when it could be estimated); with `rows`, only those customers.
   */
  customersCsv(
    choice: SegmentsChoice,
    { clv, rows }: { clv?: ClvChoice | undefined; rows?: ArrayLike<number> | undefined } = {},
  ): string {
    const value = clv ? this.lifetimeValue(clv) : null;
    return analystCsv(this.customers, this.segments(choice), value, rows);
  }

  /**
   * Puts the customers into a saved model's segments without refitting: the model's scaler,
   * centres, names and order replace the clustering (no k sweep) until the next `cluster`.
   */
  score(model: SegmentationModel): Segmentation {
    const { clustering, segmentation } = scoredClustering(model, this.customers.table);
    this.reset(this.state, clustering);
    this.kept.scored = { model, segmentation };
    return segmentation;
  }

  /** The saved model in use, or null when the segments come from the sweep. */
  get scoredWith(): SegmentationModel | null {
    return this.kept.scored?.model ?? null;
  }

  /**
   * The model of the chosen segments, with the user's names, and the share of customers
   * nearest-centre scoring keeps in their segment (1 for k-means). A scored file gives back its
   * model (renamed as the user renamed its segments).
   */
  saveModel(choice: SegmentsChoice, meta: ModelMeta): SavedModel {
    const segmentation = this.segments(choice);
    if (this.kept.scored) return renamedModel(this.kept.scored.model, segmentation);
    const parts = { table: this.customers.table, clustering: this.current, segmentation };
    return modelOfSegments(parts, { ...meta, kind: choice.model ?? 'kmeans' });
  }

  /**
   * The migration between two periods under one model: the saved model in use, else the model of
   * the chosen segments. The file in use is the later period.
   */
  async comparePeriods(
    choice: SegmentsChoice,
    periods: PeriodsChoice,
    report: Reporter,
    signal?: AbortSignal,
  ): Promise<PeriodComparison> {
    const rows = needRows(this.rows);
    const model = this.kept.scored?.model ?? this.saveModel(choice, COMPARISON_META).model;
    const later = this.customers.table;
    if ('until' in periods) return compareAtDate(model, rows, later, periods.until);
    const { earlier: source, load, sniff } = periods;
    const earlier = await prepare(source, load, report, signal, sniff, this.options.reader?.());
    return compareWithEarlier(model, rows, later, earlier.groups.table, earlier.sniff.name);
  }

  /** The Explore screen's runs (core/latent/explore.ts) for the clustering in use. */
  private get explore(): Explore {
    const { points, options } = this.current;
    return (this.kept.explorer ??= new Explore(points, options.seed));
  }

  /** The autoencoder with `latentDims`, trained for about `budgetMs` more. */
  exploreTraining(latentDims: number, budgetMs = 200): TrainingStep {
    return this.explore.train(latentDims, budgetMs);
  }

  /** Latent against raw features, HDBSCAN and k-means, for the chosen segments (`budgetMs` more). */
  exploreComparison(
    choice: SegmentsChoice,
    settings: ExploreSettings,
    budgetMs = 200,
  ): ComparisonStep {
    const { labels, segments } = this.segments(choice);
    const key = analysisKey(this.current.options, choice.k, [
      choice.model,
      choice.dbscan,
      choice.hdbscan,
    ]);
    return this.explore.compare(settings, choice.k, key, labels, segments.length, budgetMs);
  }

  /** The 2D map of the customers, computed for about `budgetMs` more. */
  customerMap(budgetMs = 200): Promise<MapStep> {
    return this.explore.customerMap(budgetMs);
  }

  /**
   * The owner's customer export (`ownerExport`): `only` the customers of a filtered view, in its
   * order; with `clv`, their lifetime value (rounded as `clvColumns` says).
   */
  async customerExport(
    choice: SegmentsChoice,
    format: CustomerExportFormat,
    only?: Int32Array,
    clv?: ClvChoice,
  ): Promise<Uint8Array> {
    const value = clv ? this.lifetimeValue(clv) : null;
    return ownerExport(this.customers, this.segments(choice), value, format, only);
  }

  /** The analysis as plain data, to keep (IndexedDB) and restore later without the file. */
  snapshot(): AnalysisSnapshot {
    return {
      version: 1,
      state: this.customers,
      clustering: this.clustering,
      model: this.scoredWith,
    };
  }

  /** Brings back a saved analysis. */
  restore(snapshot: AnalysisSnapshot): void {
    if (snapshot.version !== 1) throw new Error('analysis session: unknown snapshot version');
    this.reset(snapshot.state, restoredClustering(snapshot));
    this.rows = null;
    if (snapshot.model) this.score(snapshot.model);
  }

  private reset(state: AnalysisState | null, clustering: Clustering | null = null): void {
    if (state !== this.state) {
      this.percentiles = null;
      this.values = new Latest();
    }
    this.state = state;
    this.clustering = clustering;
    this.kept.dispose();
    this.kept = new ClusteringResults();
  }
}
