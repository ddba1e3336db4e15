import { throwIfAborted } from '../errors.ts';
import type { Reporter } from '../progress.ts';
import type { Points } from '../types.ts';
import {
  bestOfParts,
  DEFAULT_RESTARTS,
  fitKMeans,
  type FitTask,
  fitTask,
  type KMeansFit,
  type KMeansOptions,
} from './kmeans.ts';
import { calinskiHarabasz, daviesBouldin } from './metrics.ts';
import {
  type Labeling,
  type PairPart,
  silhouetteSample,
  silhouetteScoresInTwo,
  silhouetteScoresShared,
} from './silhouette.ts';
import { DEFAULT_SEED } from '../random.ts';

/**
 * Exact silhouette costs one distance per pair of customers. At 20,000 customers that is 2 x 10^8
 * distances for the whole k sweep, about a second here (see README "Speed"); beyond it a seeded
 * sample of 10,000 customers estimates it to about +-0.01 and the result says so.
 */
export const EXACT_SILHOUETTE_MAX = 20_000;
export const SILHOUETTE_SAMPLE_SIZE = 10_000;

export interface SweepOptions extends KMeansOptions {
  kMin?: number;
  kMax?: number;
}

export interface SweepPoint {
  k: number;
  inertia: number;
  silhouette: number;
  calinski_harabasz: number;
  davies_bouldin: number;
  sizes: number[];
  /** Customers the silhouette was computed on: all of them, or a seeded sample. */
  silhouette_sample_size: number;
}

/**
 * Somewhere else to run k-means fits at the same time as this thread: a worker thread in Node, a
 * nested Web Worker in the browser. Each k's fit is seeded from (seed, k) alone, so results are
 * the same whichever thread fits which k.
 */
export interface KMeansPool {
  fitMany(points: Points, ks: readonly number[], options: KMeansOptions): Promise<KMeansFit[]>;
  /**
   * Fits `tasks` taken one at a time, as this thread does, from a shared counter (`claims[0]`:
   * the index of the next task not taken; over a SharedArrayBuffer), handing each fit to `onFit`
   * as it is made, until none is left; if it can (another thread that shares memory).
   */
  fitClaimed?(
    points: Points,
    tasks: readonly FitTask[],
    options: KMeansOptions,
    claims: Int32Array,
    onFit: (task: number, fit: KMeansFit) => void,
  ): Promise<void>;
  /** One part of the silhouette's pass over the pairs (silhouettePartSums), if it can. */
  silhouetteSums?(
    points: Points,
    labelings: readonly Labeling[],
    part: PairPart,
  ): Promise<Float64Array>;
}

export interface Sweep {
  points: SweepPoint[];
  /** The best fit for every k, so choosing another k needs no new clustering. */
  fits: KMeansFit[];
  suggestedK: number;
}

/** Distinct points, up to `limit`: k-means cannot find more clusters than there are. */
/** Customers per cluster (labels 0..k-1), largest first, as the sweep reports them. O(n + k log k). */
export function sizesLargestFirst(labels: ArrayLike<number>, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]!++;
  return sizes.sort((a, b) => b - a);
}

export function countDistinctPoints(points: Points, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < points.count && seen.size < limit; i++)
    seen.add(points.values.subarray(i * points.dims, (i + 1) * points.dims).join(','));
  return seen.size;
}

/** The k values a sweep can use for this many customers: silhouette needs 2 <= k <= n - 1. */
export function feasibleKs(points: Points, kMin: number, kMax: number): number[] {
  const distinct = countDistinctPoints(points, kMax + 1);
  const top = Math.min(kMax, points.count - 1, distinct);
  const ks: number[] = [];
  for (let k = Math.max(2, kMin); k <= top; k++) ks.push(k);
  return ks;
}

/**
 * The elbow of the inertia curve ("kneedle"): with k and inertia both scaled to [0, 1], the k
 * whose point lies farthest below the straight line from the first to the last point.
 */
