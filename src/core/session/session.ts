/**
 * One analysis, from the file to every answer about it. The session keeps what later questions
 * need (the customers, the clustering, a few results that are slow to compute) and nothing else:
 * the rows go once the customers are grouped. Every question names its inputs (k, model, DBSCAN's
 * settings, the user's names), so the answer is for those inputs, never for whatever was asked
 * last. The worker exposes this object; the CLI drives it directly.
 */
import type { Segmentation } from '../cluster/segments.ts';
import type { KMeansPool } from '../cluster/sweep.ts';
import { cluster, type ClusterOptions, type Clustering, segmentsFor } from '../clustering.ts';
import { customerExportCsv } from '../export/customer-export.ts';
import { customerExportXlsx } from '../export/customer-xlsx.ts';
import { customersCsv } from '../export/tables.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
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
import { type SegmentNames, withNames } from '../segment-names.ts';
import { analysisKey } from './key.ts';
import type { FeatureName } from '../types.ts';
import { compareModels, type ModelComparison, type ModelName } from '../validation/models.ts';
import { flagOutliers } from '../validation/outliers.ts';
import { type QualityColumns, qualityReport, type QualityReport } from '../validation/quality.ts';
import {
  type BootstrapRun,
  type StabilityResult,
  startBootstrap,
} from '../validation/stability.ts';

/** DBSCAN's settings as the user chose them; absent ones are chosen from the data. */
export interface DbscanChoice {
  eps?: number | undefined;
  minSamples?: number | undefined;
}

/** Which segments a question is about: k, whose groups (k-means unless said), and their names. */
/** The customer export's file formats: CSV, CSV for European Excel (; and decimal commas), xlsx. */
export type CustomerExportFormat = 'csv' | 'csv-semicolon' | 'xlsx';

export interface SegmentsChoice {
  k: number;
  model?: ModelName | undefined;
  dbscan?: DbscanChoice | undefined;
  names?: SegmentNames | undefined;
}

/** A hypothetical customer's recency, frequency and monetary value (the What if form). */
export type WhatIfInput = Parameters<typeof whatIf>[3];

export interface StabilityProgress {
  done: number;
  total: number;
  result: StabilityResult | null;
}

export interface Quality {
  report: QualityReport;
  columns: QualityColumns;
}

/** Everything needed to bring an analysis back without its file. Structured-cloneable. */
export interface AnalysisSnapshot {
  version: 1;
  state: AnalysisState;
  clustering: Clustering | null;
}

/** A one-entry cache: the result for the last key asked, computed again when the key changes. */
class Latest<T> {
  private entry: { key: string; value: T } | null = null;
  get(key: string, compute: () => T): T {
    if (this.entry?.key !== key) this.entry = { key, value: compute() };
    return this.entry.value;
  }
}

export interface SessionOptions {
  /** Where part of the k sweep can be fitted (a second worker or thread); asked when needed. */
  pool?: (() => KMeansPool | undefined) | undefined;
}

export class AnalysisSession {
  private state: AnalysisState | null = null;
  private clustering: Clustering | null = null;
  private percentiles: Record<FeatureName, Float64Array> | null = null;
  // Results are kept for the last inputs only (a few MB each). The k-means segments have their
  // own slot: stability and the comparison need them while another model's groups are in use.
  private kmeansSegments = new Latest<Segmentation>();
  private otherSegments = new Latest<Segmentation>();
  private comparisons = new Latest<ModelComparison>();
  private bootstraps = new Latest<BootstrapRun>();

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
    const { options } = this.current;
    const unnamed =
      model === 'kmeans'
        ? this.kmeansSegments.get(analysisKey(options, choice.k), () =>
            segmentsFor(this.customers.table, this.current, choice.k),
          )
        : this.otherSegments.get(analysisKey(options, choice.k, [model, choice.dbscan]), () =>
            segmentsFor(
              this.customers.table,
              this.current,
              choice.k,
              {},
              this.comparison(choice.k, choice.dbscan).labels[model],
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
   * budget of Infinity runs it to the end.
   */
  stability(k: number, budgetMs = 200): StabilityProgress {
    const { points, options } = this.current;
    const run = this.bootstraps.get(analysisKey(options, k), () =>
      startBootstrap(points, this.segments({ k }).labels, k, {
        seed: options.seed,
        restarts: options.restarts,
      }),
    );
    const until = performance.now() + budgetMs;
    while (run.aris.length < run.total && performance.now() < until) run.step();
    const done = run.aris.length;
    return { done, total: run.total, result: done === run.total ? run.result() : null };
  }

  /** Gaussian mixture, DBSCAN and Ward against the k-means segments of k. */
  comparison(k: number, dbscan: DbscanChoice = {}): ModelComparison {
    const { points, options } = this.current;
    return this.comparisons.get(analysisKey(options, k, dbscan), () =>
      compareModels(points, this.segments({ k }).labels, k, {
        seed: options.seed,
        eps: dbscan.eps,
        minSamples: dbscan.minSamples,
      }),
    );
  }

  /** One customer: features, percentiles, distance to each chosen segment, monthly spend. */
  customerDetail(choice: SegmentsChoice, index: number): CustomerDetail {
    this.percentiles ??= featurePercentiles(this.customers.table);
    return customerDetail(
      this.customers,
      this.current,
      this.segments(choice),
      this.percentiles,
      index,
    );
  }

  /** The chosen segment a hypothetical customer would fall in. */
  whatIf(choice: SegmentsChoice, input: WhatIfInput): WhatIfResult {
    return whatIf(this.customers.table, this.current, this.segments(choice), input);
  }

  /** Customers with their features and the chosen segments' names, as CSV text. */
  customersCsv(choice: SegmentsChoice): string {
    const { labels, segments } = this.segments(choice);
    return customersCsv(this.customers.table, labels, segments);
  }

  /**
   * The owner's customer export (export/customer-export.ts): rounded, segments 1..k, email,
   * country and order dates; `only` the customers of a filtered view, in its order.
   */
  async customerExport(
    choice: SegmentsChoice,
    format: CustomerExportFormat,
    only?: Int32Array,
  ): Promise<Uint8Array> {
    const { labels, segments } = this.segments(choice);
    const { table, country, email } = this.customers;
    const input = { table, labels, segments, country, email, only };
    if (format === 'xlsx') return customerExportXlsx(input);
    const layout = format === 'csv-semicolon' ? 'semicolon' : 'comma';
    return new TextEncoder().encode(customerExportCsv(input, layout));
  }

  /** The analysis as plain data, to keep (IndexedDB) and restore later without the file. */
  snapshot(): AnalysisSnapshot {
    return { version: 1, state: this.customers, clustering: this.clustering };
  }

  /** Brings back a saved analysis. */
  restore(snapshot: AnalysisSnapshot): void {
    if (snapshot.version !== 1) throw new Error('analysis session: unknown snapshot version');
    const clustering = snapshot.clustering;
    // Saved before outliers were flagged: flag them now (they were kept, as the options say).
    if (clustering && !clustering.outliers) clustering.outliers = flagOutliers(clustering.points);
    this.reset(snapshot.state, clustering);
  }

  private reset(state: AnalysisState | null, clustering: Clustering | null = null): void {
    if (state !== this.state) this.percentiles = null;
    this.state = state;
    this.clustering = clustering;
    this.kmeansSegments = new Latest();
    this.otherSegments = new Latest();
    this.comparisons = new Latest();
    this.bootstraps = new Latest();
  }
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`analysis session: no ${what} yet`);
  return value;
}
