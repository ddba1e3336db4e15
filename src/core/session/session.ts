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
import { customerExportCsv } from '../export/customer-export.ts';
import { customerExportXlsx } from '../export/customer-xlsx.ts';
import { customersCsv } from '../export/tables.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
import type { SegmentationModel } from '../model/document.ts';
import { modelAgreement, modelFromAnalysis } from '../model/score.ts';
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
import {
  type AnalysisSnapshot,
  clvColumns,
  COMPARISON_META,
  type DbscanChoice,
  Latest,
  type ModelMeta,
  type PeriodsChoice,
  type Quality,
  type SegmentsChoice,
  type SessionOptions,
  type StabilityProgress,
  type WhatIfInput,
} from './inputs.ts';
import { analysisKey } from './key.ts';
import {
  compareAtDate,
  compareWithEarlier,
  type KeptRows,
  needRows,
  type PeriodComparison,
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
import { compareModels, type ModelComparison, type ModelLabels } from '../validation/models.ts';
import {
  fitHdbscan,
  type HdbscanChoice,
  type HdbscanFit,
  hdbscanSettings,
} from '../validation/hdbscan-model.ts';
import type { HdbscanProgress } from '../hdbscan/index.ts';
import { flagOutliers } from '../validation/outliers.ts';
import { qualityReport } from '../validation/quality.ts';
import { type BootstrapRun, startBootstrap } from '../validation/stability.ts';

export type {
  AnalysisSnapshot,
  DbscanChoice,
  ModelMeta,
  PeriodsChoice,
  Quality,
  SegmentsChoice,
  SessionOptions,
  StabilityProgress,
  WhatIfInput,
} from './inputs.ts';

/** The customer export's file formats: CSV, CSV for European Excel (; and decimal commas), xlsx. */
export type CustomerExportFormat = 'csv' | 'csv-semicolon' | 'xlsx';

export class AnalysisSession {
  private state: AnalysisState | null = null;
  private clustering: Clustering | null = null;
  private percentiles: Record<FeatureName, Float64Array> | null = null;
  // Results are kept for the last inputs only (a few MB each). The k-means segments have their
  // own slot: stability and the comparison need them while another model's groups are in use.
  private kmeansSegments = new Latest<Segmentation>();
  private otherSegments = new Latest<Segmentation>();
  private comparisons = new Latest<ModelComparison>();
  private bootstraps = new Latest<BootstrapRun>((run) => run.stop());
  private values = new Latest<ValueView>();
  // Kept after grouping only so the file can be cut at a date or compared with an earlier one.
  private rows: KeptRows | null = null;
  private scored: { model: SegmentationModel; segmentation: Segmentation } | null = null;
  private explorer: Explore | null = null;
  // HDBSCAN is the slow model (O(n^2)): fitted once per clustering and settings, or handed in
  // when it was fitted elsewhere (the page runs it in a worker of its own so it can be cancelled).
  private hdbscans = new Latest<HdbscanFit>();

  constructor(private readonly options: SessionOptions = {}) {}

  /** Reads and cleans the file and groups it by customer; what was analysed before is dropped. */
  async prepare(
    source: ByteSource,
    load: LoadOptions,
    report: Reporter,
    signal?: AbortSignal,
    sniff?: FileSniff,
  ): Promise<PreparedData> {
    const data = await prepare(source, load, report, signal, sniff);
    this.reset(analysisState(data));
    this.rows = { fileName: data.sniff.name, tx: data.tx, kept: data.cleaned.kept };
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
    const model = choice.model ?? 'kmeans';
    // A scored file's segments are the saved model's, whatever k the choice names.
    if (this.scored && model === 'kmeans')
      return {
        ...this.scored.segmentation,
        segments: withNames(this.scored.segmentation.segments, choice.names),
      };
    const { options } = this.current;
    const unnamed =
      model === 'kmeans'
        ? this.kmeansSegments.get(analysisKey(options, choice.k), () =>
            segmentsFor(this.customers.table, this.current, choice.k),
          )
        : this.otherSegments.get(
            analysisKey(options, choice.k, [
              model,
              model === 'hdbscan' ? hdbscanSettings(choice.hdbscan) : choice.dbscan,
            ]),
            () =>
              segmentsFor(
                this.customers.table,
                this.current,
                choice.k,
                {},
                model === 'hdbscan'
                  ? this.hdbscanLabels(choice.hdbscan)
                  : this.comparison(choice.k, choice.dbscan).labels[model],
              ),
          );
    return { ...unnamed, segments: withNames(unnamed.segments, choice.names) };
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
    const run = this.bootstraps.get(analysisKey(options, k), () =>
      startBootstrap(points, this.segments({ k }).labels, k, {
        seed: options.seed,
        restarts: options.restarts,
      }),
    );
    const pool = this.options.pool?.();
    if (pool) await within(run.runOn(pool), budgetMs);
    else {
      const until = performance.now() + budgetMs;
      while (run.aris.length < run.total && performance.now() < until) run.step();
    }
    const done = run.aris.length;
    return { done, total: run.total, result: done === run.total ? run.result() : null };
  }

  /**
   * Gaussian mixture, DBSCAN and Ward against the k-means segments of k, and HDBSCAN when its fit
   * for `hdbscan` is at hand (`hdbscan()` or `provideHdbscan()` first; it is not fitted here).
   */
  comparison(k: number, dbscan: DbscanChoice = {}, hdbscan?: HdbscanChoice): ModelComparison {
    const { points, options } = this.current;
    const fit = hdbscan ? this.hdbscanFitted(hdbscan) : undefined;
    const key = analysisKey(options, k, [dbscan, fit ? hdbscanSettings(hdbscan) : null]);
    return this.comparisons.get(key, () =>
      compareModels(points, this.segments({ k }).labels, k, {
        seed: options.seed,
        eps: dbscan.eps,
        minSamples: dbscan.minSamples,
        hdbscan: fit,
      }),
    );
  }

  /** HDBSCAN on the clustered customers with these settings (fitted once, then kept). */
  hdbscan(
    choice: HdbscanChoice = {},
    onProgress?: HdbscanProgress,
    signal?: AbortSignal,
  ): HdbscanFit {
    const { points, options } = this.current;
    return this.hdbscans.get(analysisKey(options, 0, hdbscanSettings(choice)), () =>
      fitHdbscan(points, choice, onProgress, signal),
    );
  }

  /** An HDBSCAN fit of the current clustering's points made elsewhere (the page's own worker). */
  provideHdbscan(fit: HdbscanFit): void {
    const { points, options } = this.current;
    if (fit.labels.length !== points.count)
      throw new Error(`HDBSCAN fit for ${fit.labels.length} customers, not ${points.count}`);
    const settings = hdbscanSettings(fit);
    this.hdbscans.get(analysisKey(options, 0, settings), () => fit);
  }

  /** The HDBSCAN fit for these settings if it was made, without fitting it. */
  private hdbscanFitted(choice: HdbscanChoice): HdbscanFit | undefined {
    const { options } = this.current;
    return this.hdbscans.peek(analysisKey(options, 0, hdbscanSettings(choice)));
  }

  private hdbscanLabels(choice: HdbscanChoice = {}): ModelLabels {
    const fit = this.hdbscan(choice);
    return { model: 'hdbscan', labels: fit.labels, groups: fit.clusters };
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
    const fit = this.hdbscanFitted(choice.hdbscan ?? {});
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
    const { labels, segments } = this.segments(choice);
    const value = clv ? this.lifetimeValue(clv) : null;
    return customersCsv(this.customers.table, labels, segments, {
      extra: value?.ok ? clvColumns(value) : [],
      rows,
    });
  }

  /**
   * Puts the customers into a saved model's segments without refitting: the model's scaler,
   * centres, names and order replace the clustering (no k sweep) until the next `cluster`.
   */
  score(model: SegmentationModel): Segmentation {
    const { clustering, segmentation } = scoredClustering(model, this.customers.table);
    this.reset(this.state, clustering);
    this.scored = { model, segmentation };
    return segmentation;
  }

  /** The saved model in use, or null when the segments come from the sweep. */
  get scoredWith(): SegmentationModel | null {
    return this.scored?.model ?? null;
  }

  /**
   * The model of the chosen segments, with the user's names, and the share of customers
   * nearest-centre scoring keeps in their segment (1 for k-means). A scored file gives back its
   * model (renamed as the user renamed its segments).
   */
  saveModel(
    choice: SegmentsChoice,
    meta: ModelMeta,
  ): { model: SegmentationModel; agreement: number } {
    const segmentation = this.segments(choice);
    const names = segmentation.segments.map((s) => s.name);
    if (this.scored) return { model: { ...this.scored.model, segments: names }, agreement: 1 };
    const parts = {
      table: this.customers.table,
      clustering: this.current,
      segmentation,
    };
    const model = modelFromAnalysis(parts, { ...meta, kind: choice.model ?? 'kmeans' });
    return { model, agreement: modelAgreement(model, parts.table, segmentation.labels) };
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
    const model = this.scored?.model ?? this.saveModel(choice, COMPARISON_META).model;
    const later = this.customers.table;
    if ('until' in periods) return compareAtDate(model, rows, later, periods.until);
    const earlier = await prepare(periods.earlier, periods.load, report, signal, periods.sniff);
    return compareWithEarlier(model, rows, later, earlier.groups.table, earlier.sniff.name);
  }

  /** The Explore screen's runs (core/latent/explore.ts) for the clustering in use. */
  private get explore(): Explore {
    const { points, options } = this.current;
    return (this.explorer ??= new Explore(points, options.seed));
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
  customerMap(budgetMs = 200): MapStep {
    return this.explore.customerMap(budgetMs);
  }

  /**
   * The owner's customer export (export/customer-export.ts): rounded, segments 1..k, email,
   * country and order dates; `only` the customers of a filtered view, in its order; with `clv`,
   * their lifetime value (rounded as `clvColumns` says).
   */
  async customerExport(
    choice: SegmentsChoice,
    format: CustomerExportFormat,
    only?: Int32Array,
    clv?: ClvChoice,
  ): Promise<Uint8Array> {
    const { labels, segments } = this.segments(choice);
    const { table, country, email } = this.customers;
    const value = clv ? this.lifetimeValue(clv) : null;
    const extra = value?.ok ? clvColumns(value) : [];
    const input = { table, labels, segments, country, email, only, extra };
    if (format === 'xlsx') return customerExportXlsx(input);
    const layout = format === 'csv-semicolon' ? 'semicolon' : 'comma';
    return new TextEncoder().encode(customerExportCsv(input, layout));
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
    const clustering = snapshot.clustering;
    // Saved before outliers were flagged: flag them now (they were kept, as the options say).
    if (clustering && !clustering.outliers) clustering.outliers = flagOutliers(clustering.points);
    this.reset(snapshot.state, clustering);
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
    this.kmeansSegments = new Latest();
    this.otherSegments = new Latest();
    this.comparisons = new Latest();
    this.bootstraps.clear();
    this.scored = null;
    this.explorer = null;
    this.hdbscans = new Latest();
  }
}

/** Waits for `work`, or `ms` if that is sooner (Infinity: for `work`). */
async function within(work: Promise<void>, ms: number): Promise<void> {
  if (ms === Infinity) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`analysis session: no ${what} yet`);
  return value;
}
