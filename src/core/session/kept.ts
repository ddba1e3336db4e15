/**
 * What a session works out for one clustering, kept for the last inputs only (a few MB each) and
 * dropped with the clustering: one object, so a new clustering cannot leave a stale answer behind.
 */
import type { Segmentation } from '../cluster/segments.ts';
import type { Explore } from '../latent/explore.ts';
import type { SegmentationModel } from '../model/document.ts';
import type { ModelComparison } from '../validation/models.ts';
import type { BootstrapRun } from '../validation/stability.ts';
import { HdbscanFits } from './hdbscan-fits.ts';
import { Latest } from './inputs.ts';

export class ClusteringResults {
  // The k-means segments have their own slot: stability and the comparison need them while
  // another model's groups are in use.
  readonly kmeansSegments = new Latest<Segmentation>();
  readonly otherSegments = new Latest<Segmentation>();
  /** The comparison without HDBSCAN, and with its row added (`withHdbscan`). */
  readonly comparisons = new Latest<ModelComparison>();
  readonly withHdbscan = new Latest<ModelComparison>();
  readonly bootstraps = new Latest<BootstrapRun>((run) => run.stop());
  readonly hdbscans = new HdbscanFits();
  /** The saved model a scored file was put in, and its segments. */
  scored: { model: SegmentationModel; segmentation: Segmentation } | null = null;
  /** The Explore screen's runs (core/latent/explore.ts), made on first use. */
  explorer: Explore | null = null;

  /** Stops what still runs for this clustering (the bootstrap's fits on the pool). */
  dispose(): void {
    this.bootstraps.clear();
  }
}
