/** A Node worker thread that fits k-means for the k values it is sent (see kmeans-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { fitKMeans, type KMeansOptions } from '../core/cluster/kmeans.ts';
import type { Points } from '../core/types.ts';

interface Request {
  id: number;
  points: Points;
  ks: number[];
  options: KMeansOptions;
}

parentPort?.on('message', ({ id, points, ks, options }: Request) => {
  try {
    parentPort?.postMessage({ id, fits: ks.map((k) => fitKMeans(points, k, options)) });
  } catch (error) {
    parentPort?.postMessage({ id, error: String(error) });
  }
});
