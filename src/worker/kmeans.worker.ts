/// <reference lib="webworker" />
/**
 * Nested worker started by the analysis worker: fits k-means for the k values it is given, so a
 * k sweep uses both cores. Exposes the core's KMeansPool shape.
 */
import * as Comlink from 'comlink';
import { fitKMeans, type KMeansFit, type KMeansOptions } from '../core/cluster/kmeans.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import type { Points } from '../core/types.ts';

const api: KMeansPool = {
  fitMany(points: Points, ks: readonly number[], options: KMeansOptions): Promise<KMeansFit[]> {
    const fits = ks.map((k) => fitKMeans(points, k, options));
    return Promise.resolve(
      Comlink.transfer(
        fits,
        fits.flatMap((f) => [f.labels.buffer as ArrayBuffer, f.centroids.buffer as ArrayBuffer]),
      ),
    );
  },
};

Comlink.expose(api);
