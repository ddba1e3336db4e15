/// <reference lib="webworker" />
/**
 * Nested worker started by the analysis worker: fits k-means for the k values it is given, and adds
 * up one part of the silhouette's pairs, so a k sweep uses both cores. Exposes the core's
 * KMeansPool shape, and `warmUp` (warm-up.ts) for the start screen's idle time.
 */
import * as Comlink from 'comlink';
import { fitKMeans, type KMeansFit, type KMeansOptions } from '../core/cluster/kmeans.ts';
import { type Labeling, type PairPart, silhouettePartSums } from '../core/cluster/silhouette.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import { warmUp } from '../core/cluster/warm-up.ts';
import type { Points } from '../core/types.ts';

/** Set by the first real request: a warm-up still running stops at its next step. */
let requested = false;

/** No `fitClaimed`: a page shares memory with its workers only when cross-origin isolated. */
export type KMeansWorkerApi = Required<Pick<KMeansPool, 'fitMany' | 'silhouetteSums'>> & {
  warmUp(): void;
};

const api: KMeansWorkerApi = {
  warmUp() {
    if (!requested) void warmUp(() => requested);
  },
  fitMany(points: Points, ks: readonly number[], options: KMeansOptions): Promise<KMeansFit[]> {
    requested = true;
    const fits = ks.map((k) => fitKMeans(points, k, options));
    return Promise.resolve(
      Comlink.transfer(
        fits,
        fits.flatMap((f) => [f.labels.buffer as ArrayBuffer, f.centroids.buffer as ArrayBuffer]),
      ),
    );
  },
  silhouetteSums(points: Points, labelings: readonly Labeling[], part: PairPart) {
    requested = true;
    const sums = silhouettePartSums(points, labelings, part);
    return Promise.resolve(Comlink.transfer(sums, [sums.buffer as ArrayBuffer]));
  },
};

Comlink.expose(api);
