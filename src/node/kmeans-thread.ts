/**
 * A Node worker thread beside the main one (see kmeans-pool.ts): fits k-means for the k values it
 * is sent or the sweep's tasks it takes from a counter shared with the main thread, adds up one
 * part of the silhouette's pairs, or reads the second half of a large file while the main thread
 * reads the first. Asked to, it warms up the sweep's code (warm-up.ts) while the main thread
 * cleans the file, until the next request.
 */
import { parentPort } from 'node:worker_threads';
import { type FitTask, fitKMeans, fitTask, type KMeansOptions } from '../core/cluster/kmeans.ts';
import { type Labeling, type PairPart, silhouettePartSums } from '../core/cluster/silhouette.ts';
import { warmUp } from '../core/cluster/warm-up.ts';
import { readRest, type RestRequest } from '../core/ingest/split.ts';
import type { Points } from '../core/types.ts';
import { type FileRange, fileSource } from './file-source.ts';

export type Request =
  | { id: number; points: Points; ks: number[]; options: KMeansOptions }
  | {
      id: number;
      points: Points;
      tasks: FitTask[];
      options: KMeansOptions;
      /** Over a SharedArrayBuffer: the main thread takes tasks from the same counter. */
      claims: Int32Array;
    }
  | { id: number; points: Points; labelings: Labeling[]; part: PairPart }
  | { id: number; rest: FileRange; request: RestRequest };

/** Warm up until the next request; answered with nothing. */
export interface WarmUpMessage {
  warmUp: true;
}

/** Set by every request: a warm-up stops at its next step. */
let requested = false;

parentPort?.on('message', (message: Request | WarmUpMessage) => {
  if ('warmUp' in message) {
    requested = false;
    // Steps between messages: setImmediate lets a request in before the next one.
    void warmUp(
      () => requested,
      undefined,
      (go) => setImmediate(go),
    );
    return;
  }
  requested = true;
  const { id } = message;
  if ('rest' in message) {
    const { path, start, end } = message.rest;
    void readRest(fileSource(path, { start, end }), message.request).then((outcome) =>
      parentPort?.postMessage(
        { id, outcome },
        'part' in outcome
          ? outcome.part.columns.flatMap(({ codes, keys }) =>
              [codes, keys.bytes, keys.start, keys.length, keys.hash].map(
                (array) => array.buffer as ArrayBuffer,
              ),
            )
          : [],
      ),
    );
    return;
  }
  try {
    if ('part' in message) {
      const sums = silhouettePartSums(message.points, message.labelings, message.part);
      parentPort?.postMessage({ id, sums }, [sums.buffer as ArrayBuffer]);
      return;
    }
    if ('claims' in message) {
      fitClaimed(message);
      return;
    }
    const { points, ks, options } = message;
    parentPort?.postMessage({ id, fits: ks.map((k) => fitKMeans(points, k, options)) });
  } catch (error) {
    parentPort?.postMessage({ id, error: String(error) });
  }
});

/** Fits the tasks it takes from the shared counter, each posted as it is made, then `done`. */
function fitClaimed({
  id,
  points,
  tasks,
  options,
  claims,
}: Extract<Request, { claims: Int32Array }>) {
  for (
    let task = Atomics.add(claims, 0, 1);
    task < tasks.length;
    task = Atomics.add(claims, 0, 1)
  ) {
    const fit = fitTask(points, tasks[task]!, options);
    parentPort?.postMessage({ id, task, fit }, [
      fit.labels.buffer as ArrayBuffer,
      fit.centroids.buffer as ArrayBuffer,
    ]);
  }
  parentPort?.postMessage({ id, done: true });
}
