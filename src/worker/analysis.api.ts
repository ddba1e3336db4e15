/**
 * The analysis worker's API: the engine's AnalysisSession (src/core/session) exposed with Comlink
 * by analysis.worker.ts; the page imports only its *type*. Here are only what a worker adds: the
 * File read as a stream, throttled progress, the nested k-means worker, views instead of engine
 * state, and typed arrays transferred rather than copied.
 */
import * as Comlink from 'comlink';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import { warmUp } from '../core/cluster/warm-up.ts';
import type { ClusterOptions } from '../core/clustering.ts';
import { type FileSniff, sniffFile } from '../core/ingest/sniff.ts';
import { blobSource } from '../core/ingest/source.ts';
import type { LoadOptions } from '../core/pipeline.ts';
import { throttledProgress } from '../core/progress.ts';
import {
  clusterView,
  type ClusterView,
  type CustomerDetail,
  preparedView,
  type PreparedView,
  segmentView,
  type SegmentView,
  type WhatIfResult,
} from '../core/results.ts';
import {
  AnalysisSession,
  type AnalysisSnapshot,
  type DbscanChoice,
  type Quality,
  type CustomerExportFormat,
  type SegmentsChoice,
  type StabilityProgress,
  type WhatIfInput,
} from '../core/session/session.ts';
import type { ModelComparison } from '../core/validation/models.ts';
import type { ClvChoice, ValueView } from '../core/clv/view.ts';
import { modelFileName, type SegmentationModel, serializeModel } from '../core/model/document.ts';
import type { PeriodComparison } from '../core/session/models.ts';
import { ReadAhead } from '../core/session/read-ahead.ts';
import { APP_VERSION } from '../core/version.ts';
import type { KMeansWorkerApi } from './kmeans.worker.ts';
import type {
  ComparisonStep,
  ExploreSettings,
  MapStep,
  TrainingStep,
} from '../core/latent/explore.ts';
import { FEATURE_NAMES, type Points, type ProgressCallback } from '../core/types.ts';
import type { HdbscanChoice, HdbscanFit } from '../core/validation/hdbscan-model.ts';

export type { AnalysisSnapshot, DbscanChoice, HdbscanChoice, SegmentsChoice, StabilityProgress };
export type { ComparisonStep, ExploreSettings, MapStep, TrainingStep };
export type QualityView = Quality;
export type ComparisonView = Omit<ModelComparison, 'labels'>;

let pool: Comlink.Remote<KMeansWorkerApi> | null | undefined;
/**
 * A nested worker that fits part of the k sweep on the second core (as many k as it can while
 * this worker fits the rest: sweep.ts), then adds up half of the silhouette's pairs. Browsers
 * without nested workers (old Safari) do everything here instead.
 */
function kmeansPool(): KMeansPool | undefined {
  pool ??=
    typeof Worker === 'undefined'
      ? null
      : Comlink.wrap<KMeansWorkerApi>(
          new Worker(new URL('./kmeans.worker.ts', import.meta.url), {
            type: 'module',
            name: 'kmeans',
          }),
        );
  return pool ?? undefined;
}

/** Set by the first real work (a file, a saved analysis): a warm-up stops at its next step. */
let working = false;

const session = new AnalysisSession({ pool: kmeansPool });
const ahead = new ReadAhead();
/** Which read a read ahead is: the file and every setting that changes what is read. */
const readKey = (file: File, options: LoadOptions) =>
  JSON.stringify([file.name, file.size, file.lastModified, options]);
const buffers = (...arrays: ArrayBufferView[]) => arrays.map((a) => a.buffer as ArrayBuffer);

