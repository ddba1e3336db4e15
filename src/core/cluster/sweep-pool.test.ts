/**
 * The k sweep on this thread and a pool at once (sweep.ts, fitEvery): both take the costliest k
 * left, so a pool that answers fast takes more; the fits are the same whoever makes them; a pool
 * that fails leaves its k to this thread; a cancelled sweep stops. A pool that can also adds up
 * half of the silhouette's pairs.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import { expectAnalysisError } from '../testing/fixtures.ts';
import type { Points } from '../types.ts';
import { fitKMeans, type KMeansOptions } from './kmeans.ts';
import { silhouettePartSums, silhouetteScoresSampled } from './silhouette.ts';
import {
  EXACT_SILHOUETTE_MAX,
  fitTasks,
  type KMeansPool,
  SILHOUETTE_SAMPLE_SIZE,
  type Sweep,
  sweepK,
} from './sweep.ts';

const noReport = () => undefined;
const options: KMeansOptions = { restarts: 2, seed: 7 };

/** 300 customers in three loose groups, 3 features. */
function customers(): Points {
  const rng = createRng(11);
  const values = new Float64Array(300 * 3);
  for (let i = 0; i < 300; i++)
    for (let j = 0; j < 3; j++) values[i * 3 + j] = (i % 3) * 4 * (j === i % 3 ? 1 : 0) + rng();
  return { count: 300, dims: 3, values };
}

/** A pool that fits here, records the k it was asked for, and answers when `answer` says. */
function recordingPool(
  answer: (fit: () => unknown) => Promise<unknown> = (fit) => Promise.resolve(fit()),
) {
  const asked: number[] = [];
  const pool: KMeansPool = {
    fitMany(points, ks, poolOptions) {
      asked.push(...ks);
      return answer(() => ks.map((k) => fitKMeans(points, k, poolOptions))) as ReturnType<
        KMeansPool['fitMany']
      >;
    },
  };
  return { pool, asked };
}

const summary = (sweep: Sweep) =>
  sweep.fits.map((f) => ({ k: f.k, inertia: f.inertia, labels: Array.from(f.labels) }));

