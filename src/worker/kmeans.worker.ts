/// <reference lib="webworker" />
/**
 * Nested worker started by the analysis worker, on the second core: reads the second half of a
 * large file while the analysis worker reads the first (core/ingest/split.ts), then fits k-means
 * for the k values it is given, so a k sweep uses both cores.
 */
import * as Comlink from 'comlink';
import { fitKMeans, type KMeansFit, type KMeansOptions } from '../core/cluster/kmeans.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import {
  readRest,
  type RestOutcome,
  type RestReader,
  type RestRequest,
} from '../core/ingest/split.ts';
import { blobSource } from '../core/ingest/source.ts';
import type { Points } from '../core/types.ts';

const api: KMeansPool & RestReader = {
  fitMany(points: Points, ks: readonly number[], options: KMeansOptions): Promise<KMeansFit[]> {
    const fits = ks.map((k) => fitKMeans(points, k, options));
    return Promise.resolve(
      Comlink.transfer(
        fits,
        fits.flatMap((f) => [f.labels.buffer as ArrayBuffer, f.centroids.buffer as ArrayBuffer]),
      ),
    );
  },
  async readRest(handle: unknown, request: RestRequest): Promise<RestOutcome> {
    const outcome = await readRest(blobSource(handle as Blob), request);
    return 'part' in outcome
      ? Comlink.transfer(
          outcome,
          outcome.part.columns.map((c) => c.codes.buffer as ArrayBuffer),
        )
      : outcome;
  },
};

Comlink.expose(api);
