import type { SegmentView } from '../../core/results.ts';
import type { DbscanChoice } from '../../core/session/session.ts';
import type { HdbscanChoice } from '../../core/validation/hdbscan-model.ts';
import type { ComparisonView, QualityView, StabilityProgress } from '../../worker/analysis.api.ts';
import type { Slice } from '../../store/slice.ts';

export interface ValidationResults {
  /** Each result with what it was computed for: the segments, or the key of clustering and k. */
  quality: (QualityView & { for: SegmentView }) | null;
  stability: (StabilityProgress & { for: string }) | null;
  comparison: (ComparisonView & { for: string }) | null;

  /** HDBSCAN running in its own worker: progress 0..1; null when not running. */
  hdbscanProgress: number | null;
  /** The key (clustering and settings) of the HDBSCAN fit the analysis worker holds. */
  hdbscanFitted: string | null;
  /** The key of a fit the user cancelled: not started again by itself. */
  hdbscanCancelled: string | null;
}

export interface ValidationChoices {
  dbscan: DbscanChoice;
  hdbscan: HdbscanChoice;
}

export const validationSlice: Slice<ValidationResults, ValidationChoices> = {
  perRun: {
    quality: null,
    stability: null,
    comparison: null,
    hdbscanProgress: null,
    hdbscanFitted: null,
    hdbscanCancelled: null,
  },
  perFile: { dbscan: {}, hdbscan: {} },
  persists: ['dbscan', 'hdbscan'],
};
