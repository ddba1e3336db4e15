/**
 * The analysis worker's API: a plain object of functions, exposed with Comlink by
 * analysis.worker.ts. The page imports only its *type*. The worker keeps the customers and the
 * last clustering, so changing k, the feature set or a segment name never re-reads the file; a
 * snapshot of that state can be saved by the page and restored into a new worker.
 */
import * as Comlink from 'comlink';
import type { Segmentation } from '../core/cluster/segments.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import { customersCsv } from '../core/export/tables.ts';
import { type FileSniff, sniffFile } from '../core/ingest/sniff.ts';
import { blobSource } from '../core/ingest/source.ts';
import {
  cluster,
  type ClusterOptions,
  type Clustering,
  type LoadOptions,
  prepare,
  segmentsFor,
} from '../core/pipeline.ts';
import { throttledProgress } from '../core/progress.ts';
import {
  type AnalysisState,
  analysisState,
  clusterView,
  type ClusterView,
  customerDetail,
  type CustomerDetail,
  featurePercentiles,
  preparedView,
  type PreparedView,
  segmentView,
  type SegmentView,
  whatIf,
  type WhatIfResult,
} from '../core/results.ts';
import { compareModels, type ModelComparison, type ModelName } from '../core/validation/models.ts';
import { flagOutliers } from '../core/validation/outliers.ts';
import {
  type QualityColumns,
  qualityReport,
  type QualityReport,
} from '../core/validation/quality.ts';
import {
  type BootstrapRun,
  type StabilityResult,
  startBootstrap,
} from '../core/validation/stability.ts';
import { FEATURE_NAMES, type FeatureName, type ProgressCallback } from '../core/types.ts';

/** DBSCAN's settings as the user chose them; absent ones are chosen from the data. */
export interface DbscanChoice {
  eps?: number | undefined;
  minSamples?: number | undefined;
}

export interface StabilityProgress {
  done: number;
  total: number;
  result: StabilityResult | null;
}

export type ComparisonView = Omit<ModelComparison, 'labels'>;

export interface QualityView {
  report: QualityReport;
  columns: QualityColumns;
}

/** Everything needed to bring an analysis back without its file. Structured-cloneable. */
export interface AnalysisSnapshot {
  version: 1;
  state: AnalysisState;
  clustering: Clustering | null;
}

let analysis: AnalysisState | null = null;
let clustering: Clustering | null = null;
let segmentation: Segmentation | null = null;
let percentiles: Record<FeatureName, Float64Array> | null = null;
/** The other models fitted for the current clustering and k, and the settings they used. */
let comparison: { key: string; result: ModelComparison } | null = null;
let bootstrap: { key: string; run: BootstrapRun } | null = null;

/** What the comparison and the stability depend on: the clustering and k (and DBSCAN's settings). */
const validationKey = (k: number, extra: unknown = null) =>
  `${JSON.stringify(need(clustering, 'clustering').options)}|${k}|${JSON.stringify(extra)}`;

/** The k-means segments of k, ordered and numbered as the app shows them. */
const kmeansSegments = (k: number) =>
  segmentsFor(need(analysis, 'data').table, need(clustering, 'clustering'), k);

function comparisonFor(k: number, dbscan: DbscanChoice = {}): ModelComparison {
  const key = validationKey(k, dbscan);
  if (comparison?.key !== key) {
    const current = need(clustering, 'clustering');
    const result = compareModels(current.points, kmeansSegments(k).labels, k, {
      seed: current.options.seed,
      eps: dbscan.eps,
      minSamples: dbscan.minSamples,
    });
    comparison = { key, result };
  }
  return comparison.result;
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`analysis worker: no ${what} yet`);
  return value;
}

let pool: KMeansPool | null | undefined;
/**
 * A nested worker that fits half of the k sweep on the second core. Browsers without nested
 * workers (old Safari) fit everything here instead.
 */
function kmeansPool(): KMeansPool | undefined {
  if (pool === undefined) {
    pool =
      typeof Worker === 'undefined'
        ? null
        : Comlink.wrap<KMeansPool>(
            new Worker(new URL('./kmeans.worker.ts', import.meta.url), {
              type: 'module',
              name: 'kmeans',
            }),
          );
  }
  return pool ?? undefined;
}

function reset(next: AnalysisState | null): void {
  analysis = next;
  clustering = null;
  segmentation = null;
  percentiles = null;
  comparison = null;
  bootstrap = null;
}

