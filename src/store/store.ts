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

export type Phase = 'start' | 'sniffing' | 'mapping' | 'running' | 'results';
export type View = 'overview' | 'k' | 'segments' | 'cohorts' | 'customers' | 'whatif';

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
  /**
   * Names the user gave, by k and then segment number; they override the suggested names
   * everywhere. Cleared when the clustering itself changes (another feature set or transform).
   */
  segmentNames: Record<number, Record<number, string>>;
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
  segmentNames: {},
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

/** Segment names as the user sees them: their own where given, else the suggested ones. */
export function segmentName(
  state: Pick<AppState, 'segmentation' | 'segmentNames'>,
  cluster: number,
): string {
  const k = state.segmentation?.k ?? 0;
  return (
    state.segmentNames[k]?.[cluster] ??
    state.segmentation?.segments[cluster]?.suggestedName ??
    `Segment ${cluster + 1}`
  );
}

/** The current k's user-given names. */
export function namesForK(
  state: Pick<AppState, 'segmentation' | 'segmentNames'>,
): Record<number, string> {
  return state.segmentNames[state.segmentation?.k ?? 0] ?? {};
}
