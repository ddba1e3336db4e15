/** The comparison of two periods on screen (issue #11), kept in the browser with the analysis. */
import type { PeriodComparison } from '../../core/index.ts';
import type { Slice } from '../../store/slice.ts';

export interface ChangesState {
  /** The last comparison made, for the segments on screen. */
  periodComparison: PeriodComparison | null;
  /** True while the worker reads the earlier file or cuts this one. */
  comparingPeriods: boolean;
}

export const changesSlice: Slice<ChangesState> = {
  perRun: { periodComparison: null, comparingPeriods: false },
  perFile: {},
  // Another k or model makes other segments: the migration between the old ones no longer applies.
  perSegments: ['periodComparison'],
  persists: ['periodComparison'],
};
