import { DEFAULT_EXPLORE_SETTINGS } from '../../core/index.ts';
import type { Slice } from '../../store/slice.ts';
import type {
  ComparisonStep,
  ExploreSettings,
  MapStep,
  TrainingStep,
} from '../../worker/analysis.api.ts';

/** Which run is going in the worker, if any. */
export type ExploreStage = 'training' | 'comparing' | 'mapping';

export interface ExploreResults {
  /** Each run's last step, with the key of what it was computed for (actions.ts). */
  exploreTraining: (TrainingStep & { for: string }) | null;
  exploreComparison: (ComparisonStep & { for: string }) | null;
  customerMap: (MapStep & { for: string }) | null;
  exploreStage: ExploreStage | null;
  /** The user stopped the runs: they wait for "Continue" instead of starting by themselves. */
  exploreStopped: boolean;
}

export interface ExploreChoices {
  exploreSettings: ExploreSettings;
}

export const exploreSlice: Slice<ExploreResults, ExploreChoices> = {
  perRun: {
    exploreTraining: null,
    exploreComparison: null,
    customerMap: null,
    exploreStage: null,
    exploreStopped: false,
  },
  perFile: { exploreSettings: DEFAULT_EXPLORE_SETTINGS },
  // The crosstab is against the segments on screen.
  perSegments: ['exploreComparison'],
  persists: ['exploreSettings'],
};
