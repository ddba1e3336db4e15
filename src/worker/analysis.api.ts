/**
 * The analysis worker's API: a plain object of functions, exposed with Comlink by
 * analysis.worker.ts. The page imports only its *type*. The worker keeps the file's prepared data
 * and the last clustering, so changing k, the feature set or a segment name never re-reads the file.
 */
import * as Comlink from 'comlink';
import type { Segmentation } from '../core/cluster/segments.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import { customersCsv } from '../core/export/tables.ts';
import type { FileSniff } from '../core/ingest/sniff.ts';
import { sniffFile } from '../core/ingest/sniff.ts';
import {
  cluster,
  type ClusterOptions,
  type Clustering,
  type LoadOptions,
  prepare,
  type PreparedData,
  segmentsFor,
} from '../core/pipeline.ts';
import { throttledProgress } from '../core/progress.ts';
import {
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

interface WorkerState {
  file: Blob & { name: string };
  sniff: FileSniff;
  data?: PreparedData;
  percentiles?: Record<FeatureName, Float64Array>;
  clustering?: Clustering;
  segmentation?: Segmentation;
}

let state: WorkerState | null = null;

let pool: KMeansPool | null | undefined;
/**
 * A nested worker that fits half of the k sweep on the second core. Browsers without nested
 * workers (old Safari) fit everything here instead.
 */
function kmeansPool(): KMeansPool | null {
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
  return pool;
}

function need<K extends keyof WorkerState>(key: K): NonNullable<WorkerState[K]> {
  const value = state?.[key];
  if (value === undefined || value === null)
    throw new Error(`analysis worker: no ${String(key)} yet`);
  return value as NonNullable<WorkerState[K]>;
}

const api = {
  /** Looks at the head of a file: encoding, delimiter, columns, date format, sample rows. */
  async sniff(file: File): Promise<FileSniff> {
    const sniff = await sniffFile(file);
    state = { file, sniff };
    return sniff;
  },

  /**
   * Reads and cleans the whole file; returns the overview data (cleaning, customers, cohorts).
   * Takes the file and its sniff again because a cancelled run replaced the worker that had them.
   */
  async prepare(
    file: File,
    sniff: FileSniff,
    options: LoadOptions,
    onProgress?: ProgressCallback,
  ): Promise<PreparedView> {
    const data = await prepare(file, options, throttledProgress(onProgress), undefined, sniff);
    state = { file, sniff, data };
    const view = preparedView(data);
    return Comlink.transfer(
      view,
      FEATURE_NAMES.map((f) => view.customers.features[f].buffer as ArrayBuffer),
    );
  },

  /** Scales the chosen features and sweeps k (elbow, silhouette, CH, DB for each k). */
  async cluster(options: ClusterOptions, onProgress?: ProgressCallback): Promise<ClusterView> {
    const data = need('data');
    const clustering = await cluster(
      data,
      options,
      throttledProgress(onProgress),
      undefined,
      kmeansPool() ?? undefined,
    );
    state = { file: need('file'), sniff: need('sniff'), data, clustering };
    return clusterView(clustering);
  },

  /** The segments for k (from the sweep's fit), named, with any names the user gave. */
  segment(k: number, names: Record<number, string> = {}): SegmentView {
    const segmentation = segmentsFor(need('data'), need('clustering'), k, names);
    state!.segmentation = segmentation;
    const view = segmentView(segmentation);
    return Comlink.transfer(view, [view.labels.buffer as ArrayBuffer]);
  },

  customerDetail(index: number): CustomerDetail {
    const data = need('data');
    state!.percentiles ??= featurePercentiles(data);
    return customerDetail(
      data,
      need('clustering'),
      need('segmentation'),
      state!.percentiles,
      index,
    );
  },

  whatIf(input: { Recency: number; Frequency: number; Monetary: number }): WhatIfResult {
    return whatIf(need('data'), need('clustering'), need('segmentation'), input);
  },

  /** Customers with features and segment names, as CSV bytes ready to save. */
  exportCustomersCsv(names: Record<number, string>): Uint8Array {
    const segmentation = need('segmentation');
    const segments = segmentation.segments.map((s) => ({ ...s, name: names[s.cluster] ?? s.name }));
    const bytes = new TextEncoder().encode(
      customersCsv(need('data').groups.table, segmentation.labels, segments),
    );
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
};

export type AnalysisApi = typeof api;
export default api;