describe('the k sweep with a pool', () => {
  const points = customers();
  const alone = sweepK(points, options, noReport);

  it('gives the same fits and scores as this thread alone, the costliest k asked first', async () => {
    const { pool, asked } = recordingPool(
      (fit) => new Promise((resolve) => setTimeout(() => resolve(fit()), 5)),
    );
    const shared = await sweepK(points, options, noReport, undefined, pool);
    const own = await alone;
    expect(summary(shared)).toEqual(summary(own));
    expect(shared.points).toEqual(own.points);
    expect(asked[0]).toBe(10);
    expect(asked[1]).toBe(9);
    // Both threads fitted some of the nine.
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.length).toBeLessThan(9);
  });

  it('a pool that answers at once takes every k while this thread is busy elsewhere', async () => {
    const { pool, asked } = recordingPool();
    const shared = sweepK(points, options, noReport, undefined, pool);
    // This thread's other work (the CLI's lifetime value) runs before its first fit.
    const t0 = performance.now();
    while (performance.now() - t0 < 20);
    expect(summary(await shared)).toEqual(summary(await alone));
    expect(asked).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it('a pool that never answers holds two k; this thread fits the rest', async () => {
    const release: (() => void)[] = [];
    const { pool, asked } = recordingPool(
      (fit) => new Promise((resolve) => release.push(() => resolve(fit()))),
    );
    const shared = sweepK(points, options, noReport, undefined, pool);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Still waiting for the pool's two: 10 and 9.
    expect(asked).toEqual([10, 9]);
    for (const answer of release) answer();
    expect(summary(await shared)).toEqual(summary(await alone));
  });

  it('a pool that fails leaves its k to this thread, with the same result', async () => {
    const { pool, asked } = recordingPool(() => Promise.reject(new Error('thread died')));
    const shared = await sweepK(points, options, noReport, undefined, pool);
    expect(summary(shared)).toEqual(summary(await alone));
    expect(asked).toEqual([10, 9]);
  });

  it('a cancelled sweep stops with "cancelled", whatever the pool still does', async () => {
    const controller = new AbortController();
    const { pool } = recordingPool(
      (fit) => new Promise((resolve) => setTimeout(() => resolve(fit()), 50)),
    );
    const shared = sweepK(points, options, noReport, controller.signal, pool);
    controller.abort(new AnalysisError('cancelled', 'The analysis was cancelled.'));
    await expectAnalysisError(shared, 'cancelled');
  });

  it('reports progress as fits arrive from either thread, up to all but the scores', async () => {
    const fractions: number[] = [];
    const { pool } = recordingPool(
      (fit) => new Promise((resolve) => setTimeout(() => resolve(fit()), 5)),
    );
    await sweepK(points, options, (_, fraction) => void fractions.push(fraction), undefined, pool);
    const beforeScores = fractions.slice(0, -1);
    expect(beforeScores).toEqual([...beforeScores].sort((a, b) => a - b));
    expect(beforeScores.at(-1)).toBeCloseTo(9 / 10);
    expect(fractions.at(-1)).toBe(1);
  });

  it('a pool that adds up silhouette sums is asked for the second part, with the same scores', async () => {
    const { pool } = recordingPool();
    const parts: number[] = [];
    const sharing: KMeansPool = {
      fitMany: pool.fitMany,
      silhouetteSums(scored, labelings, part) {
        parts.push(part);
        // Every k's labels, for the points the sweep scores.
        expect(labelings.map((l) => l.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(scored.count).toBe(points.count);
        return Promise.resolve(silhouettePartSums(scored, labelings, part));
      },
    };
    const shared = await sweepK(points, options, noReport, undefined, sharing);
    expect(parts).toEqual([1]);
    expect(shared.points).toEqual((await alone).points);
  });

  it('a pool whose silhouette sums fail leaves them to this thread, with the same scores', async () => {
    const { pool } = recordingPool();
    let asked = 0;
    const failing: KMeansPool = {
      fitMany: pool.fitMany,
      silhouetteSums() {
        asked++;
        return Promise.reject(new Error('thread died'));
      },
    };
    const shared = await sweepK(points, options, noReport, undefined, failing);
    expect(asked).toBe(1);
    expect(shared.points).toEqual((await alone).points);
  });

  it('beyond the exact silhouette’s limit, the pool helps score the seeded sample', async () => {
    const rng = createRng(5);
    const count = EXACT_SILHOUETTE_MAX + 1;
    const many: Points = { count, dims: 3, values: Float64Array.from({ length: count * 3 }, rng) };
    const few = { restarts: 1, seed: 3, kMin: 2, kMax: 3 };
    const { pool } = recordingPool();
    const sizes: number[] = [];
    const sharing: KMeansPool = {
      fitMany: pool.fitMany,
      silhouetteSums(scored, labelings, part) {
        sizes.push(scored.count);
        return Promise.resolve(silhouettePartSums(scored, labelings, part));
      },
    };
    const shared = await sweepK(many, few, noReport, undefined, sharing);
    expect(sizes).toEqual([SILHOUETTE_SAMPLE_SIZE]);
    const labelings = shared.fits.map(({ labels, k }) => ({ labels, k }));
    expect(shared.points.map((p) => p.silhouette)).toEqual(
      silhouetteScoresSampled(many, labelings, SILHOUETTE_SAMPLE_SIZE, 3),
    );
    expect(shared.points.every((p) => p.silhouette_sample_size === SILHOUETTE_SAMPLE_SIZE)).toBe(
      true,
    );
  });
});

/**
 * A pool that takes its tasks from the shared counter (`fitClaimed`), here on this thread:
 * `before(i)` runs before each of its claims (a wait, or a failure).
 */
function claimingPool(before: (claim: number) => Promise<void> | void = () => undefined) {
  const made: number[] = [];
  const pool: KMeansPool = {
    fitMany: () => Promise.reject(new Error('not asked when it can take its own tasks')),
    async fitClaimed(points, tasks, poolOptions, claims, onFit) {
      for (let claim = 0; ; claim++) {
        await before(claim);
        const task = Atomics.add(claims, 0, 1);
        if (task >= tasks.length) return;
        const { k, firstRestart, restarts } = tasks[task]!;
        made.push(task);
        onFit(task, fitKMeans(points, k, { ...poolOptions, firstRestart, restarts }));
      }
    },
  };
  return { pool, made };
}

describe('the k sweep with a pool that takes its own tasks', () => {
  const points = customers();
  const alone = sweepK(points, options, noReport);
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  it('cuts each k in two halves of its starts, the costliest k first', () => {
    expect(fitTasks([2, 4, 3], 10)).toEqual([
      { k: 4, firstRestart: 0, restarts: 5 },
      { k: 4, firstRestart: 5, restarts: 5 },
      { k: 3, firstRestart: 0, restarts: 5 },
      { k: 3, firstRestart: 5, restarts: 5 },
      { k: 2, firstRestart: 0, restarts: 5 },
      { k: 2, firstRestart: 5, restarts: 5 },
    ]);
    expect(fitTasks([2], 3)).toEqual([
      { k: 2, firstRestart: 0, restarts: 2 },
      { k: 2, firstRestart: 2, restarts: 1 },
    ]);
    expect(fitTasks([3, 2], 1)).toEqual([
      { k: 3, firstRestart: 0, restarts: 1 },
      { k: 2, firstRestart: 0, restarts: 1 },
    ]);
  });

  it('gives the same fits and scores as this thread alone, each task made once', async () => {
    const { pool, made } = claimingPool(() => wait(2));
    const shared = await sweepK(points, options, noReport, undefined, pool);
    const own = await alone;
    expect(summary(shared)).toEqual(summary(own));
    expect(shared.points).toEqual(own.points);
    // The pool made some but not all of the 18 (9 k, two halves each), in the order taken.
    expect(made).toEqual([...made].sort((a, b) => a - b));
    expect(new Set(made).size).toBe(made.length);
    expect(made.length).toBeGreaterThan(0);
    expect(made.length).toBeLessThan(18);
  });

  it('a pool that takes tasks at once takes all of them while this thread is busy elsewhere', async () => {
    const { pool, made } = claimingPool();
    const shared = sweepK(points, options, noReport, undefined, pool);
    expect(summary(await shared)).toEqual(summary(await alone));
    expect(made).toEqual(Array.from({ length: 18 }, (_, i) => i));
  });

  it('a pool that fails after taking a task leaves it to this thread, with the same result', async () => {
    const { pool, made } = claimingPool((claim) => {
      if (claim === 3) throw new Error('thread died');
    });
    let taken = 0;
    const failing: KMeansPool = {
      ...pool,
      fitClaimed(scored, tasks, poolOptions, claims, onFit) {
        // Takes one more task than it makes: the one it was making when it died.
        return pool.fitClaimed!(scored, tasks, poolOptions, claims, (task, fit) => {
          taken++;
          onFit(task, fit);
          if (taken === 3) Atomics.add(claims, 0, 1);
        });
      },
    };
    const shared = await sweepK(points, options, noReport, undefined, failing);
    expect(made).toEqual([0, 1, 2]);
    expect(summary(shared)).toEqual(summary(await alone));
  });

  it('a cancelled sweep stops with "cancelled" and leaves the pool no task to take', async () => {
    const controller = new AbortController();
    let claimsLeft: Int32Array | undefined;
    const { pool, made } = claimingPool(() => wait(30));
    const watching: KMeansPool = {
      ...pool,
      fitClaimed(scored, tasks, poolOptions, claims, onFit) {
        claimsLeft = claims;
        return pool.fitClaimed!(scored, tasks, poolOptions, claims, onFit);
      },
    };
    const shared = sweepK(points, options, noReport, controller.signal, watching);
    controller.abort(new AnalysisError('cancelled', 'The analysis was cancelled.'));
    await expectAnalysisError(shared, 'cancelled');
    expect(claimsLeft?.[0]).toBeGreaterThanOrEqual(18);
    await wait(40);
    expect(made).toEqual([]);
  });

  it('reports progress as either thread makes a task, up to all but the scores', async () => {
    const fractions: number[] = [];
    const stages = new Set<string>();
    const { pool } = claimingPool(() => wait(1));
    await sweepK(
      points,
      options,
      (stage, fraction) => {
        stages.add(stage);
        fractions.push(fraction);
      },
      undefined,
      pool,
    );
    expect([...stages]).toEqual(['sweep']);
    const beforeScores = fractions.slice(0, -1);
    expect(beforeScores).toEqual([...beforeScores].sort((a, b) => a - b));
    expect(beforeScores).toHaveLength(18);
    expect(beforeScores.at(-1)).toBeCloseTo(18 / 19);
    expect(fractions.at(-1)).toBe(1);
  });
});