export function elbowK(points: readonly Pick<SweepPoint, 'k' | 'inertia'>[]): number {
  if (points.length <= 2) return points[0]?.k ?? 2;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const spanK = last.k - first.k;
  const spanI = first.inertia - last.inertia || 1;
  let best = first.k;
  let bestGap = -Infinity;
  for (const p of points) {
    const x = (p.k - first.k) / spanK;
    const y = (p.inertia - last.inertia) / spanI; // 1 at the first point, 0 at the last
    const gap = 1 - x - y; // distance below the chord y = 1 - x, up to a constant factor
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = p.k;
    }
  }
  return best;
}

/** Lets queued events run (the pool's answers, and other work of this thread's). */
const yieldToEvents = () =>
  new Promise<void>((resolve) =>
    // Node's timers wait at least a millisecond; its setImmediate runs after the events only.
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/**
 * The sweep's fits as tasks for two threads that take them in turn: each k's starts in two
 * halves, the costliest first (a fit costs roughly in proportion to k). The last tasks are then
 * small, so the thread that runs out of tasks first waits for the other at most about one half of
 * a k = 2 fit (a whole fit of k = 2 or 3 before: 20 to 75 ms of a 0.7 s sweep here).
 */
export function fitTasks(ks: readonly number[], restarts: number): FitTask[] {
  const first = Math.ceil(restarts / 2);
  return [...ks]
    .sort((a, b) => b - a)
    .flatMap((k) =>
      first < restarts
        ? [
            { k, firstRestart: 0, restarts: first },
            { k, firstRestart: first, restarts: restarts - first },
          ]
        : [{ k, firstRestart: 0, restarts }],
    );
}

/**
 * `fitEvery` with a pool that takes its tasks itself (`fitClaimed`): neither thread waits for the
 * other to be handed its next task, as the pool does in `fitEvery` when this thread is busy with
 * other work or with a fit of its own. A task the pool took and never finished (it failed) is
 * fitted here at the end.
 */
async function fitClaimed(
  points: Points,
  ks: readonly number[],
  options: KMeansOptions,
  report: Reporter,
  signal: AbortSignal | undefined,
  pool: Required<Pick<KMeansPool, 'fitClaimed'>>,
): Promise<KMeansFit[]> {
  const tasks = fitTasks(ks, options.restarts ?? DEFAULT_RESTARTS);
  const parts: (KMeansFit | undefined)[] = new Array<KMeansFit | undefined>(tasks.length);
  let made = 0;
  const keep = (task: number, fit: KMeansFit) => {
    parts[task] = fit;
    report('sweep', ++made / (tasks.length + 1), points.count);
    return fit;
  };
  const claims = new Int32Array(new SharedArrayBuffer(4));
  // Asked before this thread's first wait, so the pool fits while this thread does other work.
  const pooled = pool.fitClaimed(points, tasks, options, claims, keep).catch(() => undefined);
  try {
    for (;;) {
      await yieldToEvents();
      throwIfAborted(signal);
      const task = Atomics.add(claims, 0, 1);
      if (task >= tasks.length) break;
      keep(task, fitTask(points, tasks[task]!, options));
    }
  } finally {
    // Nothing more for the pool to take, cancelled or not.
    Atomics.store(claims, 0, tasks.length);
  }
  await pooled;
  throwIfAborted(signal);
  // Every task's fit, in task order: one the pool took and never finished is made here.
  const all = tasks.map((task, i) => parts[i] ?? keep(i, fitTask(points, task, options)));
  // In the order of k, as `ks` is (feasibleKs).
  return ks.map((k) => bestOfParts(all.filter((_, i) => tasks[i]!.k === k)));
}

/**
 * One fit per k, in order of k, made here and on the pool at once. Each thread takes the costliest
 * k left (a fit costs roughly in proportion to k), so both finish at about the same time however
 * much other work this thread does between its fits: it yields before each one, so the pool's
 * answers are handled and other work waiting here (the CLI fits the lifetime value meanwhile)
 * runs while the pool fits. The pool is kept two fits ahead, so it never waits to be given the
 * next. A pool that fails leaves its k, and the rest, to this thread. Each fit is seeded by
 * (seed, k) alone, so the fits are the same whichever thread makes them.
 */
async function fitEvery(
  points: Points,
  ks: readonly number[],
  options: KMeansOptions,
  report: Reporter,
  signal: AbortSignal | undefined,
  pool: KMeansPool | undefined,
): Promise<KMeansFit[]> {
  const left = [...ks].sort((a, b) => b - a);
  const fits: KMeansFit[] = [];
  const done = () => report('sweep', fits.length / (ks.length + 1), points.count);
  let poolWorks = pool !== undefined;
  const feed = async (remote: KMeansPool) => {
    while (poolWorks && !signal?.aborted) {
      const k = left.shift();
      if (k === undefined) return;
      try {
        fits.push(...(await remote.fitMany(points, [k], options)));
        done();
      } catch {
        poolWorks = false;
        left.push(k);
      }
    }
  };
  const feeding = pool ? [feed(pool), feed(pool)] : [];
  for (;;) {
    await yieldToEvents();
    throwIfAborted(signal);
    const k = left.shift();
    if (k === undefined) break;
    fits.push(fitKMeans(points, k, options));
    done();
  }
  await Promise.all(feeding);
  throwIfAborted(signal);
  // What a pool that failed at the end gave back.
  for (let k = left.shift(); k !== undefined; k = left.shift())
    fits.push(fitKMeans(points, k, options));
  return fits.sort((a, b) => a.k - b.k);
}

export async function sweepK(
  points: Points,
  options: SweepOptions,
  report: Reporter,
  signal?: AbortSignal,
  pool?: KMeansPool,
): Promise<Sweep> {
  const ks = feasibleKs(points, options.kMin ?? 2, options.kMax ?? 10);
  const shared = ks.length > 1 ? pool : undefined;
  const fits =
    shared?.fitClaimed && typeof SharedArrayBuffer === 'function'
      ? await fitClaimed(points, ks, options, report, signal, {
          fitClaimed: shared.fitClaimed.bind(shared),
        })
      : await fitEvery(points, ks, options, report, signal, shared);
  throwIfAborted(signal);
  const labelings = fits.map((f) => ({ labels: f.labels, k: f.k }));
  const exact = points.count <= EXACT_SILHOUETTE_MAX;
  // Beyond EXACT_SILHOUETTE_MAX, the same on a seeded sample (silhouetteScoresSampled).
  const scored = exact
    ? { points, labelings }
    : silhouetteSample(points, labelings, SILHOUETTE_SAMPLE_SIZE, options.seed ?? DEFAULT_SEED);
  // The pool adds up half of the silhouette's pairs while this thread adds up the other half.
  const silhouettes = pool?.silhouetteSums
    ? await silhouetteScoresInTwo(scored.points, scored.labelings, (p, l) =>
        pool.silhouetteSums!(p, l, 1),
      )
    : silhouetteScoresShared(scored.points, scored.labelings);
  report('sweep', 1, points.count, true);

  const sweepPoints = fits.map((fit, i): SweepPoint => {
    return {
      k: fit.k,
      inertia: fit.inertia,
      silhouette: silhouettes[i]!,
      calinski_harabasz: calinskiHarabasz(points, fit.labels, fit.k),
      davies_bouldin: daviesBouldin(points, fit.labels, fit.k),
      sizes: sizesLargestFirst(fit.labels, fit.k),
      silhouette_sample_size: exact ? points.count : SILHOUETTE_SAMPLE_SIZE,
    };
  });
  return { points: sweepPoints, fits, suggestedK: elbowK(sweepPoints) };
}
