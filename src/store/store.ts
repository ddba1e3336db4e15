/**
 * App state in one vanilla zustand store, so the worker client and actions (plain modules) drive
 * it and React components subscribe with `useApp(selector)`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FileSniff } from '../core/ingest/sniff.ts';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../core/pipeline.ts';
import type {
  ClusterView,
  CustomerDetail,
  PreparedView,
  SegmentView,
  WhatIfResult,
} from '../core/results.ts';
import type { ColumnMapping, DateFormat, StageProgress } from '../core/types.ts';
import type { ModelName } from '../core/validation/models.ts';
import type {
  ComparisonView,
  DbscanChoice,
  QualityView,
  SegmentsChoice,
  StabilityProgress,
} from '../worker/analysis.api.ts';

export type Phase = 'start' | 'sniffing' | 'mapping' | 'running' | 'results';
export type View =
  'overview' | 'k' | 'segments' | 'cohorts' | 'customers' | 'whatif' | 'validation';

export interface UserError {
  code: string;
  message: string;
  detail?: string | undefined;
  /** What the user can do next from here. */
  retry?: 'analysis' | 'clustering' | undefined;
}

export interface AppState {
  phase: Phase;
  view: View;
  file: File | null;
  sniff: FileSniff | null;
  /** The mapping and date format being edited on the Columns screen. */
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
  nonProductCodes: string[];
  progress: StageProgress | null;
  /** performance.now() when the current run started, for rows per second. */
  runStartedAt: number | null;
  prepared: PreparedView | null;
  clusterOptions: ClusterOptions;
  clustering: ClusterView | null;
  /** True while the sweep runs (results of the previous step stay on screen). */
  clusteringBusy: boolean;
  k: number | null;
  segmentation: SegmentView | null;
  /** The inputs the segments on screen were made from; every question about them repeats these. */
  segmentsChoice: SegmentsChoice | null;
  /**
   * Names the user gave, by k and then segment number; they override the suggested names
   * everywhere. Cleared when the clustering itself changes (another feature set or transform).
   */
  segmentNames: Record<string, Record<number, string>>;
  /** Whose groups the app shows: k-means unless the user picked another model. */
  model: ModelName;
  /** The Validation screen's results, each for the segments or clustering it was computed on. */
  quality: (QualityView & { for: SegmentView }) | null;
  stability: (StabilityProgress & { for: string }) | null;
  comparison: (ComparisonView & { for: string }) | null;
  dbscan: DbscanChoice;
  selectedCustomer: number | null;
  customerDetail: CustomerDetail | null;
  whatIf: WhatIfResult | null;
  error: UserError | null;
  /** Milestones of the current run, performance.now() values, for the speed figures. */
  marks: Partial<Record<'start' | 'prepared' | 'clustered' | 'segmented', number>>;
  /** Set when the results on screen were brought back from this browser's storage (no file). */
  restored: { fileName: string; savedAt: number } | null;
}

export const initialState: AppState = {
  phase: 'start',
  view: 'overview',
  file: null,
  sniff: null,
  mapping: {},
  dateFormat: null,
  nonProductCodes: ['POST', 'D', 'M', 'DOT', 'BANK CHARGES'],
  progress: null,
  runStartedAt: null,
  prepared: null,
  clusterOptions: DEFAULT_CLUSTER_OPTIONS,
  clustering: null,
  clusteringBusy: false,
  k: null,
  segmentation: null,
  segmentsChoice: null,
  segmentNames: {},
  model: 'kmeans',
  quality: null,
  stability: null,
  comparison: null,
  dbscan: {},
  selectedCustomer: null,
  customerDetail: null,
  whatIf: null,
  error: null,
  marks: {},
  restored: null,
};

export const appStore = createStore<AppState>()(() => initialState);

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/**
 * Where the names the user gave are kept: by k for k-means (as saved before other models could be
 * chosen), by model and k for the others.
 */
export function namesKey(model: ModelName, k: number): string {
  return model === 'kmeans' ? String(k) : `${model}:${k}`;
}

const currentNamesKey = (state: Pick<AppState, 'segmentation'>) =>
  namesKey(state.segmentation?.model ?? 'kmeans', state.segmentation?.k ?? 0);

/** Segment names as the user sees them: their own where given, else the suggested ones. */
export function segmentName(
  state: Pick<AppState, 'segmentation' | 'segmentNames'>,
  cluster: number,
): string {
  return (
    state.segmentNames[currentNamesKey(state)]?.[cluster] ??
    state.segmentation?.segments[cluster]?.suggestedName ??
    `Segment ${cluster + 1}`
  );
}

/** The current k's user-given names. */
export function namesForK(
  state: Pick<AppState, 'segmentation' | 'segmentNames'>,
): Record<number, string> {
  return state.segmentNames[currentNamesKey(state)] ?? {};
}
