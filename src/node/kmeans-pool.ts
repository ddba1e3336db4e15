/**
 * The CLI's second core: one worker thread running kmeans-thread.mjs beside the main thread. It
 * reads the second half of a file of SPLIT_MIN_BYTES or more while the main thread reads the
 * first, then fits part of the k sweep and adds up half of the silhouette's pairs. `unref` keeps
 * an idle thread from holding the process open. `start` has the thread boot while the main thread
 * loads its modules and sniffs the file: booting a Node thread took 0.15 to 0.2 s on a 2-core
 * machine, which otherwise came first in the read's (or the sweep's) time. Its young generation
 * is kept small, as its garbage is one fit's arrays at a time (on a 43,000-customer file the
 * default let the thread's heap add about 40 MiB to the process's peak).
 * A thread that read a large part of a file (`endReaderFrom` bytes or more) is ended once its part
 * is handed over (when nothing else is asked of it) and the sweep starts another: on ten times
 * the UCI file the reading thread's heap and allocator memory were about 20 MiB of the process's
 * peak (medians of 5 runs: 320 against 300 MiB), and a new thread costs a few tens of
 * milliseconds beside the main thread's cleaning. After a smaller part it is kept, and warms up
 * the sweep's code (warm-up.ts) while the main thread cleans the file: on the UCI file its
 * k-means and silhouette code had run unoptimized at first, and its half of the silhouette had
 * taken 130 ms to the main thread's 75.
 */
import { Worker } from 'node:worker_threads';
import type { FitTask, KMeansFit, KMeansOptions } from '../core/cluster/kmeans.ts';
import type { Labeling, PairPart } from '../core/cluster/silhouette.ts';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import type { RestOutcome, RestReader, RestRequest } from '../core/ingest/split.ts';
import type { Points } from '../core/types.ts';
import type { FileRange } from './file-source.ts';
import type { Request, WarmUpMessage } from './kmeans-thread.ts';

type Reply =
  | { id: number; fits: KMeansFit[] }
  | { id: number; task: number; fit: KMeansFit }
  | { id: number; done: true }
  | { id: number; sums: Float64Array }
  | { id: number; outcome: RestOutcome }
  | { id: number; error: string };

/** Parts of this many bytes or more end the thread that read them (see above). */
const END_READER_FROM_BYTES = 32 << 20;

export function nodeKMeansPool(
  threadScript: URL | string,
  { endReaderFrom = END_READER_FROM_BYTES }: { endReaderFrom?: number } = {},
): Required<KMeansPool> &
  RestReader & {
    start(): void;
    close(): Promise<number>;
    readonly threads: number;
    readonly warmUps: number;
  } {
  let started: Worker | null = null;
  let threads = 0;
  const waiting = new Map<
    number,
    {
      resolve: (reply: Reply) => void;
      reject: (e: Error) => void;
      /** Replies before the last (`fitClaimed`'s fits). */
      partial?: ((reply: Reply) => void) | undefined;
    }
  >();
  const thread = (): Worker => {
    if (started) return started;
    const worker = new Worker(threadScript, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    threads++;
    worker.on('message', (reply: Reply) => {
      const entry = waiting.get(reply.id);
      if ('fit' in reply) return entry?.partial?.(reply);
      waiting.delete(reply.id);
      if ('error' in reply) entry?.reject(new Error(reply.error));
      else entry?.resolve(reply);
    });
    worker.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
    return (started = worker);
  };
  /** The thread last asked to warm up: asked once. */
  let warming: Worker | null = null;
  let warmUps = 0;
  const warmUp = () => {
    const worker = thread();
    if (warming === worker) return;
    warming = worker;
    warmUps++;
    if (waiting.size === 0) worker.unref();
    worker.postMessage({ warmUp: true } satisfies WarmUpMessage);
  };
  let nextId = 0;
  const ask = (request: Request, partial?: (reply: Reply) => void) =>
    new Promise<Reply>((resolve, reject) => {
      waiting.set(request.id, { resolve, reject, partial });
      thread().ref();
      thread().postMessage(request);
    }).finally(() => {
      if (waiting.size === 0) started?.unref();
    });
  return {
    async fitMany(points: Points, ks: readonly number[], options: KMeansOptions) {
      const reply = await ask({ id: nextId++, points, ks: [...ks], options });
      if (!('fits' in reply)) throw new Error('the k-means thread answered a fit with no fits');
      return reply.fits;
    },
    async fitClaimed(
      points: Points,
      tasks: readonly FitTask[],
      options: KMeansOptions,
      claims: Int32Array,
      onFit: (task: number, fit: KMeansFit) => void,
    ) {
      const request = { id: nextId++, points, tasks: [...tasks], options, claims };
      const reply = await ask(request, (partial) => {
        if ('fit' in partial) onFit(partial.task, partial.fit);
      });
      if (!('done' in reply)) throw new Error('the k-means thread did not finish its tasks');
    },
    async silhouetteSums(points: Points, labelings: readonly Labeling[], part: PairPart) {
      const reply = await ask({ id: nextId++, points, labelings: [...labelings], part });
      if (!('sums' in reply)) throw new Error('the k-means thread answered sums with no sums');
      return reply.sums;
    },
    async readRest(handle: unknown, request: RestRequest): Promise<RestOutcome> {
      const range = handle as FileRange;
      const reply = await ask({ id: nextId++, rest: range, request });
      if (started && waiting.size === 0 && range.end - range.start >= endReaderFrom) {
        void started.terminate();
        started = null;
      } else warmUp();
      return 'outcome' in reply ? reply.outcome : { failed: 'other' };
    },
    /** Boots the thread now, idle (unref'd) until something is asked of it. */
    start: () => void thread().unref(),
    close: async () => (started ? started.terminate() : 0),
    /** Threads started so far (one more after each read of half a file that is followed by work). */
    get threads() {
      return threads;
    },
    /** Threads asked to warm up (each that read a part and was kept). */
    get warmUps() {
      return warmUps;
    },
  };
}
