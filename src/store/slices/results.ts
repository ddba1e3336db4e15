/** The results every analysis reads: the prepared customers, the k sweep and the segments. */
import type { ClusterOptions } from '../../core/clustering.ts';
import { DEFAULT_CLUSTER_OPTIONS } from '../../core/index.ts';
import type { ClusterView, PreparedView, SegmentView } from '../../core/results.ts';
import type { SegmentsChoice } from '../../core/session/session.ts';
import type { ModelName } from '../../core/validation/models.ts';
import type { View } from '../../analyses/registry.ts';
import type { Slice } from '../slice.ts';

export interface ResultsOfRun {
  prepared: PreparedView | null;
  clustering: ClusterView | null;
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
  /** Names the user gave that no segment of the new analysis matched (said on Segments). */
  renamesDropped: string[];
}

export interface ResultChoices {
  view: View;
  clusterOptions: ClusterOptions;
  k: number | null;
  /** The statistical screens (registry entries marked `advanced`) are shown: off by default. */
  advanced: boolean;
}

export const resultsSlice: Slice<ResultsOfRun, ResultChoices> = {
  perRun: {
    prepared: null,
    clustering: null,
    segmentation: null,
    segmentsChoice: null,
    segmentNames: {},
    model: 'kmeans',
    renamesDropped: [],
  },
  perFile: { view: 'overview', clusterOptions: DEFAULT_CLUSTER_OPTIONS, k: null, advanced: false },
  persists: ['clusterOptions', 'k', 'segmentNames', 'model', 'advanced'],
};
