/**
 * What the questions to an AnalysisSession name (which segments, DBSCAN's and HDBSCAN's settings,
 * the periods to compare), what it hands back as plain data (snapshot, stability so far), and the
 * one-entry cache it keeps its slow results in.
 */
import type { Clustering } from '../clustering.ts';
import type { KMeansPool } from '../cluster/sweep.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
import type { RestReader } from '../ingest/split.ts';
import type { SegmentationModel } from '../model/document.ts';
import type { LoadOptions } from '../pipeline.ts';
import type { AnalysisState, whatIf } from '../results.ts';
import type { SegmentNames } from '../segment-names.ts';
import type { ModelName } from '../validation/models.ts';
import type { HdbscanChoice } from '../validation/hdbscan-model.ts';
import type { QualityColumns, QualityReport } from '../validation/quality.ts';
import type { BootstrapRun, StabilityResult } from '../validation/stability.ts';
import { flagOutliers } from '../validation/outliers.ts';

/** DBSCAN's settings as the user chose them; absent ones are chosen from the data. */
export interface DbscanChoice {
  eps?: number | undefined;
  minSamples?: number | undefined;
}

/** Which segments a question is about: k, whose groups (k-means unless said), and their names. */
export interface SegmentsChoice {
  k: number;
  model?: ModelName | undefined;
  dbscan?: DbscanChoice | undefined;
  hdbscan?: HdbscanChoice | undefined;
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
  /** The saved model the customers were scored with (absent: segmented by the sweep). */
  model?: SegmentationModel | null | undefined;
}

/** What a saved model records besides the segments (model/document.ts). */
export interface ModelMeta {
  createdAt: Date;
  appVersion: string;
  nonProductCodes: readonly string[];
}

/** Which two periods to compare: the file in use cut at a date, or an earlier file. */
export type PeriodsChoice =
  { until: string } | { earlier: ByteSource; load: LoadOptions; sniff?: FileSniff | undefined };

/** A one-entry cache: the result for the last key asked, computed again when the key changes. */
export class Latest<T> {
  private entry: { key: string; value: T } | null = null;
  /** `dispose` is told of a value when another replaces it or clear() drops it. */
  constructor(private readonly dispose?: (value: T) => void) {}
  get(key: string, compute: () => T): T {
    if (this.entry?.key !== key) {
      const value = compute();
      if (this.entry) this.dispose?.(this.entry.value);
      this.entry = { key, value };
    }
    return this.entry.value;
  }
  /** Forgets the value kept. */
  clear(): void {
    if (this.entry) this.dispose?.(this.entry.value);
    this.entry = null;
  }
  /** The value kept for `key`, without computing it. */
  peek(key: string): T | undefined {
    return this.entry?.key === key ? this.entry.value : undefined;
  }
}

export interface SessionOptions {
  /** Where part of the k sweep can be fitted (a second worker or thread); asked when needed. */
  pool?: (() => KMeansPool | undefined) | undefined;
  /** Where the second half of a large file can be read (the same worker or thread). */
  reader?: (() => RestReader | undefined) | undefined;
  /**
   * Let the file's rows go once its customers are grouped (the CLI when it does not compare
   * periods: on ten times the UCI file they were a third of its peak memory). Comparing periods
   * is then not possible, and the behaviour features are there only if `behaviour` asks for them
   * (computed at once).
   */
  dropRows?: { behaviour: boolean } | undefined;
  /**
   * Leave out the customers' monthly activity (the customer profile's chart): the CLI shows no
   * profile, and on the UCI file it took 40 to 70 ms before the k sweep could start.
   */
  noMonthlyActivity?: boolean | undefined;
}

/** How long a budget's call waits for a bootstrap's first resample beyond its budget. */
const FIRST_RESAMPLE_MS = 3000;

/**
 * Waits up to `ms` for `run`'s resamples on `pool`, and, with a budget above 0, until the first
 * is done if none is yet (at most FIRST_RESAMPLE_MS): then the first answer shows progress. On
 * 15,812 customers a resample took more than the screen's 200 ms in about half the runs, the
 * answer showed none done, and the next call waited behind the model comparison (4 s and more).
 */
export async function resamplesWithin(
  run: BootstrapRun,
  pool: KMeansPool,
  ms: number,
): Promise<void> {
  const work = run.runOn(pool);
  await within(work, ms);
  const until = performance.now() + FIRST_RESAMPLE_MS;
  while (ms > 0 && run.aris.length === 0 && performance.now() < until) await within(work, 20);
}

/** Waits for `work`, or `ms` if that is sooner (Infinity: for `work`). */
export async function within(work: Promise<void>, ms: number): Promise<void> {
  if (ms === Infinity) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A comparison's model is never saved: its dates and version are not shown anywhere. */
export const COMPARISON_META: ModelMeta = {
  createdAt: new Date(0),
  appVersion: 'comparison',
  nonProductCodes: [],
};

/** A snapshot's clustering, with its outliers flagged if it was saved before they were. */
export function restoredClustering({ clustering }: AnalysisSnapshot): Clustering | null {
  // Flagged now, as the options say they were kept.
  if (clustering && !clustering.outliers) clustering.outliers = flagOutliers(clustering.points);
  return clustering;
}

/** `value`, or the session's error for asking before it is there. */
export function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`analysis session: no ${what} yet`);
  return value;
}
