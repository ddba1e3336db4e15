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
import { FEATURE_NAMES, type FeatureName, type ProgressCallback } from '../core/types.ts';

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

  /** The segments for k (from the sweep's fit), named, with any names the user gave. */
  segment(k: number, names: Record<number, string> = {}): SegmentView {
    segmentation = segmentsFor(
      need(analysis, 'data').table,
      need(clustering, 'clustering'),
      k,
      names,
    );
    const view = segmentView(segmentation);
    return Comlink.transfer(view, [view.labels.buffer as ArrayBuffer]);
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
  },
};

export type AnalysisApi = typeof api;
export default api;