const api = {
  /** Looks at the head of a file: encoding, delimiter, columns, date format, sample rows. */
  sniff(file: File): Promise<FileSniff> {
    return sniffFile(blobSource(file));
  },

  /** Reads and cleans the whole file; returns the overview data (cleaning, customers, cohorts). */
  async prepare(
    file: File,
    sniff: FileSniff,
    options: LoadOptions,
    onProgress?: ProgressCallback,
  ): Promise<PreparedView> {
    // Start the second k-means worker now, so it has loaded by the time the sweep needs it.
    kmeansPool();
    const data = await prepare(
      blobSource(file),
      options,
      throttledProgress(onProgress),
      undefined,
      sniff,
    );
    // Only the per-customer state is kept: the rows (the bulk of the memory) can go.
    reset(analysisState(data));
    const view = preparedView(data, analysis!.country);
    return Comlink.transfer(
      view,
      FEATURE_NAMES.map((f) => view.customers.features[f].buffer as ArrayBuffer),
    );
  },

  /** Scales the chosen features and sweeps k (elbow, silhouette, CH, DB for each k). */
  async cluster(options: ClusterOptions, onProgress?: ProgressCallback): Promise<ClusterView> {
    const { table } = need(analysis, 'data');
    const next = await cluster(
      table,
      options,
      throttledProgress(onProgress),
      undefined,
      kmeansPool(),
    );
    clustering = next;
    segmentation = null;
    return clusterView(next);
  },

  /**
   * The segments for k (from the sweep's fit), named, with any names the user gave; or another
   * model's groups for the same k (fitted on first use).
   */
  segment(
    k: number,
    names: Record<number, string> = {},
    model: ModelName = 'kmeans',
    dbscan: DbscanChoice = {},
  ): SegmentView {
    const labels = model === 'kmeans' ? undefined : comparisonFor(k, dbscan).labels[model];
    segmentation = segmentsFor(
      need(analysis, 'data').table,
      need(clustering, 'clustering'),
      k,
      names,
      labels,
    );
    const view = segmentView(segmentation, model);
    return Comlink.transfer(view, [view.labels.buffer as ArrayBuffer]);
  },

  /** Silhouettes, the classifier audit, PCA, outliers and RFM scores of the segments in use. */
  quality(): QualityView {
    const current = need(clustering, 'clustering');
    const segments = need(segmentation, 'segments');
    const { report, columns } = qualityReport(
      need(analysis, 'data').table,
      current.points,
      current.scaler,
      segments.labels,
      segments.k,
      current.outliers,
      { seed: current.options.seed },
    );
    const buffers = [
      columns.scores.r,
      columns.scores.f,
      columns.scores.m,
      columns.gridSegment,
      columns.outlier,
      ...(columns.pcaPoints ? [columns.pcaPoints] : []),
    ].map((a) => a.buffer as ArrayBuffer);
    return Comlink.transfer({ report, columns }, buffers);
  },

  /**
   * Bootstrap stability of the k-means segments of k, a few resamples per call (about `budgetMs`
   * of work) so other requests are answered in between; call again until `result` is set.
   */
  stability(k: number, budgetMs = 200): StabilityProgress {
    const key = validationKey(k);
    if (bootstrap?.key !== key) {
      const current = need(clustering, 'clustering');
      bootstrap = {
        key,
        run: startBootstrap(current.points, kmeansSegments(k).labels, k, {
          seed: current.options.seed,
          restarts: current.options.restarts,
        }),
      };
    }
    const { run } = bootstrap;
    const until = performance.now() + budgetMs;
    while (run.aris.length < run.total && performance.now() < until) run.step();
    const done = run.aris.length;
    return { done, total: run.total, result: done === run.total ? run.result() : null };
  },

  /** Gaussian mixture, DBSCAN and Ward against the k-means segments of k. */
  compareModels(k: number, dbscan: DbscanChoice = {}): ComparisonView {
    const { labels: _labels, ...view } = comparisonFor(k, dbscan);
    return view;
  },

  customerDetail(index: number): CustomerDetail {
    const state = need(analysis, 'data');
    percentiles ??= featurePercentiles(state.table);
    return customerDetail(
      state,
      need(clustering, 'clustering'),
      need(segmentation, 'segments'),
      percentiles,
      index,
    );
  },

  whatIf(input: { Recency: number; Frequency: number; Monetary: number }): WhatIfResult {
    return whatIf(
      need(analysis, 'data').table,
      need(clustering, 'clustering'),
      need(segmentation, 'segments'),
      input,
    );
  },

  /** Customers with features and segment names, as CSV bytes ready to save. */
  exportCustomersCsv(names: Record<number, string>): Uint8Array {
    const current = need(segmentation, 'segments');
    const segments = current.segments.map((s) => ({ ...s, name: names[s.cluster] ?? s.name }));
    const bytes = new TextEncoder().encode(
      customersCsv(need(analysis, 'data').table, current.labels, segments),
    );
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** The analysis as plain data, for the page to keep (IndexedDB) and restore later. */
  snapshot(): AnalysisSnapshot {
    return { version: 1, state: need(analysis, 'data'), clustering };
  },

  /** Brings back a saved analysis; the page then asks for the segments of its k again. */
  restore(snapshot: AnalysisSnapshot): void {
    if (snapshot.version !== 1) throw new Error('analysis worker: unknown snapshot version');
    reset(snapshot.state);
    clustering = snapshot.clustering;
    // Saved before outliers were flagged: flag them now (they were kept, as the options say).
    if (clustering && !clustering.outliers) clustering.outliers = flagOutliers(clustering.points);
  },
};

export type AnalysisApi = typeof api;
export default api;
