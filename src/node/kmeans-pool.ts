/**
 * The CLI's second core: one worker thread running kmeans-thread.mjs beside the main thread.
 * `unref` keeps an idle thread from holding the process open.
 */
import { Worker } from 'node:worker_threads';
import type { KMeansFit, KMeansOptions } from '../core/cluster/kmeans.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import type { Points } from '../core/types.ts';

type Reply = { id: number; fits: KMeansFit[] } | { id: number; error: string };

export function nodeKMeansPool(threadScript: URL): KMeansPool & { close(): Promise<number> } {
  const worker = new Worker(threadScript);
  worker.unref();
  const waiting = new Map<
    number,
    { resolve: (fits: KMeansFit[]) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  worker.on('message', (reply: Reply) => {
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) entry?.reject(new Error(reply.error));
    else entry?.resolve(reply.fits);
  });
  worker.on('error', (error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  });
  return {
    fitMany(points: Points, ks: readonly number[], options: KMeansOptions) {
      const id = nextId++;
      return new Promise<KMeansFit[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, points, ks, options });
      }).finally(() => {
        if (waiting.size === 0) worker.unref();
      });
    },
    close: () => worker.terminate(),
  };
}
