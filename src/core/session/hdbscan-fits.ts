/**
 * The session's HDBSCAN fits. HDBSCAN is the slow model (O(n^2)): it is fitted once per
 * clustering and settings, or handed in when it was fitted elsewhere (the page runs it in a
 * worker of its own so it can be cancelled), and the comparison and the customer profile use a
 * fit only when one is at hand.
 */
import type { Clustering } from '../clustering.ts';
import type { HdbscanProgress } from '../hdbscan/index.ts';
import {
  fitHdbscan,
  type HdbscanChoice,
  type HdbscanFit,
  hdbscanSettings,
} from '../validation/hdbscan-model.ts';
import type { ModelLabels } from '../validation/models.ts';
import { Latest } from './inputs.ts';
import { analysisKey } from './key.ts';

export class HdbscanFits {
  private fits = new Latest<HdbscanFit>();

  private key({ options }: Clustering, choice: HdbscanChoice): string {
    return analysisKey(options, 0, hdbscanSettings(choice));
  }

  /** The fit for these settings, made now if it was not made before. */
  fit(
    clustering: Clustering,
    choice: HdbscanChoice = {},
    onProgress?: HdbscanProgress,
    signal?: AbortSignal,
  ): HdbscanFit {
    return this.fits.get(this.key(clustering, choice), () =>
      fitHdbscan(clustering.points, choice, onProgress, signal),
    );
  }

  /** Keeps a fit of the clustering's points made elsewhere. */
  provide(clustering: Clustering, fit: HdbscanFit): void {
    const { count } = clustering.points;
    if (fit.labels.length !== count)
      throw new Error(`HDBSCAN fit for ${fit.labels.length} customers, not ${count}`);
    this.fits.get(this.key(clustering, fit), () => fit);
  }

  /** The fit for these settings if it was made, without fitting it. */
  fitted(clustering: Clustering, choice: HdbscanChoice): HdbscanFit | undefined {
    return this.fits.peek(this.key(clustering, choice));
  }

  /** The fit's groups as another model's labels (fitted if need be). */
  labels(clustering: Clustering, choice: HdbscanChoice = {}): ModelLabels {
    const fit = this.fit(clustering, choice);
    return { model: 'hdbscan', labels: fit.labels, groups: fit.clusters };
  }
}
