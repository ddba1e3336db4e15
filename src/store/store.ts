/**
 * App state in one vanilla zustand store, so the worker client and actions (plain modules) drive
 * it and React components subscribe with `useApp(selector)`. The state is the union of slices:
 * the run, the results, each analysis's own (src/analyses/registry.ts) and persistence; every
 * reset below is derived from the slices' initial values.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { ANALYSES } from '../analyses/registry.ts';
import type { ModelName } from '../core/validation/models.ts';
import { nameOr } from '../core/index.ts';
import {
  type AnySlice,
  freshState,
  persistedKeys,
  runReset,
  segmentsReset,
  type SliceState,
} from './slice.ts';
import { modelSlice, type ModelState } from './slices/model.ts';
import { persistenceSlice, type PersistenceState } from './slices/persistence.ts';
import { type ResultChoices, resultsSlice, type ResultsOfRun } from './slices/results.ts';
import { runSlice, type RunState } from './slices/run.ts';

export type { View } from '../analyses/registry.ts';
export type { Phase, UserError } from './slices/run.ts';

/** The state the analyses of the registry declare in their slices. */
type AnalysisSlices = Extract<(typeof ANALYSES)[number], { slice: unknown }>['slice'];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

export type AppState = RunState &
  ResultsOfRun &
  ResultChoices &
  Intersection<SliceState<AnalysisSlices>> &
  PersistenceState &
  ModelState;

const SLICES: readonly AnySlice[] = [
  runSlice,
  resultsSlice,
  ...ANALYSES.flatMap((a): AnySlice[] => ('slice' in a ? [a.slice] : [])),
  persistenceSlice,
  modelSlice,
];

/** Everything as before a file is chosen. */
export const initialState = freshState(SLICES) as AppState;
/** What reading the same file again clears (the user's choices stay). */
export const clearedByRun = runReset(SLICES) as Partial<AppState>;
/** What other segments on screen (another k, model or DBSCAN setting) clear. */
export const clearedBySegments = segmentsReset(SLICES) as Partial<AppState>;
/** The choices kept in this browser with the analysis. */
export const PERSISTED_CHOICES = persistedKeys(SLICES) as (keyof AppState)[];

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
  return nameOr(
    state.segmentNames[currentNamesKey(state)],
    cluster,
    state.segmentation?.segments[cluster]?.suggestedName ?? `Segment ${cluster + 1}`,
  );
}

/** The current k's user-given names. */
export function namesForK(
  state: Pick<AppState, 'segmentation' | 'segmentNames'>,
): Record<number, string> {
  return state.segmentNames[currentNamesKey(state)] ?? {};
}
