import type { SegmentView } from '../../core/results.ts';
import type { DbscanChoice } from '../../core/session/session.ts';
import type { ComparisonView, QualityView, StabilityProgress } from '../../worker/analysis.api.ts';
import type { Slice } from '../../store/slice.ts';

export interface ValidationResults {
  /** Each result with what it was computed for: the segments, or the key of clustering and k. */
  quality: (QualityView & { for: SegmentView }) | null;
  stability: (StabilityProgress & { for: string }) | null;
  comparison: (ComparisonView & { for: string }) | null;
}

export interface ValidationChoices {
  dbscan: DbscanChoice;
}

export const validationSlice: Slice<ValidationResults, ValidationChoices> = {
  perRun: { quality: null, stability: null, comparison: null },
  perFile: { dbscan: {} },
  persists: ['dbscan'],
};
