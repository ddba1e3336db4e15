/**
 * The CLI's second core: one worker thread running kmeans-thread.mjs beside the main thread.
 * `unref` keeps an idle thread from holding the process open. The thread starts with the first
 * fits, not with the process, so it takes no memory while the file is read; its young generation
 * is kept small, as its garbage is one fit's arrays at a time (on a 43,000-customer file the
 * default let the thread's heap add about 40 MiB to the process's peak).
 */
import { Worker } from 'node:worker_threads';
import type { KMeansFit, KMeansOptions } from '../core/cluster/kmeans.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import type { Points } from '../core/types.ts';

type Reply = { id: number; fits: KMeansFit[] } | { id: number; error: string };

export function nodeKMeansPool(threadScript: URL): KMeansPool & { close(): Promise<number> } {
  let started: Worker | null = null;
  const thread = (): Worker => {
    if (started) return started;
    const worker = new Worker(threadScript, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
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
    return (started = worker);
  };
  const waiting = new Map<
    number,
    { resolve: (fits: KMeansFit[]) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  return {
    fitMany(points: Points, ks: readonly number[], options: KMeansOptions) {
      const id = nextId++;
      return new Promise<KMeansFit[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread().ref();
        thread().postMessage({ id, points, ks, options });
      }).finally(() => {
        if (waiting.size === 0) started?.unref();
      });
    },
    close: async () => (started ? started.terminate() : 0),
  };
}