const api = {
  /**
   * Readies this worker's and the k-means worker's code for the first k sweep while the start
   * screen waits for a file (warm-up.ts); does nothing once a file has come.
   */
  warmUp(): void {
    if (working) return;
    kmeansPool();
    void pool?.warmUp();
    void warmUp(() => working);
  },

  /** Looks at the head of a file: encoding, delimiter, columns, date format, sample rows. */
  sniff: (file: File): Promise<FileSniff> => {
    working = true;
    return sniffFile(blobSource(file));
  },

  /**
   * Starts reading the file while the user looks at its columns (read-ahead.ts): `prepare` with
   * the same file and options takes it; with others it is stopped.
   */
  readAhead(file: File, sniff: FileSniff, options: LoadOptions): void {
    working = true;
    kmeansPool();
    ahead.start(readKey(file, options), blobSource(file), options, sniff);
  },

  /** Reads and cleans the whole file; returns the overview data (cleaning, customers, cohorts). */
  async prepare(
    file: File,
    sniff: FileSniff,
    options: LoadOptions,
    onProgress?: ProgressCallback,
  ): Promise<PreparedView> {
    working = true;
    kmeansPool(); // started now, so it has loaded by the time the sweep needs it
    const report = throttledProgress(onProgress);
    const early = ahead.take(readKey(file, options), report);
    const data = early
      ? session.adopt(await early)
      : await session.prepare(blobSource(file), options, report, undefined, sniff);
    const view = preparedView(data, session.customers.country);
    return Comlink.transfer(view, buffers(...FEATURE_NAMES.map((f) => view.customers.features[f])));
  },

  /** Scales the chosen features and sweeps k (elbow, silhouette, CH, DB for each k). */
  async cluster(options: ClusterOptions, onProgress?: ProgressCallback): Promise<ClusterView> {
    return clusterView(await session.cluster(options, throttledProgress(onProgress)));
  },

  /** The segments of a choice (k, model, DBSCAN's settings), with the names the user gave. */
  segment(choice: SegmentsChoice): SegmentView {
    const view = segmentView(session.segments(choice), choice.model);
    return Comlink.transfer(view, buffers(view.labels));
  },

  quality(choice: SegmentsChoice): QualityView {
    const quality = session.quality(choice);
    const { scores, gridSegment, outlier, pcaPoints } = quality.columns;
    const arrays = [
      scores.r,
      scores.f,
      scores.m,
      gridSegment,
      outlier,
      ...(pcaPoints ? [pcaPoints] : []),
    ];
    return Comlink.transfer(quality, buffers(...arrays));
  },

  stability: (k: number, budgetMs?: number): Promise<StabilityProgress> =>
    session.stability(k, budgetMs),

  compareModels(k: number, dbscan: DbscanChoice = {}, hdbscan?: HdbscanChoice): ComparisonView {
    const { labels: _labels, ...view } = session.comparison(k, dbscan, hdbscan);
    return view;
  },

  /** The clustered customers' scaled features (a copy), for HDBSCAN in its own worker. */
  clusteredPoints(): Points {
    const { count, dims, values } = session.current.points;
    const copy = values.slice();
    return Comlink.transfer({ count, dims, values: copy }, [copy.buffer]);
  },

  /** An HDBSCAN fit of those points, made in the page's HDBSCAN worker. */
  provideHdbscan: (fit: HdbscanFit): void => session.provideHdbscan(fit),

  customerDetail: (choice: SegmentsChoice, index: number): CustomerDetail =>
    session.customerDetail(choice, index),

  whatIf: (choice: SegmentsChoice, input: WhatIfInput): WhatIfResult =>
    session.whatIf(choice, input),

  /**
   * Lifetime value for a horizon, discount and calibration end (no segments needed). Copies are
   * transferred: the session keeps its own for the exports.
   */
  lifetimeValue(choice: ClvChoice, onProgress?: (fraction: number) => void): ValueView {
    const view = session.lifetimeValue(choice, onProgress);
    if (!view.ok) return view;
    const customers = Object.fromEntries(
      Object.entries(view.customers).map(([name, column]) => [name, column.slice()]),
    ) as typeof view.customers;
    return Comlink.transfer({ ...view, customers }, buffers(...Object.values(customers)));
  },

  /**
   * Customers with their segment, rounded and numbered as the app shows them, as file bytes ready
   * to save; `only` the customers of a filtered view, in its order; with `clv`, their lifetime
   * value columns too (transferred).
   */
  async exportCustomers(
    choice: SegmentsChoice,
    format: CustomerExportFormat,
    only?: Int32Array,
    clv?: ClvChoice,
  ): Promise<Uint8Array> {
    const bytes = await session.customerExport(choice, format, only, clv);
    return Comlink.transfer(bytes, buffers(bytes));
  },

  /** Puts the customers into a saved model's segments, without a k sweep (issue #11). */
  scoreWithModel(model: SegmentationModel): { clustering: ClusterView; segmentation: SegmentView } {
    const segmentation = segmentView(session.score(model));
    const { kind, createdAt, snapshot } = model;
    const clustering = {
      ...clusterView(session.current),
      warning: undefined,
      scoredWith: { kind, createdAt, snapshot },
    };
    return Comlink.transfer({ clustering, segmentation }, buffers(segmentation.labels));
  },

  /** The model of the segments of a choice, as the JSON text of its download. */
  saveModel(choice: SegmentsChoice, meta: { createdAt: number; nonProductCodes: string[] }) {
    const { model, agreement } = session.saveModel(choice, {
      createdAt: new Date(meta.createdAt),
      appVersion: APP_VERSION,
      nonProductCodes: meta.nonProductCodes,
    });
    return { text: serializeModel(model), fileName: modelFileName(model), agreement };
  },

  /** Migration from an earlier period (this file cut at a date, or an earlier file) to this one. */
  async comparePeriods(
    choice: SegmentsChoice,
    periods: { until: string } | { earlier: File },
    onProgress?: ProgressCallback,
  ): Promise<PeriodComparison> {
    const report = throttledProgress(onProgress);
    if ('until' in periods) return session.comparePeriods(choice, periods, report);
    const earlier = blobSource(periods.earlier);
    const sniff = await sniffFile(earlier);
    return session.comparePeriods(choice, { earlier, load: {}, sniff }, report);
  },
  /*
   * Explore: each call runs about `budgetMs` more of its run and says how far it got; the page
   * calls again until the result is there (copied, not transferred: the session keeps it).
   */
  exploreTraining: (latentDims: number, budgetMs?: number): TrainingStep =>
    session.exploreTraining(latentDims, budgetMs),
  exploreComparison: (
    choice: SegmentsChoice,
    settings: ExploreSettings,
    budgetMs?: number,
  ): ComparisonStep => session.exploreComparison(choice, settings, budgetMs),
  customerMap: (budgetMs?: number): Promise<MapStep> => session.customerMap(budgetMs),

  snapshot: (): AnalysisSnapshot => session.snapshot(),
  /** Brings back a saved analysis; the page then asks for the segments of its k again. */
  restore: (snapshot: AnalysisSnapshot): void => {
    working = true;
    session.restore(snapshot);
  },
};

export type AnalysisApi = typeof api;
export default api;
